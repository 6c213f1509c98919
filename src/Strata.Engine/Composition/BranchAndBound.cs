using System.Collections.Immutable;
using Strata.Engine.Scoring;
using Strata.Model.Entities;
using Strata.Model.Facts;

namespace Strata.Engine.Composition;

/// <summary>
/// Exact top-k search over the combinations of the layers' candidates without enumerating them. For any partial
/// stack it bounds every completion's score from above, term by term, and cuts the branches whose bound cannot beat
/// the k-th best complete stack; compatibility rules are checked as soon as the layers they involve are assigned.
/// </summary>
/// <remarks>
/// <para>The bound of a term over the completions of a partial stack (every value in the term's 0..1 scale):</para>
/// <list type="bullet">
/// <item>a figure of each component of the layers it reads: a layer's components are its choice and the helpers the
/// choice's own requires rules bring into that layer (no other rule can put a component in a layer the stack
/// chooses); each component's value is taken at its best over the components its facts may hold via, and a missing
/// figure at the middle of its range, as the scorer counts it. A maximum (or a mean) of the values is at most the
/// largest value any of these components may have; a minimum, or a sum of figures where less is better, is at most
/// the value of any component that is surely read (the choice, unless its word is one the scale leaves out);</item>
/// <item>a figure composed at a scope where less is better: the scope's ways tried in order, each part at the least
/// the choice it reads may contribute (zero where the part may read a helper or be skipped as bundled), so the
/// stack's figure is at least the smallest such sum over the ways up to the first that is surely complete, and its
/// value at most that sum's; at most the value of a missing figure where no way is surely complete. A part that can
/// never be found (the choice has no figure and nothing else can fill its layers) rules its way out; where more is
/// better, a scope is at most 1 unless no way can give a figure;</item>
/// <item>a capability read on some layers: 1 where one of their components may have it, the missing value where one
/// may be unknown on it, else 0;</item>
/// <item>the preferences, a set of isolation boundaries, a capability of any component, or a sum where more is
/// better: at most 1.</item>
/// </list>
/// <para>A supporting component may fill a layer the stack does not choose only where a rule of one of its members
/// names a technology of that layer: each candidate carries the layers its rules may reach, so a term or part reading
/// such a layer may apply only where some choice (or some candidate of an open layer) reaches it.</para>
/// <para>A criterion averages the terms that apply to the stack, by weight; a term that may or may not apply (no
/// figure it reads in the stack, a word its scale leaves out) changes the average, so a criterion's bound is the
/// largest weighted average over the terms that surely apply and any of those that may. The score's bound is the
/// weighted sum of the criteria's. Stacks known to meet every requirement rank first: a partial stack with a
/// technology that is not known to meet one, or whose figure at a scope a requirement compares can never be composed,
/// can give only stacks that are not known to meet them, and is cut on its score bound against the k-th best also when
/// that one is not known either.</para>
/// </remarks>
public sealed class BranchAndBound(Model.Entities.Catalog catalog, StackScorer scorer)
{
    internal BranchAndBound(Model.Entities.Catalog catalog, StackScorer scorer, RuleReach reach) : this(catalog, scorer) => _ruleReach = reach;

    /// <summary>The best stacks found, the nodes visited, and whether the search ran to the end (then they are proven the best).</summary>
    public sealed record Result(ImmutableArray<Stack> Stacks, long Nodes, bool Complete);

    /// <summary>
    /// The most search nodes a decision visits (a documented limit): past it the search stops and says its stacks
    /// are the best found, not proven best. A search whose bound is loose (much weight on preferences or capabilities
    /// of any component, which are bounded by 1) can reach it.
    /// </summary>
    public const long DefaultNodeBudget = 400_000;

    public long NodeBudget { get; init; } = DefaultNodeBudget;

    /// <summary>Stops the search at its next node (<see cref="OperationCanceledException"/>): a server's per-request time limit.</summary>
    public CancellationToken Cancel { get; init; }

    private RuleReach _ruleReach = new(catalog);
    private Reach _reach = null!;

    /// <summary>
    /// Searches the best <paramref name="k"/> stacks. <paramref name="hasCaveats"/> says which candidates are not known to meet every
    /// requirement (null: none); <paramref name="mustCompose"/> are scopes at which the requirements compare the stack's figure, so a
    /// stack whose figure at one of them cannot be composed is not known to meet them either.
    /// </summary>
    public Result Search(IReadOnlyList<string> layers, IReadOnlyList<ImmutableArray<string>> candidates,
        Func<Stack, (StackView? View, bool Known)> feasible, Func<string?[], bool> partiallyFeasible, int k, Func<string, bool>? hasCaveats = null,
        IReadOnlyList<ScopeDefinition>? mustCompose = null)
    {
        var m = layers.Count;
        var criteria = catalog.Criteria;
        var context = scorer.Context;
        var layerIndex = Enumerable.Range(0, m).ToDictionary(l => layers[l], l => l, StringComparer.Ordinal);
        var bundled = catalog.Rules.Where(r => r.Kind == RuleKind.Bundles).SelectMany(r => r.AnyOf).ToHashSet(StringComparer.Ordinal);
        var helpers = new Dictionary<string, List<string>>[m];
        for (var l = 0; l < m; l++)
        {
            helpers[l] = candidates[l].ToDictionary(id => id, _ruleReach.SameLayerHelpers, StringComparer.Ordinal);
        }
        _reach = new Reach(this, layers, candidates);

        // Per weighted criterion, its weight and the bounds of its terms.
        var weighted = new List<(double Weight, TermBound[] Terms)>();
        for (var ci = 0; ci < criteria.Length; ci++)
        {
            var w = context.Weights.Normalised.GetValueOrDefault(criteria[ci].Id);
            if (w == 0)
            {
                continue;
            }
            var terms = context.Active[ci].Where(t => t.Weight > 0).Select(t => BoundOf(t, layers, layerIndex, candidates, helpers, bundled)).ToArray();
            weighted.Add((w, terms));
        }
        var touchedBy = Enumerable.Range(0, m).Select(l => Enumerable.Range(0, weighted.Count).Where(c => weighted[c].Terms.Any(t => t.Layers.Contains(l))).ToArray()).ToArray();

        var choice = new int[m];
        Array.Fill(choice, -1);
        var maybe = new List<(double Upper, double Weight)>();

        double CriterionBound(int c)
        {
            var (sumW, sumWU) = (0.0, 0.0);
            maybe.Clear();
            foreach (var t in weighted[c].Terms)
            {
                t.Bound(choice, out var upper, out var sure, out var may);
                if (!may)
                {
                    continue;
                }
                if (sure)
                {
                    (sumW, sumWU) = (sumW + t.Weight, sumWU + t.Weight * upper);
                }
                else
                {
                    maybe.Add((upper, t.Weight));
                }
            }
            // With no term sure to apply, the criterion may have none (then it is the no-data value); each term that may
            // apply raises the average only while its bound is above it, so the largest average is over a prefix by bound.
            var best = sumW > 0 ? sumWU / sumW : StackScorer.NoDataValue;
            maybe.Sort((a, b) => b.Upper.CompareTo(a.Upper));
            foreach (var (upper, w) in maybe)
            {
                (sumW, sumWU) = (sumW + w, sumWU + w * upper);
                best = Math.Max(best, sumWU / sumW);
            }
            return best;
        }

        // Stacks known to meet every requirement: possible only while every choice is known to meet them and every open layer has such a candidate.
        var clean = Enumerable.Range(0, m).Select(l => candidates[l].Select(id => hasCaveats is null || !hasCaveats(id)).ToArray()).ToArray();
        var openClean = clean.Select(c => c.Any(x => x)).ToArray();
        var composed = (mustCompose ?? []).Select(scope => ScopeBoundOf(null, scope, layerIndex, candidates, helpers, bundled, sure: true)).ToArray();
        bool KnownPossible()
        {
            for (var l = 0; l < m; l++)
            {
                if (choice[l] >= 0 ? !clean[l][choice[l]] : !openClean[l])
                {
                    return false;
                }
            }
            foreach (var scope in composed)
            {
                if (scope.NeverComposed(choice))
                {
                    return false;
                }
            }
            return true;
        }

        // Decide the layers that move the bound most first: their choices tighten it soonest.
        var influence = new double[m];
        for (var l = 0; l < m; l++)
        {
            foreach (var c in touchedBy[l])
            {
                var (lo, hi) = (double.PositiveInfinity, double.NegativeInfinity);
                for (var i = 0; i < candidates[l].Length; i++)
                {
                    choice[l] = i;
                    var b = CriterionBound(c);
                    (lo, hi) = (Math.Min(lo, b), Math.Max(hi, b));
                }
                choice[l] = -1;
                influence[l] += weighted[c].Weight * (hi - lo);
            }
        }
        var order = Enumerable.Range(0, m).OrderByDescending(l => influence[l]).ThenBy(l => l).ToArray();
        var assigned = new string?[m];
        // Ranked as the decision ranks: stacks known to meet every requirement first, then by score, then by name.
        var top = new PriorityQueue<Stack, (int Known, double Score, string Name)>(Comparer<(int Known, double Score, string Name)>.Create((a, b) =>
            a.Known != b.Known ? a.Known.CompareTo(b.Known) : a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(b.Name, a.Name)));
        long nodes = 0;
        var criterionBound = new double[weighted.Count];

        // Whether a branch whose completions are at most (known, bound) can still displace the k-th best.
        bool Cut(bool known, double bound)
        {
            if (top.Count < k || !top.TryPeek(out _, out var kth))
            {
                return false;
            }
            var tier = known ? 1 : 0;
            return tier < kth.Known || (tier == kth.Known && bound <= kth.Score + 1e-12);
        }

        Stack StackOf() => new(Enumerable.Range(0, m).ToImmutableSortedDictionary(l => layers[l], l => ImmutableArray.Create(candidates[l][choice[l]]), StringComparer.Ordinal));

        void Visit(int depth)
        {
            if (nodes >= NodeBudget)
            {
                return;
            }
            nodes++;
            Cancel.ThrowIfCancellationRequested();
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
                return;
            }
            var layer = order[depth];
            // The criteria this layer does not touch keep their bound over its candidates.
            var untouched = 0.0;
            var touched = touchedBy[layer];
            for (var c = 0; c < weighted.Count; c++)
            {
                criterionBound[c] = Array.IndexOf(touched, c) >= 0 ? 0 : weighted[c].Weight * CriterionBound(c);
                untouched += criterionBound[c];
            }
            // Try the most promising candidates first so good stacks are found early and cut more.
            var ranked = new (int Index, bool Known, double Bound)[candidates[layer].Length];
            for (var i = 0; i < ranked.Length; i++)
            {
                choice[layer] = i;
                var bound = untouched;
                foreach (var c in touched)
                {
                    bound += weighted[c].Weight * CriterionBound(c);
                }
                ranked[i] = (i, KnownPossible(), bound);
            }
            Array.Sort(ranked, (a, b) => a.Known != b.Known ? b.Known.CompareTo(a.Known) : a.Bound != b.Bound ? b.Bound.CompareTo(a.Bound) : a.Index.CompareTo(b.Index));
            foreach (var (index, known, bound) in ranked)
            {
                if (Cut(known, bound))
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

    /// <summary>
    /// Every figure a technology's fact may be in some stack: one per set of the components its matching facts hold
    /// via (a figure via Kata counts only with Kata in the stack); null when there are too many such sets to try.
    /// </summary>
    private List<Fact?>? Selections(Technology tech, string fact, IReadOnlyList<string> measures)
    {
        var vias = tech.Facts.Where(f => f.Name == fact && f.Via is not null).Select(f => f.Via!).Distinct(StringComparer.Ordinal).ToArray();
        if (vias.Length > 8)
        {
            return null;
        }
        var result = new List<Fact?>(1 << vias.Length);
        for (var mask = 0; mask < 1 << vias.Length; mask++)
        {
            var members = new HashSet<string>(StringComparer.Ordinal);
            for (var v = 0; v < vias.Length; v++)
            {
                if ((mask & (1 << v)) != 0)
                {
                    members.Add(vias[v]);
                }
            }
            result.Add(scorer.Context.Selector.Select(tech, fact, measures, members, scorer.Context.Holds));
        }
        return result;
    }

    private TermBound BoundOf(ValueTerm term, IReadOnlyList<string> layers, Dictionary<string, int> layerIndex, IReadOnlyList<ImmutableArray<string>> candidates,
        Dictionary<string, List<string>>[] helpers, HashSet<string> bundled)
    {
        var context = scorer.Context;
        var increasing = term.Scale is not (ScaleKind.Log or ScaleKind.Linear) || term.Best!.Value.BaseValue > term.Worst!.Value.BaseValue;
        if (term.Scope is not null)
        {
            if (context.ScopeOf(term) is not { } scope || term.AllLayers)
            {
                return new FixedBound(term.Weight, 0, may: false); // the scorer reads no figure for it
            }
            var sure = term.Layers.Any(layerIndex.ContainsKey); // a layer the stack chooses always has a member
            var may = sure || term.Layers.Any(_ruleReach.NamedByLayer.ContainsKey);
            // Under the seed policy a seed's unscoped figure may stand for the scope; more is better: no lower bound helps.
            if (!may || context.Selector.IsSeed || term.Scale is not (ScaleKind.Log or ScaleKind.Linear))
            {
                return new FixedBound(term.Weight, 1, may) { Sure = sure, Reach = sure ? null : _reach, Needs = _reach.MaskOf(term.Layers) };
            }
            return ScopeBoundOf(term, scope, layerIndex, candidates, helpers, bundled, sure);
        }
        if (term.Capability is { } capability && !term.AllLayers)
        {
            return CapabilityBoundOf(term, capability, layerIndex, candidates, helpers);
        }
        if (term.Capability is not null || term.Preferences || term.Scale == ScaleKind.Boundaries)
        {
            return new FixedBound(term.Weight, 1, may: !term.Preferences || !context.Prefers.IsEmpty);
        }
        var read = Enumerable.Range(0, layers.Count).Where(l => term.Reads(layers[l])).ToArray();
        var kind = term.Aggregate switch
        {
            Aggregate.Min or Aggregate.Max => (term.Aggregate == Aggregate.Min) == increasing ? PlainBound.Kind.MinLike : PlainBound.Kind.MaxLike,
            Aggregate.Mean => PlainBound.Kind.MaxLike,
            Aggregate.Sum when !increasing => PlainBound.Kind.MinLike,
            _ => PlainBound.Kind.Unbounded,
        };
        var anyHi = new double[layers.Count][];
        var sureHi = new double[layers.Count][];
        var minRaw = double.PositiveInfinity;
        foreach (var l in read)
        {
            anyHi[l] = new double[candidates[l].Length];
            sureHi[l] = new double[candidates[l].Length];
            for (var i = 0; i < candidates[l].Length; i++)
            {
                var id = candidates[l][i];
                var own = Values(term, id, ref minRaw);
                var any = own.Any ? own.Max : double.NaN;
                foreach (var helper in helpers[l][id])
                {
                    var h = Values(term, helper, ref minRaw);
                    if (h.Any)
                    {
                        any = double.IsNaN(any) ? h.Max : Math.Max(any, h.Max);
                    }
                }
                anyHi[l][i] = any;
                sureHi[l][i] = own.All ? own.Max : double.NaN;
            }
        }
        // A sum is at least each of its parts only when none is negative.
        if (term.Aggregate == Aggregate.Sum && minRaw < 0)
        {
            kind = PlainBound.Kind.Unbounded;
        }
        return new PlainBound(term.Weight, read, kind, anyHi, sureHi);
    }

    /// <summary>The values (0..1) a component's figure for a plain term may have, as the scorer reads it: the best of them, and whether it is read always, or ever.</summary>
    private (double Max, bool All, bool Any) Values(ValueTerm term, string id, ref double minRaw)
    {
        if (catalog.Technology(id) is not { } tech || Selections(tech, term.Fact, term.Measures) is not { } selections)
        {
            minRaw = double.NegativeInfinity;
            return (1, false, true);
        }
        var context = scorer.Context;
        var (max, all, any) = (double.NegativeInfinity, true, false);
        foreach (var f in selections)
        {
            if (StackScorer.NotScored(term, f))
            {
                all = false; // a word the scale leaves out: the component gives the term no reading
                continue;
            }
            double value, raw;
            if (f is { IsUnknown: false } && scorer.RawOf(term, f) is { } r)
            {
                (value, raw) = (StackScorer.Scale(term, r), r);
            }
            else
            {
                value = context.MissingValue(term);
                raw = StackScorer.InverseScale(term, value);
            }
            (max, any, minRaw) = (Math.Max(max, value), true, Math.Min(minRaw, raw));
        }
        return (any ? max : double.NaN, all && any, any);
    }

    /// <summary>
    /// A capability read on the components of some layers: 1 where one of them may have it (alone or with a component
    /// it holds via), the missing value where one may be unknown on it, else 0; a layer the stack does not choose may get
    /// a supporting component with any answer.
    /// </summary>
    private TermBound CapabilityBoundOf(ValueTerm term, string capability, Dictionary<string, int> layerIndex, IReadOnlyList<ImmutableArray<string>> candidates,
        Dictionary<string, List<string>>[] helpers)
    {
        var capabilities = scorer.Context.Capabilities;
        var providers = capabilities.Layers(capability);
        var missing = scorer.Context.MissingValue(term);
        double Value(string id) =>
            capabilities.Has(id, capability) == true || capabilities.HasVia(id, capability) ? 1
            : capabilities.Has(id, capability) is null && catalog.Technology(id) is { } t && providers.Contains(t.Layer) ? missing : 0;
        var read = term.Layers.Where(layerIndex.ContainsKey).Select(l => layerIndex[l]).Distinct().ToArray();
        var upper = new double[candidates.Count][];
        foreach (var l in read)
        {
            upper[l] = [.. candidates[l].Select(id => helpers[l][id].Select(Value).Append(Value(id)).Max())];
        }
        var needs = _reach.MaskOf(term.Layers.Where(l => !layerIndex.ContainsKey(l)));
        return new CapabilityBound(term.Weight, needs == 0 ? read : _reach.All, upper, read, _reach, needs);
    }

    /// <summary>The bound of a term at a scope; without a term, only whether the stack's figure there can be composed (<see cref="ScopeBound.NeverComposed"/>).</summary>
    private ScopeBound ScopeBoundOf(ValueTerm? term, ScopeDefinition scope, Dictionary<string, int> layerIndex, IReadOnlyList<ImmutableArray<string>> candidates,
        Dictionary<string, List<string>>[] helpers, HashSet<string> bundled, bool sure)
    {
        var increasing = term is not null && term.Best!.Value.BaseValue > term.Worst!.Value.BaseValue;
        var ways = new List<ScopeBound.Part[]>();
        foreach (var way in scope.Ways)
        {
            var parts = new List<ScopeBound.Part>();
            foreach (var part in way.Parts)
            {
                // A part reads the first component of its layers: in a layer the stack chooses, the choice.
                if (!layerIndex.TryGetValue(part.Layers[0], out var key))
                {
                    // No component can ever be in its layers: an optional part is skipped, a required one never found.
                    // A part that reads only the choice of a layer the stack does not choose is never found (an optional one is skipped where the layer stays empty).
                    var state = part.ChoiceOnly && !part.Optional ? ScopeBound.State.Never
                        : part.Layers.Any(layerIndex.ContainsKey) ? ScopeBound.State.Maybe : part.Optional ? ScopeBound.State.Found : ScopeBound.State.Never;
                    // A supporting component may fill a layer the stack does not choose, where a rule of one of its members brings one.
                    var needs = state == ScopeBound.State.Maybe ? 0 : _reach.MaskOf(part.Layers);
                    parts.Add(new ScopeBound.Part(-1, [], [], [], 0, state, false) { Needs = needs });
                    continue;
                }
                var n = candidates[key].Length;
                var (lb, states, adds) = (new double[n], new ScopeBound.State[n], new bool[n]);
                for (var i = 0; i < n; i++)
                {
                    var id = candidates[key][i];
                    var selections = catalog.Technology(id) is { } tech ? Selections(tech, scope.Fact, part.Measures) : null;
                    var skippable = part.UnlessBundled && bundled.Contains(id); // bundled, the part counts zero
                    // When the choice has no figure the part reads the next component of its layers, if there can be one.
                    var others = !part.ChoiceOnly && (helpers[key][id].Count > 0 || part.Layers.Skip(1).Any(l => layerIndex.ContainsKey(l) || _ruleReach.NamedByLayer.ContainsKey(l)));
                    if (selections is { Count: > 0 } && selections.All(f => f is { IsUnknown: false }))
                    {
                        // The figure as the scorer reads it (one at a one-sided measure at the middle of what it allows), so the bound holds.
                        var least = selections.Min(f => f!.Value is EstimateValue e ? term is null ? e.Estimate.Central : StackScorer.Point(term, f, catalog.Vocabulary) : double.NaN);
                        (lb[i], states[i], adds[i]) = (skippable || double.IsNaN(least) ? 0 : least, ScopeBound.State.Found, !skippable);
                    }
                    else
                    {
                        var possible = selections is null || skippable || selections.Any(f => f is { IsUnknown: false }) || (others && selections.Any(f => f is null));
                        states[i] = possible ? ScopeBound.State.Maybe : ScopeBound.State.Never;
                    }
                }
                var open = states.All(x => x == ScopeBound.State.Found) ? ScopeBound.State.Found
                    : states.All(x => x == ScopeBound.State.Never) ? ScopeBound.State.Never : ScopeBound.State.Maybe;
                var openLeast = Enumerable.Range(0, n).Where(i => states[i] != ScopeBound.State.Never).Select(i => lb[i]).DefaultIfEmpty(0).Min();
                parts.Add(new ScopeBound.Part(key, lb, states, adds, openLeast, open, adds.All(x => x)));
            }
            ways.Add([.. parts]);
        }
        var layers = ways.SelectMany(w => w).Any(p => p.Needs != 0) ? _reach.All : ways.SelectMany(w => w).Where(p => p.Layer >= 0).Select(p => p.Layer).Distinct().ToArray();
        return new ScopeBound(term?.Weight ?? 0, term, layers, [.. ways], term is null ? 0 : scorer.Context.MissingValue(term), _reach) { Sure = sure, Increasing = increasing };
    }

    /// <summary>An upper bound on a term's value over the completions of a partial stack, and whether the term surely or possibly applies to them.</summary>
    private abstract class TermBound(double weight, int[] layers)
    {
        public double Weight { get; } = weight;

        /// <summary>The search layers the bound depends on.</summary>
        public virtual int[] Layers { get; } = layers;

        /// <param name="choice">Per search layer, the index of its candidate, or -1 while open.</param>
        public abstract void Bound(int[] choice, out double upper, out bool sure, out bool may);
    }

    /// <summary>A term bounded by a constant; with <see cref="Reach"/>, it applies only where a supporting component may fill one of the layers <see cref="Needs"/> names.</summary>
    private sealed class FixedBound(double weight, double upper, bool may) : TermBound(weight, [])
    {
        public bool Sure { get; init; }

        public Reach? Reach { get; init; }

        public ulong Needs { get; init; }

        public override int[] Layers => Reach?.All ?? [];

        public override void Bound(int[] choice, out double upper1, out bool sure, out bool may1)
        {
            may1 = may && (Reach is null || (Reach.Of(choice) & Needs) != 0);
            (upper1, sure) = (upper, Sure && may1);
        }
    }

    /// <summary>
    /// Which layers the stack does not choose a supporting component may fill: per candidate, the layers of everything its
    /// requires and bundles rules may bring, transitively (as bits; a catalogue with more than 64 such layers sets all).
    /// </summary>
    private sealed class Reach
    {
        private readonly Dictionary<string, int> _bit = new(StringComparer.Ordinal);
        private readonly ulong[][] _mask;
        private readonly ulong[] _open;

        public Reach(BranchAndBound search, IReadOnlyList<string> layers, IReadOnlyList<ImmutableArray<string>> candidates)
        {
            var named = search._ruleReach.NamedByLayer.Keys.Where(l => !layers.Contains(l)).Order(StringComparer.Ordinal).ToList();
            var saturated = named.Count > 64;
            for (var i = 0; i < named.Count && !saturated; i++)
            {
                _bit[named[i]] = i;
            }
            All = [.. Enumerable.Range(0, layers.Count)];
            _mask = [.. Enumerable.Range(0, layers.Count).Select(l => candidates[l].Select(id => saturated ? ulong.MaxValue
                : search._ruleReach.Brought(id).Aggregate(0UL, (acc, t) => acc | MaskOf([t.Layer]))).ToArray())];
            _open = [.. _mask.Select(ms => ms.Aggregate(0UL, (a, b) => a | b))];
            if (saturated)
            {
                _bit.Clear();
                foreach (var l in named)
                {
                    _bit[l] = 63;
                }
            }
        }

        /// <summary>Every search layer: a bound reading what supporting components may fill depends on all of them.</summary>
        public int[] All { get; }

        public ulong MaskOf(IEnumerable<string> layers) => layers.Aggregate(0UL, (acc, l) => _bit.TryGetValue(l, out var b) ? acc | (1UL << b) : acc);

        /// <summary>The layers a supporting component may fill in some completion of the partial stack.</summary>
        public ulong Of(int[] choice)
        {
            var r = 0UL;
            for (var l = 0; l < choice.Length; l++)
            {
                r |= choice[l] >= 0 ? _mask[l][choice[l]] : _open[l];
            }
            return r;
        }
    }

    /// <summary>A term reading each component's own figure in the layers it reads.</summary>
    private sealed class PlainBound : TermBound
    {
        public enum Kind { MaxLike, MinLike, Unbounded }

        private readonly Kind _kind;
        private readonly double[][] _anyHi;   // [layer][candidate]: the most any component of the layer may give; NaN: none is read
        private readonly double[][] _sureHi;  // [layer][candidate]: the most the choice gives where it is always read; NaN: not always read
        private readonly double[] _openAnyHi; // per layer while open
        private readonly double[] _openSureHi; // per layer while open: the most any candidate gives if every candidate is always read

        public PlainBound(double weight, int[] layers, Kind kind, double[][] anyHi, double[][] sureHi) : base(weight, layers)
        {
            (_kind, _anyHi, _sureHi) = (kind, anyHi, sureHi);
            _openAnyHi = new double[anyHi.Length];
            _openSureHi = new double[anyHi.Length];
            foreach (var l in layers)
            {
                var known = anyHi[l].Where(v => !double.IsNaN(v)).ToArray();
                _openAnyHi[l] = known.Length == 0 ? double.NaN : known.Max();
                _openSureHi[l] = sureHi[l].Length == 0 || sureHi[l].Any(double.IsNaN) ? double.NaN : sureHi[l].Max();
            }
        }

        public override void Bound(int[] choice, out double upper, out bool sure, out bool may)
        {
            var (maxAny, minSure) = (double.NegativeInfinity, double.PositiveInfinity);
            (sure, may) = (false, false);
            foreach (var l in Layers)
            {
                var (a, s) = choice[l] >= 0 ? (_anyHi[l][choice[l]], _sureHi[l][choice[l]]) : (_openAnyHi[l], _openSureHi[l]);
                if (!double.IsNaN(a))
                {
                    (may, maxAny) = (true, Math.Max(maxAny, a));
                }
                if (!double.IsNaN(s))
                {
                    (sure, minSure) = (true, Math.Min(minSure, s));
                }
            }
            upper = !may ? 0 : _kind == Kind.Unbounded ? 1 : _kind == Kind.MinLike && sure ? minSure : maxAny;
        }
    }

    /// <summary>A capability term over some layers: per search layer and candidate, the most it may be; <c>others</c>: the most a layer the stack does not choose may give.</summary>
    private sealed class CapabilityBound(double weight, int[] layers, double[][] upper, int[] read, Reach reach, ulong needs) : TermBound(weight, layers)
    {
        private readonly double[] _open = [.. upper.Select(u => u is null || u.Length == 0 ? 0 : u.Max())];

        public override void Bound(int[] choice, out double upper1, out bool sure, out bool may)
        {
            // A supporting component in a layer the stack does not choose may have it, or be unknown on it.
            var others = needs != 0 && (reach.Of(choice) & needs) != 0;
            upper1 = others ? 1 : 0;
            foreach (var l in read)
            {
                upper1 = Math.Max(upper1, choice[l] >= 0 ? upper[l][choice[l]] : _open[l]);
            }
            (sure, may) = (read.Length > 0, read.Length > 0 || others);
        }
    }

    /// <summary>A term reading a stack's figure composed at a scope where less is better.</summary>
    private sealed class ScopeBound(double weight, ValueTerm? term, int[] layers, ScopeBound.Part[][] ways, double missing, Reach reach) : TermBound(weight, layers)
    {
        /// <summary>Whether a part has a figure in every completion, in none (its way never gives the figure), or maybe.</summary>
        public enum State { Found, Never, Maybe }

        /// <summary>
        /// One part of a way: the search layer whose choice it reads (-1: none), per candidate the least it contributes, its state and whether it
        /// always adds to the figure (found and never skipped as bundled); the same over the candidates while the layer is open.
        /// </summary>
        public sealed record Part(int Layer, double[] Least, State[] States, bool[] Adds, double OpenLeast, State OpenState, bool OpenAdds)
        {
            /// <summary>For a part of layers the stack does not choose: those a supporting component may fill (then the part may read one).</summary>
            public ulong Needs { get; init; }
        }

        public bool Sure { get; init; }

        /// <summary>Whether no way of the scope can give the stack's figure in any completion: every way has a part that is never found.</summary>
        public bool NeverComposed(int[] choice)
        {
            var reached = Layers.Length > 0 ? reach.Of(choice) : 0;
            foreach (var way in ways)
            {
                var never = false;
                foreach (var p in way)
                {
                    var state = p.Layer < 0 ? (p.Needs != 0 && (reached & p.Needs) != 0 ? State.Maybe : p.OpenState)
                        : choice[p.Layer] is var c and >= 0 ? p.States[c] : p.OpenState;
                    if (state == State.Never)
                    {
                        never = true;
                        break;
                    }
                }
                if (!never)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>More is better: only whether some way may give a figure (then at most 1) or none can (the missing value) is bounded.</summary>
        public bool Increasing { get; init; }

        public override void Bound(int[] choice, out double upper, out bool sure, out bool may)
        {
            var least = double.PositiveInfinity;
            var unknownPossible = true;
            var reached = Layers.Length > 0 ? reach.Of(choice) : 0;
            foreach (var way in ways)
            {
                var (sum, complete, adds, never) = (0.0, true, false, false);
                foreach (var p in way)
                {
                    var (lb, state, add) = p.Layer < 0 ? (0, p.Needs != 0 && (reached & p.Needs) != 0 ? State.Maybe : p.OpenState, false)
                        : choice[p.Layer] is var c and >= 0 ? (p.Least[c], p.States[c], p.Adds[c]) : (p.OpenLeast, p.OpenState, p.OpenAdds);
                    if (state == State.Never)
                    {
                        never = true;
                        break;
                    }
                    sum += lb;
                    complete &= state == State.Found;
                    adds |= add;
                }
                if (never)
                {
                    continue; // this way gives no figure in any completion
                }
                least = Math.Min(least, sum);
                // Every part found and one not skipped as bundled: this way gives the figure unless an earlier one does; later ways are never read.
                if (complete && adds)
                {
                    unknownPossible = false;
                    break;
                }
            }
            upper = double.IsPositiveInfinity(least) ? missing : Increasing ? 1 : StackScorer.Scale(term!, least);
            if (unknownPossible)
            {
                upper = Math.Max(upper, missing);
            }
            (sure, may) = (Sure, true);
        }
    }
}
