using System.CommandLine;
using Strata.Catalog.Profiles;
using Strata.Cli.Rendering;
using Strata.Engine.Migration;
using Strata.Engine;
using Strata.Rendering.Json;

namespace Strata.Cli.Commands;

/// <summary><c>strata migrate PROFILE</c>: an ordered plan from the profile's <c>current:</c> stack (or --from) to the recommended one (or --to).</summary>
public static class MigrateCommand
{
    public static Command Build(CliEnvironment env)
    {
        var profileArg = new Argument<string>("PROFILE") { Description = "A profile file (its current: stack is the starting point), or a scenario id with --from." };
        var fromOption = new Option<string?>("--from") { Description = "Today's stack, layer=id,… (overrides the profile's current:).", HelpName = "STACK" };
        var toOption = new Option<string?>("--to") { Description = "The target stack, layer=id,… (default: what 'strata recommend' chooses).", HelpName = "STACK" };
        var output = GlobalOptions.Output("table", "json");
        var evidence = GlobalOptions.Evidence();
        var cmd = new Command("migrate",
            "Plan the move from today's stack to the recommended one: the steps of the seeds' migration paths (003 §17.7.2) for each " +
            "layer that changes, with whether each applies to this profile, its rollback point, which paths can run in parallel, the " +
            "compatibility warnings (§17.7.3) and where the stacks sit on the evolution path (§17.7.1).\n\n" +
            "Examples:\n  strata migrate profile.yaml\n  strata migrate edge --from orchestration=kubernetes,runtime=runc,container-engine=docker")
        {
            profileArg, fromOption, toOption, output, evidence,
        };
        cmd.SetAction(parse =>
        {
            if (!CatalogAccess.TryLoad(parse, env, profileArg, out var catalog, out var profile))
            {
                return ExitCodes.BadInput;
            }
            var errors = new List<string>();
            var from = parse.GetValue(fromOption) is { } f ? StackArgument.Parse(f, catalog, errors) : profile.Current;
            var to = parse.GetValue(toOption) is { } t ? StackArgument.Parse(t, catalog, errors) : null;
            if (errors.Count > 0)
            {
                errors.ForEach(e => env.Error.WriteLine($"strata: {e}."));
                return ExitCodes.BadInput;
            }
            if (from is null)
            {
                env.Error.WriteLine("strata: the profile has no 'current:' stack; give today's stack with --from layer=id,….");
                return ExitCodes.BadInput;
            }
            if (to is null)
            {
                var decision = GlobalOptions.Engine(parse, evidence, catalog).Decide(profile);
                if (decision.Winner is not { } w)
                {
                    env.Error.WriteLine("strata: nothing is feasible for this profile, so there is no target; 'strata recommend' shows the conflicts.");
                    return ExitCodes.No;
                }
                to = w.Stack;
            }
            var plan = MigrationPlanner.Plan(catalog, profile, from, to);
            if (parse.GetValue(output) == "json")
            {
                MigrationJson.Write(env.Out, plan);
            }
            else
            {
                MigrationTables.Write(env.Console, plan);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
