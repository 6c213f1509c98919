using System.CommandLine;
using Strata.Cli.Rendering;
using Strata.Rendering.Json;

namespace Strata.Cli.Commands;

/// <summary><c>strata reference [DIR]</c>: decide every profile of the reference suite and compare with what the real systems chose.</summary>
public static class ReferenceCommand
{
    public static Command Build(CliEnvironment env)
    {
        var dirArg = new Argument<string>("DIR") { Description = "A directory of reference profiles (each with a 'reference:' block).", DefaultValueFactory = _ => "examples/reference" };
        var output = GlobalOptions.Output("table", "json");
        var evidence = GlobalOptions.Evidence();
        var cmd = new Command("reference",
            "Decide each profile of a reference suite — real systems described from their public sources — and compare Strata's " +
            "answer with the per-layer choice the real system made. Prints k/N real decisions matched.\n\n" +
            "Examples:\n  strata reference\n  strata reference examples/reference -o json\n\n" +
            "Exit codes: 0 the suite was decided, 2 bad input (a broken profile, one without a reference block, no such directory).")
        {
            dirArg,
            output,
            evidence,
        };
        cmd.SetAction(parse =>
        {
            var outcome = env.Application.CheckReferences(parse.GetValue(dirArg)!, GlobalOptions.CatalogOf(parse), parse.GetValue(evidence)!);
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } suite)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                ReferenceJson.Write(env.Out, suite.Results);
            }
            else
            {
                ReferenceTables.Write(env.Console, suite.Results);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
