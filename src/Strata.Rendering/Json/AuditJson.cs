using Strata.Engine.Audit;
using Strata.Rendering.Text;

namespace Strata.Rendering.Json;

/// <summary>`strata audit -o json`: each table recomputed, with its verdict and findings.</summary>
public static class AuditJson
{
    /// <summary>A verdict as the JSON and the tables name it.</summary>
    public static string Name(AuditVerdict v) => v switch
    {
        AuditVerdict.Consistent => "consistent",
        AuditVerdict.Defect => "defect",
        AuditVerdict.DefectChangesWinner => "defect-changes-winner",
        _ => "nothing-to-audit",
    };

    public static void Write(TextWriter w, IReadOnlyList<TableAudit> audits) => Json.Write(w, j =>
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
            if (a.Order is { } o)
            {
                j.WriteStartObject("order");
                j.WriteString("statement", o.Order.ToString());
                j.WriteNumber("samples", o.Samples);
                j.WriteNumber("seed", o.Seed);
                j.WriteBoolean("totals_break_order", o.TotalsBreakOrder);
                j.WriteObjects("rows", o.Rows, r =>
                {
                    j.WriteString("label", r.Row);
                    j.WriteNumber("first_rank", DecisionJson.Round(r.FirstRank));
                    j.WriteBoolean("always_first", r.AlwaysFirst);
                    if (r.CentralWeights is { } cw)
                    {
                        j.WriteStartObject("central_weights");
                        foreach (var (k, v) in cw)
                        {
                            j.WriteNumber(k, DecisionJson.Round(v));
                        }
                        j.WriteEndObject();
                    }
                });
                j.WriteString("summary", DecisionText.OrderAnalysis(o));
                j.WriteEndObject();
            }
        });
        j.WriteEndObject();
    });
}
