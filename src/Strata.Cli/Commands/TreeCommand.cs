using System.CommandLine;
using Strata.Cli.Rendering;
using Strata.Rendering.Json;

namespace Strata.Cli.Commands;

/// <summary><c>strata tree TREE PROFILE</c>: walk one of the catalogue's decision trees on a profile.</summary>
public static class TreeCommand
{
    public static Command Build(CliEnvironment env)
    {
        var treeArg = new Argument<string>("TREE") { Description = "A tree id: global, scenario-edge, layer-runtime, extension-serverless, … (an unknown id lists them all)." };
        var profileArg = new Argument<string>("PROFILE") { Description = "A profile file, or a scenario id." };
        var output = GlobalOptions.Output("table", "json");
        var cmd = new Command("tree",
            "Walk a decision tree of the seeds on a profile and show the path taken: each question, the condition that held " +
            "(conditions the profile leaves unknown are not taken, and say so) and the outcome.\n\n" +
            "Examples:\n  strata tree global examples/edge.yaml\n  strata tree scenario-serverless serverless -o json")
        {
            treeArg,
            profileArg,
            output,
        };
        cmd.SetAction(parse =>
        {
            var outcome = env.Application.WalkTree(GlobalOptions.Request(parse, profileArg), parse.GetValue(treeArg)!);
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } walk)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                TreeJson.Write(env.Out, walk.Tree, walk.Profile, walk.Outcome);
            }
            else
            {
                TreeTables.Write(env.Console, walk.Tree, walk.Profile, walk.Outcome);
            }
            return code;
        });
        return cmd;
    }
}
