using System.Globalization;
using Strata.Engine.Decisions;
using Strata.Model.Entities;

namespace Strata.Rendering.Text;

/// <summary>Wording shared by the terminal and Markdown renderers, so both tell the same story.</summary>
public static class DecisionText
{
    public static string Stack(Stack s) => string.Join(" + ", s.Layers.Select(kv => string.Join("/", kv.Value)));

    /// <summary>A stack in the decision's layer order (orchestration, runtime, … as the catalogue orders layers), for titles.</summary>
    public static string Stack(Stack s, IReadOnlyList<string> layerOrder) =>
        string.Join(" + ", s.Layers.OrderBy(kv => layerOrder.ToList().IndexOf(kv.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => string.Join("/", kv.Value)));

    public static string StackWithLayers(Stack s) => string.Join(", ", s.Layers.Select(kv => $"{kv.Key}={string.Join("/", kv.Value)}"));

    /// <summary>"an unsupported", "a contradicted".</summary>
    public static string Article(string word) => ("aeiou".Contains(word[0], StringComparison.Ordinal) ? "an " : "a ") + word;

    public static string Number(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The all-stacks acceptability in one sentence: how many stacks ever win, and the winner's and the runner-up's share.</summary>
    public static string AllStacks(Engine.Robustness.FirstRankAcceptability a, Stack winner)
    {
        var mine = a.Winners.FirstOrDefault(w => w.Stack.Equals(winner))?.Probability ?? 0;
        var other = a.Winners.FirstOrDefault(w => !w.Stack.Equals(winner));
        return $"across all {a.Stacks} feasible stacks, with every figure at the same point of its range, {a.Winners.Length} stack(s) ever rank first: the winner in {Percent(mine)}"
            + (other is null ? "" : $", next {Stack(other.Stack)} in {Percent(other.Probability)}");
    }

    /// <summary>
    /// A priority-order table decided over every weighting its order allows: "over every weighting with a > b > c (10000
    /// samples, seed 42): X ranks first under every one of them; Y in 0%; …", and when the audit found the printed totals to
    /// break the order, that they do.
    /// </summary>
    public static string OrderAnalysis(Engine.Audit.OrderAnalysis o)
    {
        var always = o.AlwaysFirst.ToList();
        var rows = string.Join("; ", o.Rows.OrderByDescending(r => r.FirstRank).Select(r => $"{r.Row} ranks first in {Percent(r.FirstRank)}"));
        return $"over every weighting with {o.Order} ({o.Samples} samples, seed {o.Seed}): {rows}"
            + (always.Count > 0 ? $"; {string.Join(" and ", always.Select(r => r.Row))} {(always.Count == 1 ? "ranks" : "rank")} first under every weighting the order allows"
                : "; no row ranks first under every weighting the order allows")
            + (o.TotalsBreakOrder ? "; the printed totals themselves come from weights that break this order (finding 'weights')" : "");
    }

    /// <summary>"chosen because it ranks first in 83 % of all weightings with a > b > c" (with the figures' uncertainty).</summary>
    public static string? ChosenBecause(Decision d) => BecauseOverWeights(d) is { } b ? "chosen " + b : null;

    /// <summary>"because it ranks first in 83% of all weightings with a > b > c …", for a sentence that already says "chosen".</summary>
    public static string? BecauseOverWeights(Decision d) =>
        d.ChosenAcceptability is { } a && d.Robustness?.MonteCarlo?.WeightSpace is { } space
            ? $"because it ranks first in {Percent(a.RankProbabilities[0])} of all weightings with {space} (sampled with the figures' uncertainty)"
              + (d.ChosenDiffersFromTable ? $"; the table's first stack {Stack(d.Winner!.Stack)}, ranked at the {d.Weights.PointEstimate} weights, ranks first less often" : "")
            : null;

    /// <summary>The stacks that ranked first in some sample, most often first (the SMAA-2 table's rows).</summary>
    public static IEnumerable<Engine.Robustness.Acceptability> SmaaRows(Engine.Robustness.MonteCarloResult mc) =>
        mc.Acceptability.Where(a => a.CentralWeights is not null).OrderByDescending(a => a.RankProbabilities[0]);

    /// <summary>"resources 52.1%, startup 27.1%": a weighting, heaviest first.</summary>
    public static string Weights(IEnumerable<KeyValuePair<string, double>> w) =>
        string.Join(", ", w.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {Percent(kv.Value)}"));

    /// <summary>SMAA-2 for one stack: "central weights resources 42%, …; confidence factor 91%".</summary>
    public static string Smaa(Engine.Robustness.Acceptability a) =>
        a.CentralWeights is { } cw
            ? $"central weights {Weights(cw)}; confidence factor {Percent(a.Confidence ?? 0)}"
            : "never ranks first";

    public static string Tie(Engine.Decisions.Tie t) =>
        $"ranks {t.FirstRank}-{t.LastRank} tie at {t.Score.ToString("0.####", CultureInfo.InvariantCulture)}: they differ only in {string.Join(", ", t.Layers)}, which the weighted criteria do not tell apart; "
        + (t.OrderedBy.IsEmpty ? "they are listed in name order"
            : $"ordered by the criteria the profile does not weigh ({string.Join(", ", t.OrderedBy)})" + (t.Broken ? "" : $", ranks {t.FirstRank}-{t.FirstRank + t.Residual - 1} tie on those too and are listed in name order"));

    /// <summary>A claim status as printed everywhere: "contradicted", "unsupported".</summary>
    public static string Status(Model.Evidence.ClaimStatus s) => s.ToString().ToLowerInvariant();

    /// <summary>A provenance with its status, "source: … (contradicted)", as the tables of facts print it.</summary>
    public static string Cited(Model.Evidence.Provenance p, Model.Evidence.ClaimStatus? status) =>
        $"{p.Kind}: {p.Cite()}{(status is { } s ? $" ({Status(s)})" : "")}";

    /// <summary>"a contradicted seed claim": what a flagged decisive fact is.</summary>
    public static string SeedClaim(Engine.Decisions.DecisiveFact f) => $"{Article(Status(f.Fact.Status!.Value))} seed claim";

    /// <summary>"relax cold_start + isolation and STACK becomes feasible".</summary>
    public static string Relaxation(Engine.Robustness.Relaxation r) =>
        $"relax {string.Join(" + ", r.Relax)} and {Stack(r.Admits[0])} becomes feasible";

    /// <summary>The text with its first letter in upper case, to start a sentence or a heading.</summary>
    public static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>"not measured on this host: runc cold-start (source), …", or null when every decisive fact is measured.</summary>
    public static string? Unmeasured(Engine.Decisions.Decision d)
    {
        var facts = d.Unmeasured.ToList();
        return facts.Count == 0 ? null
            : $"not measured on this host ({facts.Count} of {d.DecisiveFacts.Length} decisive facts): "
              + string.Join(", ", facts.Select(f => $"{f.Technology} {f.Fact.Name} ({f.Fact.Provenance.Kind})"));
    }

    public static string Percent(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Weights(WeightSet w) =>
        string.Join(", ", w.Normalised.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key} {Percent(kv.Value)}"))
        + $" — from {w.Source}" + (w.WasNormalised ? $", normalised from a total of {w.Given.Values.Sum().ToString("0.###", CultureInfo.InvariantCulture)}" : "");

    /// <summary>"startup +0.120, resources +0.050, compatibility -0.040": what decided between two stacks.</summary>
    public static string Deciding(Comparison c, int n = 3) =>
        string.Join(", ", c.Deltas.Take(n).Select(d => $"{d.Criterion} {(d.Contribution >= 0 ? "+" : "")}{Number(d.Contribution)}"));

    public static string TopCriteria(RankedStack r, int n = 3) =>
        string.Join(", ", r.Criteria.Where(c => c.Weight > 0).OrderByDescending(c => c.Contribution).Take(n)
            .Select(c => $"{c.Criterion} {Number(c.Value)}{(c.NoData ? " (no data)" : "")}"));

    /// <summary>
    /// What makes the decision weaker than its ranking looks, most serious first: no single winner, a winner not
    /// known to meet every requirement, weighted criteria without figures, weight that reads nothing. Every
    /// output prints these before the ranking.
    /// </summary>
    public static IEnumerable<string> Warnings(Decision d)
    {
        if (d.TopTie is { } t)
        {
            yield return !t.OrderedBy.IsEmpty
                ? $"No single winner on the profile's weights: ranks {t.FirstRank}-{t.LastRank} tie at {t.Score.ToString("0.####", CultureInfo.InvariantCulture)} and differ only in {string.Join(", ", t.Layers)}; "
                    + $"the criteria the profile does not weigh put {(t.Broken ? "the first" : $"ranks {t.FirstRank}-{t.FirstRank + t.Residual - 1}")} ahead ({string.Join(", ", t.OrderedBy)}); weigh them to make that a decision of yours"
                : $"No single winner: ranks {t.FirstRank}-{t.LastRank} tie at {t.Score.ToString("0.####", CultureInfo.InvariantCulture)} and differ only in {string.Join(", ", t.Layers)}; "
                + (d.TieSeparators.IsEmpty
                    ? "nothing in the catalogue tells them apart, so the choice is yours (a criterion that separates them, or a weight on an unweighted one, would decide)"
                    : $"what would separate them: {string.Join("; ", d.TieSeparators)}");
        }
        if (d.Winner is { Verdict: not Verdict.Match } w)
        {
            yield return $"No stack is known to meet every requirement: the best one is not known to meet {string.Join(", ", w.Caveats.DistinctBy(c => c.Constraint).Select(c => $"{c.Constraint} ({Name(c.Verdict)})"))}"
                + (d.Strict ? "" : " (--strict removes such stacks)");
        }
        foreach (var c in d.LowCoverage)
        {
            yield return $"Low coverage: {c.Criterion} carries {Percent(c.Weight)} of the weight, but only {c.Complete} of the top {c.Stacks} stacks have every figure it reads"
                + (c.Missing.IsEmpty ? "" : $" (missing: {string.Join(", ", c.Missing)})")
                + "; a missing figure counts as anywhere in the range of the known ones, so this criterion decides less than its weight says";
        }
        if (!d.InapplicableCriteria.IsEmpty)
        {
            var one = d.InapplicableCriteria.Length == 1;
            yield return $"Weight without effect: {string.Join(", ", d.InapplicableCriteria)} {(one ? "reads" : "read")} nothing for this profile, so {(one ? "its" : "their")} weight separates nothing";
        }
        if (!d.SearchComplete)
        {
            yield return $"Search stopped: branch and bound reached its budget of {d.SearchNodes.ToString("N0", CultureInfo.InvariantCulture)} nodes of {d.TotalCombinations.ToString("N0", CultureInfo.InvariantCulture)} combinations, so these are the best stacks found, not proven the best "
                + "(figures only a whole stack has bound the search loosely; a narrower profile or fewer layers searches less)";
        }
        if (d.Strict)
        {
            yield return "Strict: stacks not known to meet every requirement were removed (they are listed as eliminated)";
        }
    }

    /// <summary>"runtime: runc over crun (best such stack ranks 3, 0.041 behind): resources +0.030, …" or "… the only candidate".</summary>
    public static string LayerReason(LayerReason r, Decision d)
    {
        var because = string.Join("; ", r.Because);
        return r.Kind switch
        {
            "only" => $"{r.Layer}: {r.Chosen}, the only candidate",
            "requirement" => $"{r.Layer}: {r.Chosen}, every alternative fails a requirement" + (because.Length == 0 ? "" : $" — {because}"),
            "tie" => $"{r.Layer}: {r.Chosen}, tied — {because}",
            _ => $"{r.Layer}: {r.Chosen} over {r.RunnerUp}"
                 + (d.Explanations.FirstOrDefault(c => c.Layer == r.Layer) is { } c ? (c.Margin >= 0 ? $" (best such stack ranks {c.OtherRank}, {Number(c.Margin)} behind)" : $" (best such stack ranks {c.OtherRank}, {Number(-c.Margin)} ahead on score)") : "")
                 + (because.Length == 0 ? "" : $": {because}"),
        };
    }

    /// <summary>A stack-level figure the constraints compared: "cold_start: 0.6s..1.2s against < 2s (match) = 0.5s pod-start (k3s) + …".</summary>
    public static string StackFigure(MatchResult m) =>
        $"{m.Constraint}: {m.Actual} against {m.Expected} ({Name(m.Verdict)})"
        + (m.Fact?.Provenance is Model.Evidence.ComposedProvenance cp ? " = " + string.Join(" + ", cp.Parts.Select(p => $"{p.Fact.Value.Display()} {p.Label} ({p.Technology})")) : "");

    /// <summary>A verdict as printed: match, partial, unknown, mismatch.</summary>
    public static string Name(Verdict v) => v.ToString().ToLowerInvariant();

    public static string Eliminated(Elimination e) =>
        $"{e.Reason}" + (e.Provenance is { } p ? $" [{p.Kind}: {p.Cite()}{(e.Status is { } s ? $", {Status(s)}" : "")}]" : "");
}
