using System.CommandLine;
using Strata.Catalog.Profiles;
using Strata.Cli.Rendering;
using Strata.Engine;
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
            if (!CatalogAccess.TryLoad(parse, env, out var catalog))
            {
                return ExitCodes.BadInput;
            }
            var treeId = parse.GetValue(treeArg)!;
            if (catalog.Tree(treeId) is not { } tree)
            {
                env.Error.WriteLine($"strata: there is no tree '{treeId}'{Catalog.Reading.Suggestions.DidYouMean(treeId, catalog.Trees.Select(t => t.Id))}. Trees: {string.Join(", ", catalog.Trees.Select(t => t.Id))}.");
                return ExitCodes.BadInput;
            }
            var loaded = ProfileLoader.Load(parse.GetValue(profileArg)!, catalog);
            DiagnosticsRenderer.Write(env.Error, loaded.Diagnostics);
            if (loaded.Profile is not { } profile)
            {
                return ExitCodes.BadInput;
            }
            var outcome = new DecisionEngine(catalog).Walk(tree, profile);
            if (parse.GetValue(output) == "json")
            {
                TreeJson.Write(env.Out, tree, profile, outcome);
            }
            else
            {
                TreeTables.Write(env.Console, tree, profile, outcome);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
