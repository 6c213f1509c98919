using Spectre.Console;
using Strata.Engine.Audit;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

public static class AuditRendering
{
    public static string Name(AuditVerdict v) => v switch
    {
        AuditVerdict.Consistent => "consistent",
        AuditVerdict.Defect => "defect",
        AuditVerdict.DefectChangesWinner => "defect-changes-winner",
        _ => "nothing-to-audit",
    };

    public static void WriteJson(TextWriter w, IReadOnlyList<TableAudit> audits) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteNumber("tables", audits.Count);
        j.WriteNumber("defects", audits.Count(a => a.Verdict is AuditVerdict.Defect or AuditVerdict.DefectChangesWinner));
        j.WriteObjects("audits", audits, a =>
        {
            j.WriteString("table", a.Table);
            j.WriteString("seed", a.Seed);
            j.WriteString("method", a.Method);
            j.WriteString("verdict", Name(a.Verdict));
            if (a.ClaimedWinner is { } cw)
            {
                j.WriteString("claimed_winner", cw);
            }
            if (a.RecomputedWinner is { } rw)
            {
                j.WriteString("recomputed_winner", rw);
            }
            j.WriteStartObject("weights");
            foreach (var (k, v) in a.ImpliedWeights)
            {
                j.WriteNumber(k, DecisionJson.Round(v));
            }
            j.WriteEndObject();
            j.WriteObjects("rows", a.Rows, r =>
            {
                j.WriteString("label", r.Label);
                if (r.Claimed is { } c)
                {
                    j.WriteNumber("claimed", c);
                }
                if (r.Recomputed is { } x)
                {
                    j.WriteNumber("recomputed", DecisionJson.Round(x));
                }
                if (r.ClaimedRank is { } cr)
                {
                    j.WriteNumber("claimed_rank", cr);
                }
                if (r.RecomputedRank is { } rr)
                {
                    j.WriteNumber("recomputed_rank", rr);
                }
            });
            j.WriteObjects("findings", a.Findings, f =>
            {
                j.WriteString("kind", f.Kind);
                j.WriteString("message", f.Message);
            });
        });
        j.WriteEndObject();
    });

    public static void WriteTable(IAnsiConsole console, IReadOnlyList<TableAudit> audits)
    {
        foreach (var a in audits)
        {
            var colour = a.Verdict switch { AuditVerdict.Consistent => "green", AuditVerdict.NothingToAudit => "grey", _ => "red" };
            console.MarkupLineInterpolated($"[bold]{a.Table}[/] ({a.Seed}) — [{colour}]{Name(a.Verdict)}[/], {a.Method}");
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
        }
        var defects = audits.Count(a => a.Verdict is AuditVerdict.Defect or AuditVerdict.DefectChangesWinner);
        console.MarkupLineInterpolated($"{audits.Count} table(s) audited, {defects} with defects, {audits.Count(a => a.Verdict == AuditVerdict.DefectChangesWinner)} changing a winner.");
    }
}
