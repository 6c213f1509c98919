using System.Collections.Immutable;
using Strata.Engine.Scoring;
using Strata.Model.Entities;

namespace Strata.Engine.Composition;

/// <summary>
/// Exact top-k search over the combinations of the layers' candidates without enumerating them. A plain term
/// reads one figure per layer, and its min/max aggregate of monotone-scaled figures is the min or max of
/// per-technology scaled values (a missing figure counts at the middle of its range). That gives, for any partial stack,
/// an upper bound on every completion's score; terms that only a whole stack answers (a composed scope, a
/// capability, the preferences, or figures supporting components may add to) are bounded by 1 until the stack is
/// complete, where the scorer gives the exact score. Branches whose bound cannot beat the k-th best complete
/// stack are cut; compatibility rules are checked as soon as the layers they involve are assigned.
/// </summary>
public sealed class BranchAndBound(Model.Entities.Catalog catalog, StackScorer scorer)
{
    private sealed record Term(int Criterion, double Coefficient, bool UseMin, int[] Layers);

    /// <summary>The best stacks found, the nodes visited, and whether the search ran to the end (then they are proven the best).</summary>
    public sealed record Result(ImmutableArray<Stack> Stacks, long Nodes, bool Complete);

    /// <summary>
    /// The most search nodes a decision visits (a documented limit, about 10 s on a 2-core machine). Terms only a
    /// whole stack answers are bounded by 1 until the stack is complete, so when they carry much of the weight the
    /// bound cuts little; past the budget the search stops and says its stacks are the best found, not proven best.
    /// </summary>
    public const long DefaultNodeBudget = 400_000;

    public long NodeBudget { get; init; } = DefaultNodeBudget;

    public Result Search(IReadOnlyList<string> layers, IReadOnlyList<ImmutableArray<string>> candidates,
        Func<Stack, (StackView? View, bool Known)> feasible, Func<string?[], bool> partiallyFeasible, int k)
    {
        var m = layers.Count;
        var criteria = catalog.Criteria;
        var context = scorer.Context;
        var criterionWeight = criteria.Select(c => context.Weights.Normalised.GetValueOrDefault(c.Id)).ToArray();
        // Layers a supporting component may join (a rule names a technology of it): terms reading them are not decomposable.
        var supported = catalog.Rules.Where(r => r.Kind is RuleKind.Requires or RuleKind.Bundles)
            .SelectMany(r => r.AnyOf).Select(id => catalog.Technology(id)?.Layer).Where(l => l is not null).ToHashSet(StringComparer.Ordinal);
        var terms = new List<Term>();
        var values = new List<double[][]>(); // value[t][layer][candidate] = scaled value (0.5 when missing)
        var wholeStack = 0.0;                 // the weight of terms bounded by 1 until the stack is complete
        var constant = 0.0;
        for (var ci = 0; ci < criteria.Length; ci++)
        {
            var active = context.Active[ci];
            if (criterionWeight[ci] == 0 || active.IsEmpty)
            {
                continue;
            }
            var readLayers = active.Select(t => Enumerable.Range(0, m).Where(l => t.Reads(layers[l])).ToArray()).ToList();
            var applying = active.Select((t, i) => (Term: t, Layers: readLayers[i]))
                .Where(x => x.Term.Scope is not null || x.Term.Capability is not null || x.Term.Preferences || x.Layers.Length > 0).ToList();
            var totalWeight = applying.Sum(x => x.Term.Weight);
            if (applying.Count == 0 || totalWeight == 0)
            {
                constant += criterionWeight[ci] * StackScorer.NoDataValue; // no term applies: the criterion separates nothing
                continue;
            }
            foreach (var (term, ls) in applying)
            {
                var coefficient = criterionWeight[ci] * term.Weight / totalWeight;
                var decomposable = term.Scope is null && term.Capability is null && !term.Preferences
                    && !ls.Any(l => supported.Contains(layers[l])) && (term.Aggregate is Aggregate.Min or Aggregate.Max || ls.Length == 1) && term.Scale != ScaleKind.Boundaries;
                if (!decomposable)
                {
                    wholeStack += coefficient;
                    continue;
                }
                var increasing = term.Scale is not (ScaleKind.Log or ScaleKind.Linear) || term.Best!.Value.BaseValue > term.Worst!.Value.BaseValue;
                // The aggregate of raw figures maps to the min or max of scaled values, depending on the scale's direction.
                terms.Add(new Term(ci, coefficient, term.Aggregate == Aggregate.Min == increasing, ls));
                var table = new double[m][];
                foreach (var l in ls)
                {
                    table[l] = [.. candidates[l].Select(id => scorer.Fact(term, id) is { IsUnknown: false } f && scorer.RawOf(term, f) is { } raw
                        ? StackScorer.Scale(term, raw) : context.MissingValue(term))];
                }
                values.Add(table);
            }
        }
        var best = values.Select(table => table.Select(col => col is null ? double.NaN : col.Max()).ToArray()).ToArray();

        // Decide the layers that move the score most first: their choices tighten the bound soonest.
        var influence = new double[m];
        for (var ti = 0; ti < terms.Count; ti++)
        {
            foreach (var l in terms[ti].Layers)
            {
                influence[l] += terms[ti].Coefficient * (values[ti][l].Max() - values[ti][l].Min());
            }
        }
        var order = Enumerable.Range(0, m).OrderByDescending(l => influence[l]).ThenBy(l => l).ToArray();
        var choice = new int[m];
        Array.Fill(choice, -1);
        var assigned = new string?[m];
        // Ranked as the decision ranks: stacks known to meet every requirement first, then by score, then by name.
        var top = new PriorityQueue<Stack, (int Known, double Score, string Name)>(Comparer<(int Known, double Score, string Name)>.Create((a, b) =>
            a.Known != b.Known ? a.Known.CompareTo(b.Known) : a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(b.Name, a.Name)));
        long nodes = 0;
        var threshold = double.NegativeInfinity;
        var termsByLayer = Enumerable.Range(0, m).Select(l => Enumerable.Range(0, terms.Count).Where(ti => terms[ti].Layers.Contains(l)).ToArray()).ToArray();
        var termBound = new double[terms.Count];
        var unweighted = constant + Enumerable.Range(0, criteria.Length).Where(ci => criterionWeight[ci] > 0 && context.Active[ci].IsEmpty).Sum(ci => criterionWeight[ci] * StackScorer.NoDataValue);

        // An upper bound on term ti over every completion of the current partial stack.
        double TermBound(int ti)
        {
            var t = terms[ti];
            var fixedAgg = double.NaN;
            var bestOpen = double.NaN;
            foreach (var l in t.Layers)
            {
                if (choice[l] >= 0)
                {
                    var v = values[ti][l][choice[l]];
                    fixedAgg = double.IsNaN(fixedAgg) ? v : t.UseMin ? Math.Min(fixedAgg, v) : Math.Max(fixedAgg, v);
                }
                else
                {
                    bestOpen = double.IsNaN(bestOpen) ? best[ti][l] : Math.Max(bestOpen, best[ti][l]);
                }
            }
            if (double.IsNaN(bestOpen))
            {
                return fixedAgg;
            }
            if (double.IsNaN(fixedAgg))
            {
                return bestOpen;
            }
            return t.UseMin ? fixedAgg : Math.Max(fixedAgg, bestOpen); // more values can only lower a minimum
        }

        double Bound()
        {
            var score = unweighted + wholeStack;
            for (var ti = 0; ti < terms.Count; ti++)
            {
                score += terms[ti].Coefficient * TermBound(ti);
            }
            return score;
        }

        Stack StackOf() => new(Enumerable.Range(0, m).ToImmutableSortedDictionary(l => layers[l], l => ImmutableArray.Create(candidates[l][choice[l]]), StringComparer.Ordinal));

        void Visit(int depth)
        {
            if (nodes >= NodeBudget)
            {
                return;
            }
            nodes++;
            if (depth == m)
            {
                var stack = StackOf();
                var (found, isKnown) = feasible(stack);
                if (found is not { } view)
                {
                    return;
                }
                var exact = scorer.Score(view).Sum(c => c.Contribution);
                var entry = (Known: isKnown ? 1 : 0, Score: exact, Name: stack.ToString());
                if (top.Count < k)
                {
                    top.Enqueue(stack, entry);
                }
                else if (top.TryPeek(out _, out var worst) && top.Comparer.Compare(entry, worst) > 0)
                {
                    top.DequeueEnqueue(stack, entry);
                }
                // A branch can be cut on its score bound only once the k-th best is known to meet every requirement:
                // until then any known stack, whatever its score, would still displace it.
                if (top.Count == k && top.TryPeek(out _, out var kth) && kth.Known == 1)
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
                    bound += terms[touched[j]].Coefficient * (TermBound(touched[j]) - before[j]);
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
        var result = new List<(Stack Stack, int Known, double Score, string Name)>();
        while (top.TryDequeue(out var s, out var p))
        {
            result.Add((s, p.Known, p.Score, p.Name));
        }
        return new Result([.. result.OrderByDescending(r => r.Known).ThenByDescending(r => r.Score).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Stack)], nodes, nodes < NodeBudget);
    }
}
