using System.CommandLine;
using Strata.Cli.Rendering;
using Strata.Engine.Audit;
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
            if (!CatalogAccess.TryLoad(parse, env, out var catalog))
            {
                return ExitCodes.BadInput;
            }
            var id = parse.GetValue(idArg);
            if (id is null == !parse.GetValue(all))
            {
                env.Error.WriteLine("strata: give a table or case id, or --all (one of them).");
                return ExitCodes.BadInput;
            }
            List<Model.Entities.Table> tables;
            if (id is null)
            {
                tables = [.. catalog.Tables.Where(t => t.Evaluation is not null)];
            }
            else if (catalog.Table(id) is { } t)
            {
                tables = [t];
            }
            else if (catalog.Case(id)?.Evaluation is { } ev && catalog.Table(ev) is { } ct)
            {
                tables = [ct];
            }
            else
            {
                var known = catalog.Tables.Select(x => x.Id).Concat(catalog.Cases.Select(x => x.Id));
                env.Error.WriteLine($"strata: '{id}' is neither a table nor a case with an evaluation table{Catalog.Reading.Suggestions.DidYouMean(id, known)}.");
                return ExitCodes.BadInput;
            }
            var audits = tables.Select(TableAuditor.Audit).ToList();
            if (parse.GetValue(output) == "json")
            {
                AuditJson.Write(env.Out, audits);
            }
            else
            {
                AuditTables.Write(env.Console, audits);
            }
            return audits.Any(a => a.Verdict == AuditVerdict.DefectChangesWinner) ? ExitCodes.No : ExitCodes.Ok;
        });
        return cmd;
    }
}
