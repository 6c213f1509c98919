using Strata.Application;
using Strata.Cli.Rendering;

namespace Strata.Cli.Commands;

/// <summary>How a command tells the user what the application layer said: diagnostics and problems on standard error, the kind as an exit code.</summary>
public static class Answers
{
    public static int ExitCode(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Success => ExitCodes.Ok,
        OutcomeKind.DomainNo => ExitCodes.No,
        _ => ExitCodes.BadInput,
    };

    /// <summary>
    /// Writes the outcome's diagnostics, then its problems in the CLI's words; returns the exit code of its kind.
    /// <paramref name="stackOption"/> names the option a bad stack came from ("--stack"), when it should be said.
    /// </summary>
    public static int Report<T>(CliEnvironment env, Outcome<T> outcome, string? stackOption = null) where T : class
    {
        DiagnosticsRenderer.Write(env.Error, outcome.Diagnostics);
        foreach (var p in outcome.Problems)
        {
            env.Error.WriteLine(Sentence(p, stackOption));
        }
        return ExitCode(outcome.Kind);
    }

    /// <summary>A problem as one line, with the advice that fits the command line.</summary>
    public static string Sentence(Problem p, string? stackOption = null) => p.Code switch
    {
        ProblemCodes.InvalidCatalogue => $"{p.Subject}: {p.Message}.",
        ProblemCodes.InconsistentWeights => $"{p.Subject}: error[{p.Code}]: {p.Message}. Revise them, or pass --force-ahp to use them anyway.",
        ProblemCodes.UnknownTechnology => $"strata: {p.Message}. 'strata catalog list' shows them all.",
        ProblemCodes.NoCurrentStack => $"strata: {p.Message}; give today's stack with --from layer=id,….",
        ProblemCodes.NothingFeasible => $"strata: {p.Message}; 'strata recommend' shows the conflicts.",
        ProblemCodes.BadStack when stackOption is not null => $"strata: {stackOption}: {p.Message}.",
        _ => $"strata: {p.Message}.",
    };
}
