using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Engine.Scoring;
using Strata.Model.Entities;
using Strata.Model.Facts;
using Strata.Model.Quantities;
using Strata.Model.Weights;

namespace Strata.Engine.Robustness;

/// <summary>
/// Stochastic multicriteria acceptability over the top candidates: every sample draws each uncertain
/// figure once (a technology's figure is the same in every stack of that sample), rescores the
/// candidates and counts their ranks; equal scores share ranks at random. How a figure is drawn: a range uniformly (log-uniformly on a log
/// scale); "~x" within ±10 %; "&lt; x" between x/2 and x; "&gt; x" between x and 2x, except a figure at a measure the catalogue
/// declares one-sided (a tested scale), drawn uniformly in the term's scale over the part of the term's range it allows
/// (<see cref="StackScorer.OneSidedRange"/>), as a missing figure is over its range; percentiles by
/// interpolating the quantiles given; a point, a star rating or a word not at all.
/// Seeded: the same seed gives the same result.
/// </summary>
public sealed partial class MonteCarlo(Model.Entities.Catalog catalog, StackScorer scorer, Func<RankedStack, Composition.StackView> viewOf)
{
    /// <summary>One uncertain figure: a fact of a term (drawn over its range), or a missing figure (drawn over its part of the term's scale).</summary>
    private sealed record Slot(ValueTerm Term, Fact? Fact, double Fixed)
    {
        /// <summary>A percentile estimate's points in quantile order, worked out once rather than at every draw.</summary>
        public (double P, double V)[]? Points { get; } =
            Fact?.Value is EstimateValue { Estimate: { Form: EstimateForm.Percentiles } e } ? PercentilePoints(e) : null;

        /// <summary>
        /// For a missing figure and one at a one-sided measure: the part of the term's 0..1 scale it is drawn over, uniformly in the
        /// scale (<see cref="ScoringContext.MissingRange"/>, <see cref="StackScorer.OneSidedRange"/>); null for a figure
        /// drawn over its own interval.
        /// </summary>
        public (double Low, double High)? OnScale { get; init; }
    }

    /// <summary>Highest score first; equal scores ordered by the sample's random tiebreak. One per run: the sort allocates nothing per sample.</summary>
    private sealed class RankOrder(double[] scores, double[] tiebreak) : IComparer<int>
    {
        public int Compare(int a, int b) =>
            Math.Abs(scores[b] - scores[a]) > 1e-12 ? scores[b].CompareTo(scores[a]) : tiebreak[a].CompareTo(tiebreak[b]);
    }

    /// <summary>One reading of a term: a fixed value, or the sum of its slots.</summary>
    private sealed record ReadingPlan(double Fixed, int[] Slots);

    private sealed record TermPlan(ValueTerm Term, ReadingPlan[] Readings);

    /// <param name="space">
    /// With a priority order or bounds: every sample draws its weights uniformly from the set they allow (SMAA-2)
    /// instead of jittering the table's weights; each stack then also gets its central weights and confidence factor.
    /// </param>
    public MonteCarloResult Run(ImmutableArray<RankedStack> ranking, RobustnessOptions options, OrdinalWeights? space = null)
    {
        var candidates = ranking.Take(options.Candidates).ToArray();
        var n = candidates.Length;
        var (slots, plan) = Plan(candidates);

        var weights = candidates.Length == 0 ? [] : candidates[0].Criteria.Select(x => x.Weight).ToArray();
        var ids = candidates.Length == 0 ? [] : candidates[0].Criteria.Select(x => x.Criterion).ToArray();
        var draw = space is null ? null : WeightDraw(space, ids, weights);
        var smaa = space is not null || options.SampleWeights;
        var central = new double[n, weights.Length];
        var random = new Random(options.Seed);
        var values = new double[slots.Count];
        var scores = new double[n];
        var tiebreak = new double[n];
        var order = new int[n];
        var sampledWeights = new double[weights.Length];
        var counts = new int[n, n];
        var buffer = new List<double>(8);
        var rankOrder = new RankOrder(scores, tiebreak);
        for (var sample = 0; sample < options.Samples; sample++)
        {
            if ((sample & 63) == 0)
            {
                options.Cancel.ThrowIfCancellationRequested();
            }
            for (var i = 0; i < slots.Count; i++)
            {
                values[i] = Draw(slots[i], random);
            }
            if (draw is not null)
            {
                draw(random, sampledWeights);
            }
            else
            {
                for (var k = 0; k < weights.Length; k++)
                {
                    sampledWeights[k] = options.SampleWeights ? weights[k] * (1 + options.WeightSpread * (2 * random.NextDouble() - 1)) : weights[k];
                }
            }
            var total = sampledWeights.Sum();
            for (var k = 0; k < weights.Length; k++)
            {
                sampledWeights[k] /= total;
            }
            Score(plan, values, sampledWeights, scores, buffer);
            for (var c = 0; c < n; c++)
            {
                tiebreak[c] = random.NextDouble();
                order[c] = c;
            }
            // Highest score first; stacks with equal scores share the ranks at random (seeded), so a tie
            // shows as split acceptability instead of favouring whichever stack sorts first by name.
            Array.Sort(order, rankOrder);
            for (var r = 0; r < n; r++)
            {
                counts[order[r], r]++;
            }
            if (smaa && n > 0)
            {
                for (var k = 0; k < weights.Length; k++)
                {
                    central[order[0], k] += sampledWeights[k];
                }
            }
        }
        var acceptability = Enumerable.Range(0, n)
            .Select(c => new Acceptability(candidates[c].Stack, [.. Enumerable.Range(0, n).Select(r => (double)counts[c, r] / Math.Max(1, options.Samples))]))
            .ToImmutableArray();
        if (smaa)
        {
            acceptability = [.. acceptability.Select((a, c) => counts[c, 0] == 0 ? a : Central(a, c))];
        }
        return new MonteCarloResult(options.Samples, options.Seed, options.SampleWeights || space is not null, acceptability,
            n == 0 ? 0 : acceptability[0].RankProbabilities[0], n)
        { WeightSpace = space?.Statements };

        // SMAA-2: the central weights are the mean weighting under which the stack won; its confidence factor is how
        // often it wins at those weights when only the figures vary. Every stack's confidence pass draws the same
        // figures (one seed for all), so the factors compare stacks, not draws.
        Acceptability Central(Acceptability a, int c)
        {
            var w = new double[weights.Length];
            for (var k = 0; k < w.Length; k++)
            {
                w[k] = central[c, k] / counts[c, 0];
            }
            var again = new Random(unchecked(options.Seed + 1));
            var wins = 0;
            for (var sample = 0; sample < options.Samples; sample++)
            {
                if ((sample & 63) == 0)
                {
                    options.Cancel.ThrowIfCancellationRequested();
                }
                for (var i = 0; i < slots.Count; i++)
                {
                    values[i] = Draw(slots[i], again);
                }
                Score(plan, values, w, scores, buffer);
                var tied = 0;
                var first = true;
                for (var o = 0; o < n && first; o++)
                {
                    if (o == c)
                    {
                        continue;
                    }
                    if (scores[o] > scores[c] + 1e-12)
                    {
                        first = false;
                    }
                    else if (Math.Abs(scores[o] - scores[c]) <= 1e-12)
                    {
                        tied++;
                    }
                }
                // A tie for first is won with probability 1/(tied + 1), as the rank pass shares ties at random.
                var u = again.NextDouble();
                if (first && u * (tied + 1) < 1)
                {
                    wins++;
                }
            }
            return a with
            {
                CentralWeights = Enumerable.Range(0, w.Length).Where(k => w[k] > 0).ToImmutableSortedDictionary(k => ids[k], k => w[k], StringComparer.Ordinal),
                Confidence = (double)wins / Math.Max(1, options.Samples),
            };
        }
    }

    /// <summary>Every candidate's score at one sample's figures and (normalised) weights.</summary>
    private static void Score(TermPlan[][][] plan, double[] values, double[] weights, double[] scores, List<double> buffer)
    {
        for (var c = 0; c < scores.Length; c++)
        {
            var score = 0.0;
            for (var k = 0; k < weights.Length; k++)
            {
                if (weights[k] == 0)
                {
                    continue;
                }
                score += weights[k] * Criterion(plan[c][k], values, buffer);
            }
            scores[c] = score;
        }
    }

    /// <summary>
    /// Draws one weighting from the statements' set into the catalogue's criterion order; criteria outside the statements
    /// weigh nothing, except the preferences criterion the profile's prefers: added, which weighs the mean of the others
    /// as it does in the table.
    /// </summary>
    private delegate void DrawWeights(Random random, Span<double> into);

    private static DrawWeights WeightDraw(OrdinalWeights space, string[] ids, double[] tableWeights)
    {
        var index = space.Criteria.Select(c => Array.IndexOf(ids, c)).ToArray();
        if (index.Any(i => i < 0))
        {
            throw new InvalidOperationException($"the weight statements '{space.Statements}' name a criterion the scoring does not have");
        }
        var preferences = Array.IndexOf(ids, Weights.PreferencesCriterion);
        var meanPreferences = preferences >= 0 && tableWeights[preferences] > 0 && !space.Criteria.Contains(Weights.PreferencesCriterion);
        // No state shared between calls: the all-stacks pass draws from several threads.
        return (random, into) =>
        {
            Span<double> w = stackalloc double[index.Length];
            if (!space.TrySample(random, w))
            {
                throw new InvalidOperationException($"the weight statements '{space.Statements}' leave (almost) no weighting: {OrdinalWeights.MaxAttempts} draws in a row broke a bound");
            }
            into.Clear();
            var sum = 0.0;
            for (var i = 0; i < w.Length; i++)
            {
                into[index[i]] = w[i];
                sum += w[i];
            }
            if (meanPreferences)
            {
                into[preferences] = sum / w.Length;
            }
        };
    }

    /// <summary>Terms and facts by reference: a record's structural hash walks all its fields, and this is the hot path of planning every stack.</summary>
    private sealed class SlotKeyComparer : IEqualityComparer<(ValueTerm Term, Fact Fact)>
    {
        public static readonly SlotKeyComparer Instance = new();

        public bool Equals((ValueTerm Term, Fact Fact) a, (ValueTerm Term, Fact Fact) b) => ReferenceEquals(a.Term, b.Term) && ReferenceEquals(a.Fact, b.Fact);

        public int GetHashCode((ValueTerm Term, Fact Fact) k) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Term), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Fact));
    }

    private sealed class MissingKeyComparer : IEqualityComparer<(ValueTerm Term, string Key)>
    {
        public static readonly MissingKeyComparer Instance = new();

        public bool Equals((ValueTerm Term, string Key) a, (ValueTerm Term, string Key) b) => ReferenceEquals(a.Term, b.Term) && string.Equals(a.Key, b.Key, StringComparison.Ordinal);

        public int GetHashCode((ValueTerm Term, string Key) k) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Term), StringComparer.Ordinal.GetHashCode(k.Key));
    }

    /// <summary>
    /// For each stack and criterion, the terms that apply, each with its readings and the slots (one per fact of a
    /// term, one per missing figure) they sum; a slot is shared by every stack that reads the same figure, so a
    /// technology's figure (and an unknown) takes one value per sample across all stacks.
    /// </summary>
    private (List<Slot> Slots, TermPlan[][][] Plan) Plan(IReadOnlyList<RankedStack> candidates)
    {
        var n = candidates.Count;
        var slots = new List<Slot>();
        var factSlots = new Dictionary<(ValueTerm, Fact), int>(SlotKeyComparer.Instance);
        var missingSlots = new Dictionary<(ValueTerm, string), int>(MissingKeyComparer.Instance);
        var plan = new TermPlan[n][][];
        var weighted = n == 0 ? [] : candidates[0].Criteria.Select(x => x.Weight > 0).ToArray();
        for (var c = 0; c < n; c++)
        {
            var view = viewOf(candidates[c]);
            plan[c] = new TermPlan[catalog.Criteria.Length][];
            for (var k = 0; k < catalog.Criteria.Length; k++)
            {
                if (!weighted[k])
                {
                    plan[c][k] = [];
                    continue;
                }
                plan[c][k] = [.. scorer.Inputs(k, view).Select(input => new TermPlan(input.Term, [.. input.Readings.Select(r => Reading(input.Term, r))]))];
            }
        }
        return (slots, plan);

        ReadingPlan Reading(ValueTerm term, Scoring.Reading r)
        {
            if (r.Missing)
            {
                if (!missingSlots.TryGetValue((term, r.Key), out var idx))
                {
                    idx = slots.Count;
                    slots.Add(new Slot(term, null, double.NaN) { OnScale = scorer.Context.MissingRange(term) });
                    missingSlots[(term, r.Key)] = idx;
                }
                return new ReadingPlan(double.NaN, [idx]);
            }
            if (!double.IsNaN(r.Fixed))
            {
                return new ReadingPlan(r.Fixed, []);
            }
            var ids = new int[r.Parts.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                var part = r.Parts[i];
                if (!factSlots.TryGetValue((term, part), out var idx))
                {
                    idx = slots.Count;
                    slots.Add(SlotOf(term, part, catalog.Vocabulary));
                    factSlots[(term, part)] = idx;
                }
                ids[i] = idx;
            }
            return new ReadingPlan(double.NaN, ids);
        }
    }

    private static double Criterion(TermPlan[] terms, double[] values, List<double> buffer)
    {
        if (terms.Length == 0)
        {
            return StackScorer.NoDataValue;
        }
        double sum = 0, weight = 0;
        Span<double> raws = stackalloc double[16];
        foreach (var t in terms)
        {
            sum += t.Term.Weight * TermValue(t, values, raws);
            weight += t.Term.Weight;
        }
        return weight == 0 ? StackScorer.NoDataValue : sum / weight;
    }

    /// <summary>A term's value (0..1) at the given slot values: each reading's fixed figure or the sum of its slots (at most <paramref name="raws"/>' length readings), mapped as the scorer maps it.</summary>
    private static double TermValue(TermPlan t, double[] values, Span<double> raws)
    {
        var n = 0;
        foreach (var r in t.Readings)
        {
            var raw = r.Fixed;
            if (double.IsNaN(raw))
            {
                raw = 0;
                foreach (var s in r.Slots)
                {
                    raw += values[s];
                }
            }
            if (n == raws.Length)
            {
                break;
            }
            raws[n++] = raw;
        }
        return StackScorer.TermValue(t.Term, raws[..n]);
    }

    /// <summary>A fact's slot: drawn over its own interval, a figure at a one-sided measure over the part of the term's scale it allows.</summary>
    private static Slot SlotOf(ValueTerm term, Fact fact, Vocabulary vocabulary) => fact.Value is EstimateValue
        ? new Slot(term, fact, StackScorer.Point(term, fact, vocabulary)) { OnScale = StackScorer.OneSidedRange(term, fact, vocabulary) }
        : new Slot(term, fact, double.NaN);

    /// <summary>The figure of <paramref name="fact"/> a sample draws for <paramref name="term"/> at quantile <paramref name="u"/> (0..1) of its range.</summary>
    public static double FigureAt(ValueTerm term, Fact fact, Vocabulary vocabulary, double u)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(fact);
        var slot = SlotOf(term, fact, vocabulary);
        return Uncertain(slot) ? At(slot, u) : slot.Fixed;
    }

    private static bool Uncertain(Slot slot) =>
        slot.Fact is null || (slot.Fact.Value is EstimateValue && slot.Term.Scale is ScaleKind.Log or ScaleKind.Linear);

    private static double Draw(Slot slot, Random random) => Uncertain(slot) ? At(slot, random.NextDouble()) : slot.Fixed;

    /// <summary>The figure at quantile u of its range (0 = low end, 1 = high end); a missing figure, or one at a one-sided measure, at quantile u of its part of the term's scale.</summary>
    private static double At(Slot slot, double u)
    {
        if (slot.OnScale is { } part)
        {
            return StackScorer.InverseScale(slot.Term, part.Low + u * (part.High - part.Low));
        }
        if (slot.Fact?.Value is not EstimateValue { Estimate: var e } || slot.Term.Scale is not (ScaleKind.Log or ScaleKind.Linear))
        {
            return slot.Fixed;
        }
        double Between(double a, double b) => slot.Term.Scale == ScaleKind.Log && a > 0 && b > 0
            ? Math.Exp(Math.Log(a) + u * (Math.Log(b) - Math.Log(a)))
            : a + u * (b - a);
        switch (e.Form)
        {
            case EstimateForm.Range:
                return Between(e.Low!.Value.BaseValue, e.High!.Value.BaseValue);
            case EstimateForm.Approximate:
                return Between(0.9 * e.Low!.Value.BaseValue, 1.1 * e.Low!.Value.BaseValue);
            case EstimateForm.Bound when e.Bound is BoundOperator.Less or BoundOperator.LessOrEqual:
                return Between(e.High!.Value.BaseValue / 2, e.High!.Value.BaseValue);
            case EstimateForm.Bound:
                return Between(e.Low!.Value.BaseValue, 2 * e.Low!.Value.BaseValue);
            case EstimateForm.Percentiles:
                return Quantile(slot.Points!, u);
            default:
                return slot.Fixed;
        }
    }

    /// <summary>Linear interpolation through the given quantiles (min = 0, max = 1, mean read as the median).</summary>
    private static double Quantile((double P, double V)[] points, double u)
    {
        if (u <= points[0].P)
        {
            return points[0].V;
        }
        for (var i = 1; i < points.Length; i++)
        {
            if (u <= points[i].P)
            {
                var f = (u - points[i - 1].P) / (points[i].P - points[i - 1].P);
                return points[i - 1].V + f * (points[i].V - points[i - 1].V);
            }
        }
        return points[^1].V;
    }

    private static (double P, double V)[] PercentilePoints(Estimate e) =>
        [.. e.Percentiles.Select(kv => (P: kv.Key switch
        {
            "min" => 0.0,
            "max" => 1.0,
            "mean" => 0.5,
            _ => double.Parse(kv.Key[1..], System.Globalization.CultureInfo.InvariantCulture) / 100,
        }, V: kv.Value.BaseValue)).OrderBy(p => p.P)];
}
