using System.CommandLine;
using Strata.Cli.Rendering;
using Strata.Rendering.Json;

namespace Strata.Cli.Commands;

/// <summary><c>strata audit CASE|TABLE</c> and <c>strata audit --all</c>: recompute the seeds' decision tables.</summary>
public static class AuditCommand
{
    public static Command Build(CliEnvironment env)
    {
        var idArg = new Argument<string?>("ID") { Description = "A table id (seed-004-weighted-evaluation) or a case id whose evaluation table to audit.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Audit every table that states weights or a priority order." };
        var output = GlobalOptions.Output("table", "json");
        var cmd = new Command("audit",
            "Recompute a seed's decision table from its own inputs and compare with what it claims: totals, ranks and the winner " +
            "with stated weights; with only a stated priority order, the weights its totals imply and whether they respect that order.\n\n" +
            "Examples:\n  strata audit seed-004-weighted-evaluation\n  strata audit seed-003-edge-decision-matrix\n  strata audit --all -o json\n\n" +
            "Exit codes: 0 no defect changes a winner, 1 a defect changes a winner, 2 bad input.")
        {
            idArg,
            all,
            output,
        };
        cmd.SetAction(parse =>
        {
            var id = parse.GetValue(idArg);
            if (id is null == !parse.GetValue(all))
            {
                env.Error.WriteLine("strata: give a table or case id, or --all (one of them).");
                return ExitCodes.BadInput;
            }
            var outcome = env.Application.Audit(GlobalOptions.CatalogOf(parse), id);
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } result)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                AuditJson.Write(env.Out, result.Audits);
            }
            else
            {
                AuditTables.Write(env.Console, result.Audits);
            }
            return code;
        });
        return cmd;
    }
}
