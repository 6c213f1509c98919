using System.Globalization;
using System.Text;
using Strata.Engine.Decisions;
using Strata.Engine.Planning;
using Strata.Model.Entities;
using Strata.Rendering.Json;
using Strata.Rendering.Text;

namespace Strata.Rendering.Markdown;

/// <summary>A decision as an Architecture Decision Record: MADR 4.0.0, or Michael Nygard's format.</summary>
public static class AdrRenderer
{
    public static string Title(Decision d) =>
        $"Use {DecisionText.Stack(d.Chosen!.Stack, d.Requirements.Layers)} for {d.Profile.Name}";

    public static string Madr(Decision d, ImplementationPlan plan, Model.Entities.Catalog catalog, string date, string status)
    {
        var w = d.Chosen!;
        var sb = new StringBuilder();
        sb.Append("---\n").Append("status: ").Append(status).Append('\n').Append("date: ").Append(date).Append('\n')
          .Append("decision-makers: []\nconsulted: []\ninformed: []\n---\n\n");
        sb.Append("# ").Append(Title(d)).Append("\n\n");
        sb.Append("## Context and Problem Statement\n\n");
        sb.Append(d.Profile.Description ?? d.Profile.Name).Append(". Which stack (")
          .Append(string.Join(", ", d.Requirements.Layers)).Append(") should it run on?\n\n");
        if (!d.Requirements.Constraints.IsEmpty)
        {
            sb.Append("The workload requires: ").Append(string.Join("; ", d.Requirements.Constraints.Values.Select(c => $"{c.Field} {c.Value.Display()}"))).Append(".\n\n");
        }
        sb.Append("## Decision Drivers\n\n");
        if (d.Weights.Statements is { } statements)
        {
            var form = !statements.IsPartial ? "" : statements.Bounds.IsEmpty ? "an order: " : statements.Order.IsEmpty ? "bounds: " : "an order with bounds: ";
            sb.Append("* Weights stated as ").Append(form).Append(statements)
              .Append("; the weights below are their ").Append(d.Weights.PointEstimate).Append('\n');
        }
        foreach (var (criterion, weight) in d.Weights.Normalised.Where(x => x.Value > 0).OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal))
        {
            sb.Append("* ").Append(criterion).Append(" (weight ").Append(DecisionText.Percent(weight)).Append(")\n");
        }
        foreach (var r in d.Requirements.Derived)
        {
            sb.Append("* ").Append(r.Adds).Append(" — rule ").Append(r.Rule).Append(" (").Append(r.Provenance.Cite()).Append(")\n");
        }
        var options = Options(d);
        sb.Append("\n## Considered Options\n\n");
        foreach (var o in options)
        {
            sb.Append("* ").Append(DecisionText.Stack(o.Stack, d.Requirements.Layers)).Append('\n');
        }
        var lead = d.Explanations.Where(e => e.Margin > 0).Select(e => $"{e.Winner.Layers[e.Layer][0]} beats {e.Other.Layers[e.Layer][0]} on {DecisionText.Deciding(e, 2)}");
        sb.Append("\n## Decision Outcome\n\n").Append("Chosen option: \"").Append(DecisionText.Stack(w.Stack, d.Requirements.Layers)).Append("\", ");
        if (DecisionText.BecauseOverWeights(d) is { } because)
        {
            // Over an order or bounds the reason is how often it wins across them; the table's reasons explain only the centroid.
            sb.Append(because).Append(".\n\n");
        }
        else
        {
            sb.Append("because it ")
              .Append(w.Verdict == Verdict.Match ? "meets every hard requirement" : "is the best of the stacks that may meet every hard requirement")
              .Append(d.TopTie is null ? " and scores highest (" : " and shares the highest score (")
              .Append(DecisionText.Number(w.Score)).Append(") on the weighted criteria").Append(lead.Any() ? ": " + string.Join("; ", lead) : "").Append(".\n\n");
        }
        var reasons = d.ChosenDiffersFromTable ? [] : d.LayerReasons;
        foreach (var r in reasons)
        {
            sb.Append("* ").Append(DecisionText.LayerReason(r, d)).Append('\n');
        }
        if (!reasons.IsEmpty)
        {
            sb.Append('\n');
        }
        foreach (var warning in DecisionText.Warnings(d))
        {
            sb.Append("> **Warning:** ").Append(warning).Append("\n\n");
        }
        sb.Append("### Consequences\n\n");
        foreach (var c in w.Criteria.Where(c => c.Weight > 0).OrderByDescending(c => c.Value))
        {
            sb.Append(c.Value >= 0.6 ? "* Good, because " : c.Value <= 0.4 ? "* Bad, because " : "* Neutral, because ")
              .Append(c.Criterion).Append(" scores ").Append(DecisionText.Number(c.Value)).Append(c.NoData ? $" (figures missing: {string.Join(", ", c.Missing)}; each counted at the middle of the known figures' range)" : "").Append('\n');
        }
        foreach (var c in w.Caveats)
        {
            sb.Append("* Bad, because ").Append(c.Technology).Append(' ').Append(c.Constraint).Append(" is ").Append(DecisionText.Name(c.Verdict))
              .Append(": expected ").Append(c.Expected).Append(", has ").Append(c.Actual).Append('\n');
        }
        foreach (var f in d.DecisiveFacts.Where(f => f.Flagged))
        {
            sb.Append("* Bad, because it rests on ").Append(DecisionText.SeedClaim(f)).Append(": ")
              .Append(f.Technology).Append(' ').Append(f.Fact.Name).Append(' ').Append(f.Fact.Value.Display()).Append(" (").Append(f.Fact.Provenance.Cite()).Append(")\n");
        }
        sb.Append("\n### Confirmation\n\n");
        foreach (var v in plan.Validation)
        {
            sb.Append("* ").Append(Mark(v.Verdict)).Append(' ').Append(v.Constraint).Append(": ").Append(v.Technology).Append(" has ").Append(v.Actual)
              .Append(" (target: ").Append(v.Target).Append(')').Append(v.Provenance is { } p ? $" — {p.Kind}: {p.Cite()}" : "").Append('\n');
        }
        if (d.Robustness?.MonteCarlo is { } mc)
        {
            var share = d.ChosenAcceptability?.RankProbabilities[0] ?? mc.WinnerConfidence;
            sb.Append("* The choice ranks first in ").Append(DecisionText.Percent(share)).Append(" of ").Append(mc.Samples)
              .Append(" samples of the figures' ranges").Append(mc.WeightSpace is { } ws ? $" and of the weightings with {ws}" : "").Append(" (seed ").Append(mc.Seed).Append(").\n");
            foreach (var a in DecisionText.SmaaRows(mc))
            {
                sb.Append("* ").Append(DecisionText.Stack(a.Stack, d.Requirements.Layers)).Append(": first in ").Append(DecisionText.Percent(a.RankProbabilities[0]))
                  .Append("; ").Append(DecisionText.Smaa(a)).Append('\n');
            }
        }
        sb.Append("\n## Pros and Cons of the Options\n");
        foreach (var o in options)
        {
            sb.Append("\n### ").Append(DecisionText.Stack(o.Stack, d.Requirements.Layers)).Append("\n\n");
            foreach (var c in o.Criteria.Where(c => c.Weight > 0).OrderByDescending(c => c.Value))
            {
                sb.Append(c.Value >= 0.6 ? "* Good, because " : c.Value <= 0.4 ? "* Bad, because " : "* Neutral, because ")
                  .Append(c.Criterion).Append(' ').Append(DecisionText.Number(c.Value)).Append('\n');
            }
        }
        sb.Append("\n## More Information\n\n");
        sb.Append("Decided by Strata with catalogue ").Append(d.CatalogName).Append(' ').Append(d.CatalogVersion).Append(" (`").Append(d.CatalogDigest)
          .Append("`), evidence policy ").Append(d.EvidencePolicy).Append(", weights from ").Append(d.Weights.Source).Append(".\n");
        sb.Append("Profile: `").Append(d.Profile.Source).Append("`. Re-run with `strata recommend ").Append(d.Profile.Source.StartsWith("scenario:", StringComparison.Ordinal) ? d.Profile.Scenario : d.Profile.Source)
          .Append(" --evidence ").Append(d.EvidencePolicy).Append("`.\n");
        if (!d.Eliminated.IsEmpty)
        {
            sb.Append("\nEliminated candidates:\n\n");
            foreach (var e in d.Eliminated)
            {
                sb.Append("* ").Append(e.Layer).Append('/').Append(e.Technology).Append(": ").Append(DecisionText.Eliminated(e)).Append('\n');
            }
        }
        return sb.ToString();
    }

    public static string Nygard(Decision d, ImplementationPlan plan, string date, string status)
    {
        var w = d.Chosen!;
        var sb = new StringBuilder();
        sb.Append("# ").Append(Title(d)).Append("\n\nDate: ").Append(date).Append("\n\n## Status\n\n").Append(DecisionText.Capitalised(status)).Append("\n\n");
        sb.Append("## Context\n\n").Append(d.Profile.Description ?? d.Profile.Name).Append(". Requirements: ")
          .Append(string.Join("; ", d.Requirements.Constraints.Values.Select(c => $"{c.Field} {c.Value.Display()}"))).Append(". Weights: ").Append(DecisionText.Weights(d.Weights)).Append(".\n\n");
        sb.Append("## Decision\n\nWe will use ").Append(DecisionText.StackWithLayers(w.Stack)).Append(" (score ").Append(DecisionText.Number(w.Score)).Append(')')
          .Append(DecisionText.BecauseOverWeights(d) is { } because ? $", {because}" : "").Append(".\n\n");
        sb.Append("## Consequences\n\n");
        foreach (var v in plan.Validation)
        {
            sb.Append("* ").Append(Mark(v.Verdict)).Append(' ').Append(v.Constraint).Append(": ").Append(v.Technology).Append(' ').Append(v.Actual).Append('\n');
        }
        sb.Append("\nCatalogue ").Append(d.CatalogVersion).Append(" (`").Append(d.CatalogDigest).Append("`), evidence ").Append(d.EvidencePolicy).Append(".\n");
        return sb.ToString();
    }

    public static string Mark(Verdict v) => v switch { Verdict.Match => "✅", Verdict.Partial => "⚠️", Verdict.Unknown => "❔", _ => "❌" };

    /// <summary>The winner and, per layer, the best stack that chose differently there (distinct, in rank order).</summary>
    private static List<RankedStack> Options(Decision d)
    {
        var result = new List<RankedStack> { d.Chosen! };
        if (d.ChosenDiffersFromTable)
        {
            result.Add(d.Winner!);
        }
        foreach (var e in d.Explanations.OrderBy(e => e.OtherRank))
        {
            if (result.Count >= 4)
            {
                break;
            }
            if (d.Ranking.FirstOrDefault(r => r.Stack.Equals(e.Other)) is { } other && !result.Contains(other))
            {
                result.Add(other);
            }
        }
        return result;
    }
}
