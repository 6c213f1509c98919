using System.Globalization;
using System.Net;
using System.Text;
using Strata.Engine.Decisions;
using Strata.Engine.Planning;
using Strata.Rendering.Json;
using Strata.Rendering.Text;

namespace Strata.Rendering.Html;

/// <summary>
/// One self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched) a reviewer can read:
/// the ranking, a radar of the top stacks, the winner's weighted contributions, a tornado of weight
/// stability, the eliminations, the validation checklist and the provenance of decisive facts.
/// </summary>
public static class HtmlReport
{
    private static readonly string[] Colours = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5"];

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    public static string Render(Decision d, ImplementationPlan? plan)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E($"Strata decision: {d.Profile.Name}")).Append("</title>\n<style>\n")
          .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1a202c;max-width:1100px}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #cbd5e0}")
          .Append("table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #e2e8f0;padding:.3rem .5rem;text-align:left}th{background:#edf2f7}")
          .Append(".chosen{background:#f0fff4;border:1px solid #9ae6b4;padding:1rem;border-radius:6px}.flag{color:#c53030}.warn{background:#fffaf0;border-left:4px solid #dd6b20;padding:.5rem .8rem}.muted{color:#718096;font-size:.85rem}")
          .Append(".charts{display:flex;flex-wrap:wrap;gap:1.5rem}.chart{flex:1 1 320px}\n</style></head><body>\n");
        sb.Append("<h1>").Append(E($"Stack decision: {d.Profile.Name}")).Append("</h1>\n");
        if (d.Profile.Description is { } description)
        {
            sb.Append("<p>").Append(E(description)).Append("</p>\n");
        }
        sb.Append("<p class=\"muted\">Catalogue ").Append(E($"{d.CatalogName} {d.CatalogVersion}")).Append(" (<code>").Append(E(d.CatalogDigest)).Append("</code>), evidence ")
          .Append(E(d.EvidencePolicy)).Append(", profile <code>").Append(E(d.Profile.Source)).Append("</code>. Weights: ").Append(E(DecisionText.Weights(d.Weights))).Append(".</p>\n");
        if (d.Winner is not { } w)
        {
            sb.Append("<p class=\"flag\">Nothing is feasible.</p><ul>");
            foreach (var c in d.Conflicts)
            {
                sb.Append("<li>").Append(E($"{c.Layer}: {c.Summary}")).Append("</li>");
            }
            foreach (var r in d.Relaxations)
            {
                sb.Append("<li>").Append(E(DecisionText.Relaxation(r))).Append("</li>");
            }
            sb.Append("</ul>");
            return sb.Append("</body></html>\n").ToString();
        }
        foreach (var warning in DecisionText.Warnings(d))
        {
            sb.Append("<p class=\"warn\">").Append(E(warning)).Append("</p>\n");
        }
        var chosen = d.Chosen!;
        sb.Append("<div class=\"chosen\"><strong>Chosen:</strong> ").Append(E(DecisionText.StackWithLayers(chosen.Stack))).Append(" — score ").Append(N(chosen.Score));
        if (DecisionText.ChosenBecause(d) is { } because)
        {
            sb.Append(", ").Append(E(because));
        }
        else if (d.Robustness?.MonteCarlo is { } mc)
        {
            sb.Append(", first in ").Append(E(DecisionText.Percent(mc.WinnerConfidence))).Append(" of ").Append(mc.Samples).Append(" samples (seed ").Append(mc.Seed).Append(')');
        }
        if (d.ChosenDiffersFromTable)
        {
            sb.Append("<p class=\"warn\">").Append(E($"Not the table's first stack: the reasons below are for {DecisionText.Stack(w.Stack)}, first at the {d.Weights.PointEstimate} weights.")).Append("</p>");
        }
        sb.Append("<ul>");
        foreach (var r in d.LayerReasons)
        {
            sb.Append("<li>").Append(E(DecisionText.LayerReason(r, d))).Append("</li>");
        }
        foreach (var m in w.StackMatches)
        {
            sb.Append("<li class=\"muted\">").Append(E("stack figure " + DecisionText.StackFigure(m))).Append("</li>");
        }
        sb.Append("</ul></div>\n");

        var weighted = w.Criteria.Where(c => c.Weight > 0).Select(c => c.Criterion).ToList();
        var top = d.Ranking.Take(3).ToList();
        sb.Append("<div class=\"charts\">\n<div class=\"chart\"><h2>Top stacks over the criteria</h2>").Append(Radar(top, weighted)).Append("</div>\n");
        sb.Append("<div class=\"chart\"><h2>Weighted contributions of the winner</h2>").Append(Bars(w)).Append("</div>\n");
        if (d.Robustness is { WeightStability.IsEmpty: false } rob)
        {
            sb.Append("<div class=\"chart\"><h2>Weight stability</h2>").Append(Tornado(rob.WeightStability.Where(x => x.Weight > 0).ToList())).Append("</div>\n");
        }
        sb.Append("</div>\n");

        sb.Append("<h2>Ranking</h2><table><tr><th>#</th><th>stack</th><th>score</th><th>verdict</th></tr>\n");
        foreach (var r in d.Ranking.Take(10))
        {
            sb.Append("<tr><td>").Append(r.Rank).Append("</td><td>").Append(E(DecisionText.Stack(r.Stack, d.Requirements.Layers))).Append("</td><td>").Append(N(r.Score)).Append("</td><td>")
              .Append(DecisionJson.Name(r.Verdict)).Append("</td></tr>\n");
        }
        sb.Append("</table>\n");
        if (d.Robustness?.MonteCarlo is { } smaa && DecisionText.SmaaRows(smaa).Any())
        {
            sb.Append("<h2>").Append(E($"SMAA-2 over {(smaa.WeightSpace is { } ws ? $"every weighting with {ws}" : "the sampled weights")} and the figures' ranges"))
              .Append("</h2><table><tr><th>stack</th><th>first-rank acceptability</th><th>central weights</th><th>confidence factor</th></tr>\n");
            foreach (var a in DecisionText.SmaaRows(smaa))
            {
                sb.Append("<tr><td>").Append(E(DecisionText.Stack(a.Stack, d.Requirements.Layers))).Append("</td><td>").Append(E(DecisionText.Percent(a.RankProbabilities[0])))
                  .Append("</td><td>").Append(E(DecisionText.Weights(a.CentralWeights!))).Append("</td><td>").Append(E(DecisionText.Percent(a.Confidence ?? 0))).Append("</td></tr>\n");
            }
            sb.Append("</table>\n<p class=\"muted\">").Append(E($"{smaa.Samples} samples, seed {smaa.Seed}: first-rank acceptability is the share of samples in which the stack ranks first; central weights the mean weighting under which it does; the confidence factor how often it ranks first at its central weights when only the figures vary."))
              .Append("</p>\n");
        }
        if (plan is not null)
        {
            sb.Append("<h2>Validation against the targets</h2><table><tr><th></th><th>target</th><th>technology</th><th>figure</th><th>provenance</th></tr>\n");
            foreach (var v in plan.Validation)
            {
                sb.Append("<tr><td>").Append(Mark(v.Verdict)).Append("</td><td>").Append(E($"{v.Constraint} {v.Target}")).Append("</td><td>").Append(E(v.Technology))
                  .Append("</td><td>").Append(E(v.Actual)).Append("</td><td>").Append(E(v.Provenance is { } p ? DecisionText.Cited(p, v.Status) : "")).Append("</td></tr>\n");
            }
            sb.Append("</table>\n");
            if (!plan.Cost.IsEmpty)
            {
                sb.Append("<h2>Cost against ").Append(E(DecisionText.Stack(plan.RunnerUp!))).Append("</h2><table><tr><th>resource</th><th>chosen</th><th>runner-up</th></tr>\n");
                foreach (var c in plan.Cost)
                {
                    sb.Append("<tr><td>").Append(E(c.Resource)).Append("</td><td>").Append(E(c.Winner)).Append("</td><td>").Append(E(c.RunnerUp)).Append("</td></tr>\n");
                }
                sb.Append("</table>\n");
            }
        }
        if (!d.Eliminated.IsEmpty)
        {
            sb.Append("<h2>Eliminated</h2><table><tr><th>layer</th><th>technology</th><th>why</th></tr>\n");
            foreach (var e in d.Eliminated)
            {
                sb.Append("<tr><td>").Append(E(e.Layer)).Append("</td><td>").Append(E(e.Technology)).Append("</td><td>").Append(E(DecisionText.Eliminated(e))).Append("</td></tr>\n");
            }
            sb.Append("</table>\n");
        }
        sb.Append("<h2>Decisive facts</h2><table><tr><th>technology</th><th>fact</th><th>value</th><th>used for</th><th>provenance</th></tr>\n");
        foreach (var f in d.DecisiveFacts)
        {
            sb.Append("<tr").Append(f.Flagged ? " class=\"flag\"" : "").Append("><td>").Append(E(f.Technology)).Append("</td><td>").Append(E(f.Fact.Name)).Append("</td><td>").Append(E(f.Fact.Value.Display()))
              .Append("</td><td>").Append(E(f.UsedFor)).Append("</td><td>").Append(E(DecisionText.Cited(f.Fact.Provenance, f.Fact.Status))).Append("</td></tr>\n");
        }
        sb.Append("</table>\n</body></html>\n");
        return sb.ToString();
    }

    // Text marks with colour: emoji need a font a reviewer's browser may not have.
    private static string Mark(Verdict v) => v switch
    {
        Verdict.Match => "<span style=\"color:#2f855a\">&#10003; match</span>",
        Verdict.Partial => "<span style=\"color:#b7791f\">&#9888; partial</span>",
        Verdict.Unknown => "<span style=\"color:#b7791f\">? unknown</span>",
        _ => "<span style=\"color:#c53030\">&#10007; mismatch</span>",
    };

    /// <summary>A radar (spider) chart: one axis per weighted criterion, one polygon per stack.</summary>
    private static string Radar(List<RankedStack> stacks, List<string> criteria)
    {
        const double c = 160, r = 120;
        var sb = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-50 0 420 370\" width=\"360\" height=\"317\" role=\"img\" aria-label=\"radar chart\">");
        var n = Math.Max(criteria.Count, 3);
        (double X, double Y) At(int i, double v) => (c + r * v * Math.Sin(2 * Math.PI * i / n), c - r * v * Math.Cos(2 * Math.PI * i / n));
        foreach (var ring in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            sb.Append("<polygon fill=\"none\" stroke=\"#e2e8f0\" points=\"").Append(string.Join(' ', Enumerable.Range(0, n).Select(i => At(i, ring)).Select(p => $"{N(p.X)},{N(p.Y)}"))).Append("\"/>");
        }
        for (var i = 0; i < criteria.Count; i++)
        {
            var (x, y) = At(i, 1);
            var (lx, ly) = At(i, 1.15);
            sb.Append("<line x1=\"").Append(N(c)).Append("\" y1=\"").Append(N(c)).Append("\" x2=\"").Append(N(x)).Append("\" y2=\"").Append(N(y)).Append("\" stroke=\"#cbd5e0\"/>");
            sb.Append("<text font-size=\"11\" text-anchor=\"middle\" x=\"").Append(N(lx)).Append("\" y=\"").Append(N(ly)).Append("\">").Append(E(criteria[i])).Append("</text>");
        }
        for (var s = 0; s < stacks.Count; s++)
        {
            var values = criteria.Select(k => stacks[s].Criteria.First(x => x.Criterion == k).Value).ToList();
            sb.Append("<polygon fill=\"").Append(Colours[s]).Append("\" fill-opacity=\"0.15\" stroke=\"").Append(Colours[s]).Append("\" stroke-width=\"2\" points=\"")
              .Append(string.Join(' ', values.Select((v, i) => At(i, v)).Select(p => $"{N(p.X)},{N(p.Y)}"))).Append("\"/>");
            sb.Append("<text font-size=\"11\" x=\"10\" y=\"").Append(318 + 14 * s).Append("\" fill=\"").Append(Colours[s]).Append("\">").Append(E($"#{stacks[s].Rank} {DecisionText.Stack(stacks[s].Stack)}")).Append("</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    private static string Bars(RankedStack w)
    {
        var rows = w.Criteria.Where(c => c.Weight > 0).OrderByDescending(c => c.Contribution).ToList();
        var max = Math.Max(1e-9, rows.Max(c => c.Weight));
        var sb = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 340 {30 + 26 * rows.Count}\" width=\"340\" height=\"{30 + 26 * rows.Count}\" role=\"img\" aria-label=\"contributions\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 10 + 26 * i;
            sb.Append("<text font-size=\"11\" x=\"0\" y=\"").Append(y + 13).Append("\">").Append(E(rows[i].Criterion)).Append("</text>");
            sb.Append("<rect x=\"100\" y=\"").Append(y).Append("\" height=\"18\" width=\"").Append(N(200 * rows[i].Weight / max)).Append("\" fill=\"#e2e8f0\"/>");
            sb.Append("<rect x=\"100\" y=\"").Append(y).Append("\" height=\"18\" width=\"").Append(N(200 * rows[i].Contribution / max)).Append("\" fill=\"#2b6cb0\"/>");
            sb.Append("<text font-size=\"10\" x=\"").Append(N(104 + 200 * rows[i].Weight / max)).Append("\" y=\"").Append(y + 13).Append("\">").Append(N(rows[i].Contribution)).Append("</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>Each weighted criterion's stability interval as a bar over 0..100%, the given weight marked.</summary>
    private static string Tornado(List<Engine.Robustness.WeightInterval> intervals)
    {
        var sb = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 340 {40 + 26 * intervals.Count}\" width=\"340\" height=\"{40 + 26 * intervals.Count}\" role=\"img\" aria-label=\"weight stability\">");
        for (var i = 0; i < intervals.Count; i++)
        {
            var y = 10 + 26 * i;
            var iv = intervals[i];
            sb.Append("<text font-size=\"11\" x=\"0\" y=\"").Append(y + 13).Append("\">").Append(E(iv.Criterion)).Append("</text>");
            sb.Append("<rect x=\"100\" y=\"").Append(y).Append("\" height=\"18\" width=\"220\" fill=\"#fed7d7\"/>");
            sb.Append("<rect x=\"").Append(N(100 + 220 * iv.Low)).Append("\" y=\"").Append(y).Append("\" height=\"18\" width=\"").Append(N(220 * (iv.High - iv.Low))).Append("\" fill=\"#9ae6b4\"/>");
            sb.Append("<line x1=\"").Append(N(100 + 220 * iv.Weight)).Append("\" x2=\"").Append(N(100 + 220 * iv.Weight)).Append("\" y1=\"").Append(y - 2).Append("\" y2=\"").Append(y + 20)
              .Append("\" stroke=\"#1a202c\" stroke-width=\"2\"/>");
        }
        var axis = 14 + 26 * intervals.Count;
        sb.Append("<text font-size=\"10\" x=\"100\" y=\"").Append(axis + 10).Append("\">0%</text><text font-size=\"10\" x=\"300\" y=\"").Append(axis + 10).Append("\">100%</text>");
        sb.Append("<text font-size=\"10\" x=\"0\" y=\"").Append(axis + 24).Append("\">green: the winner holds; line: the given weight</text>");
        return sb.Append("</svg>").ToString();
    }
}
