using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Engine.Scoring;
using Strata.Model.Entities;

namespace Strata.Engine.Composition;

/// <summary>
/// Exact top-k search over the combinations of the layers' candidates without enumerating them.
/// A criterion's value decomposes by layer: each term reads one fact per layer, its min/max aggregate
/// of monotone-scaled figures is the min or max of per-technology scaled values, and a term with no
/// figure counts 0.5. That gives, for any partial stack, an upper bound on every completion's score;
/// branches whose bound cannot beat the k-th best complete stack are cut. Compatibility rules are
/// checked as soon as the layers they involve are assigned.
/// </summary>
public sealed class BranchAndBound(Model.Entities.Catalog catalog, StackScorer scorer)
{
    private sealed record Term(int Criterion, double Weight, bool UseMin, int[] Layers);

    public sealed record Result(ImmutableArray<Stack> Stacks, long Nodes);

    public Result Search(IReadOnlyList<string> layers, IReadOnlyList<ImmutableArray<string>> candidates, WeightSet weights,
        Func<Stack, bool> feasible, Func<string?[], bool> partiallyFeasible, int k)
    {
        var m = layers.Count;
        var criteria = catalog.Criteria;
        var criterionWeight = criteria.Select(c => weights.Normalised.GetValueOrDefault(c.Id)).ToArray();
        var terms = new List<Term>();
        // value[t][layer][candidate] = scaled value of candidate for term t, or NaN when it has no figure.
        var values = new List<double[][]>();
        for (var ci = 0; ci < criteria.Length; ci++)
        {
            if (criterionWeight[ci] == 0)
            {
                continue;
            }
            foreach (var term in criteria[ci].Value)
            {
                var ls = Enumerable.Range(0, m).Where(l => term.Reads(layers[l])).ToArray();
                if (ls.Length == 0)
                {
                    continue;
                }
                if (term.Aggregate is Aggregate.Mean or Aggregate.Sum && ls.Length > 1)
                {
                    throw new InvalidOperationException($"Branch and bound needs min or max aggregates over several layers; criterion '{criteria[ci].Id}' uses {term.Aggregate}.");
                }
                var increasing = term.Scale is not (ScaleKind.Log or ScaleKind.Linear) || term.Best!.Value.BaseValue > term.Worst!.Value.BaseValue;
                // The aggregate of raw figures maps to the min or max of scaled values, depending on the scale's direction.
                var useMin = term.Aggregate == Aggregate.Min == increasing;
                terms.Add(new Term(ci, term.Weight, useMin, ls));
                var table = new double[m][];
                foreach (var l in ls)
                {
                    table[l] = [.. candidates[l].Select(id => scorer.Lookup(term, id) is { } found ? StackScorer.Scale(term, found.Raw) : double.NaN)];
                }
                values.Add(table);
            }
        }
        var termWeightTotal = new double[criteria.Length];
        foreach (var t in terms)
        {
            termWeightTotal[t.Criterion] += t.Weight;
        }
        // The best scaled value each layer can contribute to each term, and whether it may contribute nothing.
        var best = values.Select(table => table.Select(col => col is null ? double.NaN : col.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max()).ToArray()).ToArray();
        var mayMiss = values.Select(table => table.Select(col => col is not null && col.Any(double.IsNaN)).ToArray()).ToArray();

        // Decide the layers that move the score most first: their choices tighten the bound soonest.
        var influence = new double[m];
        for (var ti = 0; ti < terms.Count; ti++)
        {
            foreach (var l in terms[ti].Layers)
            {
                var col = values[ti][l].Where(v => !double.IsNaN(v)).DefaultIfEmpty(StackScorer.NoDataValue);
                influence[l] += criterionWeight[terms[ti].Criterion] * terms[ti].Weight / Math.Max(1e-12, terms.Where(x => x.Criterion == terms[ti].Criterion).Sum(x => x.Weight)) * (col.Max() - col.Min());
            }
        }
        var order = Enumerable.Range(0, m).OrderByDescending(l => influence[l]).ThenBy(l => l).ToArray();
        var choice = new int[m];
        Array.Fill(choice, -1);
        var assigned = new string?[m];
        var top = new PriorityQueue<Stack, (double Score, string Name)>(Comparer<(double Score, string Name)>.Create((a, b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(b.Name, a.Name)));
        long nodes = 0;
        var threshold = double.NegativeInfinity;

        // coef[t]: how much term t's 0..1 value adds to the score (criterion weight x term share).
        var coef = terms.Select(t => criterionWeight[t.Criterion] * t.Weight / termWeightTotal[t.Criterion]).ToArray();
        var constant = Enumerable.Range(0, criteria.Length).Where(ci => termWeightTotal[ci] == 0).Sum(ci => criterionWeight[ci] * StackScorer.NoDataValue);
        var termsByLayer = Enumerable.Range(0, m).Select(l => Enumerable.Range(0, terms.Count).Where(ti => terms[ti].Layers.Contains(l)).ToArray()).ToArray();
        var termBound = new double[terms.Count];

        // An upper bound on term ti over every completion of the current partial stack (exact when complete).
        double TermBound(int ti)
        {
            var t = terms[ti];
            var fixedAgg = double.NaN;
            var bestOpen = double.NaN;
            var openMayMiss = true;
            var anyOpen = false;
            foreach (var l in t.Layers)
            {
                if (choice[l] >= 0)
                {
                    var v = values[ti][l][choice[l]];
                    if (!double.IsNaN(v))
                    {
                        fixedAgg = double.IsNaN(fixedAgg) ? v : t.UseMin ? Math.Min(fixedAgg, v) : Math.Max(fixedAgg, v);
                    }
                }
                else
                {
                    anyOpen = true;
                    var b = best[ti][l];
                    if (!double.IsNaN(b))
                    {
                        bestOpen = double.IsNaN(bestOpen) ? b : Math.Max(bestOpen, b);
                    }
                    openMayMiss &= mayMiss[ti][l] || double.IsNaN(b);
                }
            }
            if (!anyOpen)
            {
                return double.IsNaN(fixedAgg) ? StackScorer.NoDataValue : fixedAgg;
            }
            if (t.UseMin && !double.IsNaN(fixedAgg))
            {
                return fixedAgg; // more values can only lower a minimum
            }
            var bound = double.IsNaN(fixedAgg) ? double.NegativeInfinity : fixedAgg;
            if (!double.IsNaN(bestOpen))
            {
                bound = Math.Max(bound, bestOpen);
            }
            if (double.IsNaN(fixedAgg) && openMayMiss)
            {
                bound = Math.Max(bound, StackScorer.NoDataValue);
            }
            return double.IsNegativeInfinity(bound) ? StackScorer.NoDataValue : bound;
        }

        double Bound()
        {
            var score = constant;
            for (var ti = 0; ti < terms.Count; ti++)
            {
                score += coef[ti] * TermBound(ti);
            }
            return score;
        }

        Stack StackOf() => new(Enumerable.Range(0, m).ToImmutableSortedDictionary(l => layers[l], l => ImmutableArray.Create(candidates[l][choice[l]]), StringComparer.Ordinal));

        void Visit(int depth)
        {
            nodes++;
            if (depth == m)
            {
                var stack = StackOf();
                if (!feasible(stack))
                {
                    return;
                }
                var exact = Bound(); // every layer assigned: the bound is the exact score
                var name = stack.ToString();
                if (top.Count < k)
                {
                    top.Enqueue(stack, (exact, name));
                }
                else if (top.TryPeek(out _, out var worst) && (exact > worst.Score || (exact == worst.Score && string.CompareOrdinal(name, worst.Name) < 0)))
                {
                    top.DequeueEnqueue(stack, (exact, name));
                }
                if (top.Count == k && top.TryPeek(out _, out var kth))
                {
                    threshold = kth.Score;
                }
                return;
            }
            var layer = order[depth];
            // The bound with this layer open, then each candidate's bound by the change in the terms it touches.
            var open = Bound();
            foreach (var ti in termsByLayer[layer])
            {
                termBound[ti] = TermBound(ti);
            }
            var before = termsByLayer[layer].Select(ti => termBound[ti]).ToArray();
            // Try the most promising candidates first so good stacks are found early and cut more.
            var ranked = new (int Index, double Bound)[candidates[layer].Length];
            for (var i = 0; i < ranked.Length; i++)
            {
                choice[layer] = i;
                var bound = open;
                var touched = termsByLayer[layer];
                for (var j = 0; j < touched.Length; j++)
                {
                    bound += coef[touched[j]] * (TermBound(touched[j]) - before[j]);
                }
                ranked[i] = (i, bound);
            }
            Array.Sort(ranked, (a, b) => b.Bound.CompareTo(a.Bound));
            foreach (var (index, bound) in ranked)
            {
                if (bound <= threshold + 1e-12)
                {
                    break; // sorted: no later candidate can do better than the k-th best already found
                }
                choice[layer] = index;
                assigned[layer] = candidates[layer][index];
                if (partiallyFeasible(assigned))
                {
                    Visit(depth + 1);
                }
            }
            choice[layer] = -1;
            assigned[layer] = null;
        }

        Visit(0);
        var result = new List<(Stack Stack, double Score, string Name)>();
        while (top.TryDequeue(out var s, out var p))
        {
            result.Add((s, p.Score, p.Name));
        }
        return new Result([.. result.OrderByDescending(r => r.Score).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Stack)], nodes);
    }
}
