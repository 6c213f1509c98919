using Spectre.Console;
using Strata.Engine.Audit;
using Strata.Rendering.Json;
using Strata.Rendering.Text;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

/// <summary>`strata audit` on the terminal.</summary>
public static class AuditTables
{
    public static void Write(IAnsiConsole console, IReadOnlyList<TableAudit> audits)
    {
        foreach (var a in audits)
        {
            var colour = a.Verdict switch { AuditVerdict.Consistent => "green", AuditVerdict.NothingToAudit => "grey", _ => "red" };
            console.MarkupLineInterpolated($"[bold]{a.Table}[/] ({a.Seed}) — [{colour}]{AuditJson.Name(a.Verdict)}[/], {a.Method}");
            if (!a.Rows.IsEmpty)
            {
                var t = new Table().Border(TableBorder.Simple).AddColumn("row").AddColumn("claimed").AddColumn("recomputed").AddColumn("claimed rank").AddColumn("recomputed rank");
                foreach (var r in a.Rows)
                {
                    t.AddRow(Markup.Escape(r.Label), r.Claimed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                        r.Recomputed is { } x ? DecisionText.Number(x) : "", r.ClaimedRank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                        r.RecomputedRank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
                console.Write(t);
            }
            foreach (var f in a.Findings)
            {
                console.MarkupLineInterpolated($"  [red]{f.Kind}[/]: {f.Message}");
            }
            if (a.Order is { } order)
            {
                console.MarkupLineInterpolated($"  [bold]order[/]: {DecisionText.OrderAnalysis(order)}");
            }
        }
        var defects = audits.Count(a => a.Verdict is AuditVerdict.Defect or AuditVerdict.DefectChangesWinner);
        console.MarkupLineInterpolated($"{audits.Count} table(s) audited, {defects} with defects, {audits.Count(a => a.Verdict == AuditVerdict.DefectChangesWinner)} changing a winner.");
    }
}
