using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Engine.Scoring;
using Strata.Model.Entities;
using Strata.Model.Facts;
using Strata.Model.Quantities;

namespace Strata.Engine.Robustness;

/// <summary>
/// Stochastic multicriteria acceptability over the top candidates: every sample draws each uncertain
/// figure once (a technology's figure is the same in every stack of that sample), rescores the
/// candidates and counts their ranks; equal scores share ranks at random. How a figure is drawn: a range uniformly (log-uniformly on a log
/// scale); "~x" within ±10 %; "&lt; x" between x/2 and x; "&gt; x" between x and 2x; percentiles by
/// interpolating the quantiles given; a point, a star rating or a word not at all.
/// Seeded: the same seed gives the same result.
/// </summary>
public sealed class MonteCarlo(Model.Entities.Catalog catalog, StackScorer scorer)
{
    private sealed record Slot(ValueTerm Term, Fact? Fact, double Fixed);

    private sealed record TermPlan(ValueTerm Term, int[] Slots);

    public MonteCarloResult Run(ImmutableArray<RankedStack> ranking, RobustnessOptions options)
    {
        var candidates = ranking.Take(options.Candidates).ToArray();
        var n = candidates.Length;
        var slots = new List<Slot>();
        var slotIndex = new Dictionary<(ValueTerm, string), int>();
        // plan[c][k] = the terms of criterion k for candidate c, each with the slots of its layers' technologies.
        var plan = new TermPlan[n][][];
        for (var c = 0; c < n; c++)
        {
            plan[c] = new TermPlan[catalog.Criteria.Length][];
            for (var k = 0; k < catalog.Criteria.Length; k++)
            {
                var terms = new List<TermPlan>();
                foreach (var term in catalog.Criteria[k].Value)
                {
                    var ids = new List<int>();
                    var inStack = false;
                    foreach (var (layer, techs) in candidates[c].Stack.Layers)
                    {
                        if (!term.AllLayers && !term.Layers.Contains(layer))
                        {
                            continue;
                        }
                        inStack = true;
                        if (scorer.Lookup(term, techs[0]) is not { } found)
                        {
                            continue;
                        }
                        if (!slotIndex.TryGetValue((term, techs[0]), out var idx))
                        {
                            idx = slots.Count;
                            slotIndex[(term, techs[0])] = idx;
                            slots.Add(new Slot(term, found.Fact, found.Raw));
                        }
                        ids.Add(idx);
                    }
                    if (inStack)
                    {
                        terms.Add(new TermPlan(term, [.. ids]));
                    }
                }
                plan[c][k] = [.. terms];
            }
        }

        var weights = candidates.Length == 0 ? [] : candidates[0].Criteria.Select(x => x.Weight).ToArray();
        var random = new Random(options.Seed);
        var values = new double[slots.Count];
        var scores = new double[n];
        var tiebreak = new double[n];
        var order = new int[n];
        var sampledWeights = new double[weights.Length];
        var counts = new int[n, n];
        var buffer = new List<double>(8);
        for (var sample = 0; sample < options.Samples; sample++)
        {
            for (var i = 0; i < slots.Count; i++)
            {
                values[i] = Draw(slots[i], random);
            }
            var total = 0.0;
            for (var k = 0; k < weights.Length; k++)
            {
                sampledWeights[k] = options.SampleWeights ? weights[k] * (1 + options.WeightSpread * (2 * random.NextDouble() - 1)) : weights[k];
                total += sampledWeights[k];
            }
            for (var c = 0; c < n; c++)
            {
                var score = 0.0;
                for (var k = 0; k < weights.Length; k++)
                {
                    if (sampledWeights[k] == 0)
                    {
                        continue;
                    }
                    score += sampledWeights[k] / total * Criterion(plan[c][k], values, buffer);
                }
                scores[c] = score;
                tiebreak[c] = random.NextDouble();
                order[c] = c;
            }
            // Highest score first; stacks with equal scores share the ranks at random (seeded), so a tie
            // shows as split acceptability instead of favouring whichever stack sorts first by name.
            Array.Sort(order, (a, b) => Math.Abs(scores[b] - scores[a]) > 1e-12 ? scores[b].CompareTo(scores[a]) : tiebreak[a].CompareTo(tiebreak[b]));
            for (var r = 0; r < n; r++)
            {
                counts[order[r], r]++;
            }
        }
        var acceptability = Enumerable.Range(0, n)
            .Select(c => new Acceptability(candidates[c].Stack, [.. Enumerable.Range(0, n).Select(r => (double)counts[c, r] / Math.Max(1, options.Samples))]))
            .ToImmutableArray();
        return new MonteCarloResult(options.Samples, options.Seed, options.SampleWeights, acceptability,
            n == 0 ? 0 : acceptability[0].RankProbabilities[0], n);
    }

    private static double Criterion(TermPlan[] terms, double[] values, List<double> buffer)
    {
        double sum = 0, weight = 0;
        foreach (var t in terms)
        {
            if (t.Slots.Length == 0)
            {
                sum += t.Term.Weight * StackScorer.NoDataValue;
                weight += t.Term.Weight;
                continue;
            }
            buffer.Clear();
            foreach (var s in t.Slots)
            {
                buffer.Add(values[s]);
            }
            var combined = t.Term.Aggregate switch
            {
                Aggregate.Min => buffer.Min(),
                Aggregate.Sum => buffer.Sum(),
                Aggregate.Mean => buffer.Average(),
                _ => buffer.Max(),
            };
            sum += t.Term.Weight * StackScorer.Scale(t.Term, combined);
            weight += t.Term.Weight;
        }
        return weight == 0 ? StackScorer.NoDataValue : sum / weight;
    }

    private static double Draw(Slot slot, Random random)
    {
        if (slot.Fact?.Value is not EstimateValue { Estimate: var e } || slot.Term.Scale is not (ScaleKind.Log or ScaleKind.Linear))
        {
            return slot.Fixed;
        }
        var u = random.NextDouble();
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
                return Quantile(e, u);
            default:
                return slot.Fixed;
        }
    }

    /// <summary>Linear interpolation through the given quantiles (min = 0, max = 1, mean read as the median).</summary>
    private static double Quantile(Estimate e, double u)
    {
        var points = e.Percentiles.Select(kv => (P: kv.Key switch
        {
            "min" => 0.0,
            "max" => 1.0,
            "mean" => 0.5,
            _ => double.Parse(kv.Key[1..], System.Globalization.CultureInfo.InvariantCulture) / 100,
        }, V: kv.Value.BaseValue)).OrderBy(p => p.P).ToList();
        if (u <= points[0].P)
        {
            return points[0].V;
        }
        for (var i = 1; i < points.Count; i++)
        {
            if (u <= points[i].P)
            {
                var f = (u - points[i - 1].P) / (points[i].P - points[i - 1].P);
                return points[i - 1].V + f * (points[i].V - points[i - 1].V);
            }
        }
        return points[^1].V;
    }
}
