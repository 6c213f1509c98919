using System.CommandLine;
using Strata.Cli.Rendering;
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
            var outcome = env.Application.Migrate(GlobalOptions.Request(parse, profileArg, evidence), parse.GetValue(fromOption), parse.GetValue(toOption));
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } plan)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                MigrationJson.Write(env.Out, plan);
            }
            else
            {
                MigrationTables.Write(env.Console, plan);
            }
            return code;
        });
        return cmd;
    }
}
