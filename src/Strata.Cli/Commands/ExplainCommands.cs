using System.CommandLine;
using Strata.Catalog.Profiles;
using Strata.Cli.Rendering;
using Strata.Engine.Decisions;
using Strata.Engine;
using Strata.Model.Entities;
using Strata.Rendering.Json;

namespace Strata.Cli.Commands;

/// <summary><c>strata explain</c> and <c>strata compare</c>: one stack, or two, examined in full against a profile.</summary>
public static class ExplainCommands
{
    public static Command Explain(CliEnvironment env)
    {
        var profileArg = new Argument<string>("PROFILE") { Description = "A profile file, or a scenario id." };
        var stackOption = new Option<string>("--stack")
        {
            Description = "The stack to examine: layer=id,… (or bare ids). Layers you leave out are filled from the best feasible stack with your choices.",
            Required = true,
            HelpName = "STACK",
        };
        var output = GlobalOptions.Output("table", "json");
        var evidence = GlobalOptions.Evidence();
        var cmd = new Command("explain",
            "Examine one stack against a profile: every technology against every constraint (match, partial, mismatch, with the " +
            "figures and their provenance), the compatibility rules, each criterion's value and weighted contribution, its rank, " +
            "and what separates it from the winner.\n\nExamples:\n  strata explain examples/edge.yaml --stack runtime=wasmedge\n" +
            "  strata explain edge --stack orchestration=kubernetes,runtime=runc -o json")
        {
            profileArg,
            stackOption,
            output,
            evidence,
        };
        cmd.SetAction(parse =>
        {
            if (!CatalogAccess.TryLoad(parse, env, profileArg, out var catalog, out var profile))
            {
                return ExitCodes.BadInput;
            }
            var errors = new List<string>();
            var stack = StackArgument.Parse(parse.GetValue(stackOption)!, catalog, errors);
            if (stack is null)
            {
                errors.ForEach(e => env.Error.WriteLine($"strata: --stack: {e}."));
                return ExitCodes.BadInput;
            }
            var engine = GlobalOptions.Engine(parse, evidence, catalog);
            var decision = engine.Decide(profile);
            var assessment = engine.ExplainPartial(profile, stack, decision);
            if (parse.GetValue(output) == "json")
            {
                ExplainJson.Write(env.Out, decision, stack, assessment);
            }
            else
            {
                ExplainTables.Write(env.Console, decision, stack, assessment);
            }
            return assessment.Feasible ? ExitCodes.Ok : ExitCodes.No;
        });
        return cmd;
    }

    public static Command Compare(CliEnvironment env)
    {
        var profileArg = new Argument<string>("PROFILE") { Description = "A profile file, or a scenario id." };
        var a = new Argument<string>("STACK-A") { Description = "A stack: layer=id,… (or bare ids)." };
        var b = new Argument<string>("STACK-B") { Description = "Another stack." };
        var output = GlobalOptions.Output("table", "json");
        var evidence = GlobalOptions.Evidence();
        var cmd = new Command("compare",
            "Compare two stacks for a profile: feasibility, each criterion side by side, and which criteria decide between them.\n\n" +
            "Examples:\n  strata compare examples/edge.yaml k3s,wasmedge k3s,crun\n  strata compare edge runtime=runc runtime=gvisor -o json")
        {
            profileArg,
            a,
            b,
            output,
            evidence,
        };
        cmd.SetAction(parse =>
        {
            if (!CatalogAccess.TryLoad(parse, env, profileArg, out var catalog, out var profile))
            {
                return ExitCodes.BadInput;
            }
            var errors = new List<string>();
            var sa = StackArgument.Parse(parse.GetValue(a)!, catalog, errors);
            var sb = StackArgument.Parse(parse.GetValue(b)!, catalog, errors);
            if (sa is null || sb is null)
            {
                errors.ForEach(e => env.Error.WriteLine($"strata: {e}."));
                return ExitCodes.BadInput;
            }
            var engine = GlobalOptions.Engine(parse, evidence, catalog);
            var decision = engine.Decide(profile);
            var first = engine.ExplainPartial(profile, sa, decision);
            var second = engine.ExplainPartial(profile, sb, decision);
            var comparison = DecisionEngine.Compare(first.AsRanked(), second.AsRanked());
            if (parse.GetValue(output) == "json")
            {
                ExplainJson.WriteComparison(env.Out, decision, first, second, comparison);
            }
            else
            {
                ExplainTables.WriteComparison(env.Console, first, second, comparison);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
