using System.Text;
using Strata.Engine.Decisions;
using Strata.Rendering.Json;
using Strata.Rendering.Text;

namespace Strata.Rendering.Markdown;

/// <summary>A decision as Markdown, for pull requests and chat.</summary>
public static class DecisionMarkdown
{
    public static void Write(TextWriter w, Decision d, int top)
    {
        var sb = new StringBuilder();
        sb.Append("# Stack decision: ").Append(d.Profile.Name).Append('\n').Append('\n');
        sb.Append("- Catalogue: ").Append(d.CatalogName).Append(' ').Append(d.CatalogVersion).Append(" (`").Append(d.CatalogDigest).Append("`)\n");
        if (d.Profile.Scenario is { } s)
        {
            sb.Append("- Scenario: ").Append(s).Append('\n');
        }
        sb.Append("- Weights: ").Append(DecisionText.Weights(d.Weights)).Append('\n');
        sb.Append("- Evidence: ").Append(d.EvidencePolicy).Append('\n').Append('\n');
        foreach (var warning in DecisionText.Warnings(d))
        {
            sb.Append("> **Warning:** ").Append(warning).Append("\n\n");
        }

        if (!d.Requirements.Derived.IsEmpty)
        {
            sb.Append("## Derived requirements\n\n");
            foreach (var r in d.Requirements.Derived)
            {
                sb.Append("- ").Append(r.Adds).Append(" — rule `").Append(r.Rule).Append("`, because `").Append(r.Condition).Append("` (").Append(r.Provenance.Cite()).Append(")\n");
            }
            sb.Append('\n');
        }

        if (d.Feasible)
        {
            sb.Append("## Ranking\n\n| # | stack | score | verdict | strongest criteria |\n|---|---|---|---|---|\n");
            foreach (var r in d.Ranking.Take(top))
            {
                sb.Append("| ").Append(r.Rank).Append(" | ").Append(DecisionText.Stack(r.Stack)).Append(" | ").Append(DecisionText.Number(r.Score))
                  .Append(" | ").Append(DecisionJson.Name(r.Verdict)).Append(" | ").Append(DecisionText.TopCriteria(r)).Append(" |\n");
            }
            sb.Append("\n**Chosen:** ").Append(DecisionText.StackWithLayers(d.Chosen!.Stack)).Append("\n\n");
            if (DecisionText.ChosenBecause(d) is { } because)
            {
                sb.Append(DecisionText.Capitalised(because)).Append(".\n\n");
            }
            if (d.ChosenDiffersFromTable)
            {
                sb.Append("> **Note:** not the table's first stack; the reasons below are for ").Append(DecisionText.Stack(d.Winner!.Stack))
                  .Append(", first at the ").Append(d.Weights.PointEstimate).Append(" weights.\n\n");
            }
            if (DecisionText.Unmeasured(d) is { } unmeasured)
            {
                sb.Append("- ").Append(DecisionText.Capitalised(unmeasured)).Append('\n');
            }
            foreach (var f in d.DecisiveFacts.Where(f => f.Flagged))
            {
                sb.Append("- **decided by ").Append(DecisionText.SeedClaim(f)).Append(":** ").Append(f.Technology).Append(' ')
                  .Append(f.Fact.Name).Append(' ').Append(f.Fact.Value.Display()).Append(" (").Append(f.UsedFor).Append("; ").Append(f.Fact.Provenance.Cite()).Append(")\n");
            }
            foreach (var r in d.LayerReasons)
            {
                sb.Append("- ").Append(DecisionText.LayerReason(r, d)).Append('\n');
            }
            foreach (var c in d.Winner!.Caveats)
            {
                sb.Append("- **").Append(DecisionText.Name(c.Verdict)).Append(":** ").Append(c.Technology).Append(' ').Append(c.Constraint)
                  .Append(" — expected ").Append(c.Expected).Append(", has ").Append(c.Actual).Append('\n');
            }
            if (!d.Winner.StackMatches.IsEmpty)
            {
                sb.Append("\n**Stack figures** (what the constraints compared, composed from the parts):\n\n");
                foreach (var m in d.Winner.StackMatches)
                {
                    sb.Append("- ").Append(DecisionText.StackFigure(m)).Append('\n');
                }
            }
        }
        else
        {
            sb.Append("## Nothing is feasible\n\n");
            foreach (var c in d.Conflicts)
            {
                sb.Append("- ").Append(c.Layer).Append(": ").Append(c.Summary).Append('\n');
            }
        }

        if (d.Robustness is { } rob)
        {
            sb.Append("\n## Robustness\n\n");
            if (rob.MonteCarlo is { } mc)
            {
                sb.Append("- The winner ranks first in ").Append(DecisionText.Percent(mc.WinnerConfidence)).Append(" of ").Append(mc.Samples)
                  .Append(" samples (seed ").Append(mc.Seed).Append(").\n");
                if (DecisionText.SmaaRows(mc).Any())
                {
                    sb.Append("\n### SMAA-2 over ").Append(mc.WeightSpace is { } ws ? $"every weighting with {ws}" : "the sampled weights").Append(" and the figures' ranges\n\n")
                      .Append("| stack | first-rank acceptability | central weights | confidence factor |\n|---|---|---|---|\n");
                    foreach (var a in DecisionText.SmaaRows(mc))
                    {
                        sb.Append("| ").Append(DecisionText.Stack(a.Stack)).Append(" | ").Append(DecisionText.Percent(a.RankProbabilities[0])).Append(" | ")
                          .Append(DecisionText.Weights(a.CentralWeights!)).Append(" | ").Append(DecisionText.Percent(a.Confidence ?? 0)).Append(" |\n");
                    }
                    sb.Append('\n');
                }
            }
            if (rob.AllStacks is { } all && d.Ranking.Length > 0)
            {
                sb.Append("- ").Append(DecisionText.Capitalised(DecisionText.AllStacks(all, d.Ranking[0].Stack))).Append(".\n");
            }
            foreach (var interval in rob.WeightStability.Where(x => x.Weight > 0))
            {
                sb.Append("- ").Append(interval.Criterion).Append(' ').Append(DecisionText.Percent(interval.Weight)).Append(": holds from ").Append(DecisionText.Percent(interval.Low))
                  .Append(" to ").Append(DecisionText.Percent(interval.High)).Append('\n');
            }
            if (rob.Methods is { } m)
            {
                sb.Append("- TOPSIS ").Append(m.Agree ? "agrees" : "disagrees: " + DecisionText.Stack(m.Topsis)).Append("; ").Append(rob.ParetoCount).Append(" stack(s) on the Pareto front.\n");
            }
        }
        foreach (var r in d.Relaxations)
        {
            sb.Append("- ").Append(DecisionText.Capitalised(DecisionText.Relaxation(r))).Append(".\n");
        }

        if (!d.Eliminated.IsEmpty)
        {
            sb.Append("\n## Eliminated\n\n| layer | technology | why |\n|---|---|---|\n");
            foreach (var e in d.Eliminated)
            {
                sb.Append("| ").Append(e.Layer).Append(" | ").Append(e.Technology).Append(" | ").Append(DecisionText.Eliminated(e).Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }
        }
        w.Write(sb.ToString());
    }
}
