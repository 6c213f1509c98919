using System.CommandLine;
using Strata.Cli.Rendering;
using Strata.Rendering.Json;

namespace Strata.Cli.Commands;

/// <summary><c>strata diff-evidence PROFILE</c>: the decision on the seeds' figures against the decision on primary sources.</summary>
public static class DiffEvidenceCommand
{
    public static Command Build(CliEnvironment env)
    {
        var profileArg = new Argument<string>("PROFILE") { Description = "A profile file, or a scenario id." };
        var output = GlobalOptions.Output("table", "json");
        var cmd = new Command("diff-evidence",
            "Decide a profile twice — on the seeds' figures and on primary sources (with measurements) — and show where the " +
            "answers differ and which figures make the difference.\n\nExamples:\n  strata diff-evidence examples/edge.yaml\n  strata diff-evidence serverless -o json")
        {
            profileArg,
            output,
        };
        cmd.SetAction(parse =>
        {
            var outcome = env.Application.DiffEvidence(GlobalOptions.Request(parse, profileArg));
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } diff)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                EvidenceJson.Write(env.Out, diff);
            }
            else
            {
                EvidenceTables.Write(env.Console, diff);
            }
            return code;
        });
        return cmd;
    }
}
