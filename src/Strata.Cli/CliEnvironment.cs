using Spectre.Console;
using Strata.Application;

namespace Strata.Cli;

/// <summary>
/// Where the CLI writes. Injected so tests capture output; the process uses the real console.
/// Data (tables, JSON) goes to <see cref="Out"/>; diagnostics and progress go to <see cref="Error"/>.
/// Commands ask <see cref="Application"/> for their answers; one per environment, so one per process.
/// </summary>
public sealed class CliEnvironment
{
    private readonly bool _color;
    private readonly int? _width;
    private IAnsiConsole? _console;

    public CliEnvironment(TextWriter output, TextWriter error, bool color, int? width = null)
        : this(output, error, color, width, new StrataApplication())
    {
    }

    /// <summary>An environment over another application (tests compare the bundled catalogue's two loads through every command).</summary>
    public CliEnvironment(TextWriter output, TextWriter error, bool color, int? width, StrataApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        Out = output;
        Error = error;
        Application = application;
        _color = color;
        _width = width;
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }

    /// <summary>The application layer every command calls: it loads the catalogue once and returns answers as data.</summary>
    public StrataApplication Application { get; }

    /// <summary>
    /// The console that renders tables to <see cref="Out"/>. Made on first use: terminal and colour
    /// detection cost start-up time that JSON output and --version never need.
    /// </summary>
    public IAnsiConsole Console => _console ??= CreateConsole();

    private IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = _color ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = _color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (_width is { } w)
        {
            console.Profile.Width = w;
        }
        return console;
    }

    /// <summary>The real process: colour unless NO_COLOR is set (https://no-color.org) or output is redirected.</summary>
    public static CliEnvironment FromProcess()
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var color = !noColor && !System.Console.IsOutputRedirected;
        var env = new CliEnvironment(System.Console.Out, System.Console.Error, color, System.Console.IsOutputRedirected ? 160 : null);
        Catalog.Loading.StartupTrace.Mark("console environment");
        return env;
    }
}
