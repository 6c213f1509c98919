namespace Strata.Cli.Tests;

/// <summary>Runs the CLI in-process with captured, colourless output at a fixed width.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = StrataApp.Run(args, new CliEnvironment(output, error, color: false, width: 120));
        return new Result(code, output.ToString(), error.ToString());
    }
}
