using System.CommandLine;
using Strata.Cli.Rendering;
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
            var outcome = env.Application.Explain(GlobalOptions.Request(parse, profileArg, evidence), parse.GetValue(stackOption)!);
            var code = Answers.Report(env, outcome, stackOption: "--stack");
            if (outcome.Value is not { } x)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                ExplainJson.Write(env.Out, x.Decision, x.Asked, x.Assessment);
            }
            else
            {
                ExplainTables.Write(env.Console, x.Decision, x.Asked, x.Assessment);
            }
            return code;
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
            var outcome = env.Application.Compare(GlobalOptions.Request(parse, profileArg, evidence), parse.GetValue(a)!, parse.GetValue(b)!);
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } c)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                ExplainJson.WriteComparison(env.Out, c.Decision, c.First, c.Second, c.Comparison);
            }
            else
            {
                ExplainTables.WriteComparison(env.Console, c.First, c.Second, c.Comparison);
            }
            return code;
        });
        return cmd;
    }
}
