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
    public CliEnvironment(TextWriter output, TextWriter error, bool color, int? width = null)
    {
        Out = output;
        Error = error;
        Application = new StrataApplication();
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = color ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (width is { } w)
        {
            Console.Profile.Width = w;
        }
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }

    /// <summary>The application layer every command calls: it loads the catalogue once and returns answers as data.</summary>
    public StrataApplication Application { get; }

    /// <summary>The console that renders tables to <see cref="Out"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The real process: colour unless NO_COLOR is set (https://no-color.org) or output is redirected.</summary>
    public static CliEnvironment FromProcess()
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var color = !noColor && !System.Console.IsOutputRedirected;
        return new CliEnvironment(System.Console.Out, System.Console.Error, color, System.Console.IsOutputRedirected ? 160 : null);
    }
}
