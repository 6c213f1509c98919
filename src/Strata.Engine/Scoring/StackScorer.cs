using System.Collections.Immutable;
using Strata.Engine.Capabilities;
using Strata.Engine.Composition;
using Strata.Engine.Conditions;
using Strata.Engine.Decisions;
using Strata.Engine.Evidence;
using Strata.Engine.Scopes;
using Strata.Model.Entities;
using Strata.Model.Facts;

namespace Strata.Engine.Scoring;

/// <summary>
/// One figure a term reads for a stack. A reading is a sum of facts (one fact for a plain term; a composed
/// scope's parts), a fixed value (a capability the stack has or lacks, the share of preferences), or missing.
/// <see cref="Key"/> identifies what is missing, so the Monte Carlo draws the same unknown once per sample.
/// </summary>
public readonly record struct Reading(string Technology, ImmutableArray<Fact> Parts, double Fixed, Fact? Shown, string Key)
{
    public bool Missing => Parts.IsDefaultOrEmpty && double.IsNaN(Fixed);

    public static Reading Unknown(string technology, string key) => new(technology, [], double.NaN, null, key);
}

/// <summary>A term and the readings it aggregates for one stack.</summary>
public sealed record TermInput(ValueTerm Term, ImmutableArray<Reading> Readings);

/// <summary>
/// What a decision's scoring needs besides the stack: the weights, the profile's preferences, which terms apply to
/// this profile (a term's <c>when</c>; seed-only terms only under the seed policy), how figures are chosen and
/// composed, and what the components can do.
/// </summary>
public sealed class ScoringContext
{
    public ScoringContext(Model.Entities.Catalog catalog, FactSelector selector, ConditionEvaluator evaluator, WeightSet weights, ImmutableArray<string> prefers)
    {
        _vocabulary = catalog.Vocabulary;
        _constraints = evaluator.View.Constraints;
        Selector = selector;
        Weights = weights;
        Prefers = prefers;
        Holds = c => evaluator.Evaluate(c.Condition);
        Composer = new ScopeComposer(catalog, selector, Holds);
        Capabilities = new CapabilityIndex(catalog, selector);
        Active = [.. catalog.Criteria.Select(c => c.Value.Where(t => (!t.SeedOnly || selector.IsSeed) && (t.When is null || Holds(t.When) == Truth.True))
            .Select(Resolve).ToImmutableArray())];
    }

    public FactSelector Selector { get; }
    public WeightSet Weights { get; }
    public ImmutableArray<string> Prefers { get; }
    public Func<ConditionText, Truth> Holds { get; }
    public ScopeComposer Composer { get; }
    public CapabilityIndex Capabilities { get; }

    /// <summary>A scope term as this profile reads it: its scope resolved ("@cold_start" becomes the scope compared), scored on the scope's own range.</summary>
    private ValueTerm Resolve(ValueTerm term)
    {
        if (term.Scope is null || ScopeOf(term) is not { } scope)
        {
            return term;
        }
        return term with { Scope = scope.Id, Best = scope.Best ?? term.Best, Worst = scope.Worst ?? term.Worst };
    }

    /// <summary>Per criterion (catalogue order), the terms that apply to this profile.</summary>
    public ImmutableArray<ImmutableArray<ValueTerm>> Active { get; }

    /// <summary>The catalogue's vocabulary: among others, which measures are one-sided (<see cref="Vocabulary.OneSided"/>).</summary>
    public Vocabulary Vocabulary => _vocabulary;

    private readonly Vocabulary _vocabulary;
    private readonly ConstraintSet _constraints;

    /// <summary>
    /// The scope a scope term reads: its own, or for "@field" the scope that constraint is compared at for this profile
    /// (the profile's <c>of:</c>, else the constraint's default), so that a criterion and its constraint agree.
    /// </summary>
    public ScopeDefinition? ScopeOf(ValueTerm term)
    {
        if (term.Scope is not { } scope)
        {
            return null;
        }
        if (!scope.StartsWith('@'))
        {
            return _vocabulary.Scopes.GetValueOrDefault(scope);
        }
        var field = scope[1..];
        if (_constraints.Values.TryGetValue(field, out var value) && value is QuantityConstraint { Scope: { } named })
        {
            return _vocabulary.Scope(named);
        }
        if (_vocabulary.Constraints.TryGetValue(field, out var def))
        {
            foreach (var choice in def.Scopes)
            {
                if (choice.When is null || Holds(choice.When) == Truth.True)
                {
                    return _vocabulary.Scopes.GetValueOrDefault(choice.Scope);
                }
            }
        }
        return null;
    }

    private readonly Dictionary<ValueTerm, (double Low, double High)> _missing = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Where a missing figure of a term may lie, in the term's 0..1 scale (SMAA's treatment of a missing
    /// measurement): for a term that reads each component's own figure, the range of the figures the catalogue's
    /// technologies of the layers it reads have; for a figure only a whole stack has (a composed scope, a set of
    /// boundaries), and when there is no range, the whole scale. A missing figure counts at the middle of that range
    /// in the point estimate and is drawn over it in the Monte Carlo, so an unknown neither beats every known figure
    /// nor loses to every one. The range never depends on which stacks were scored (a search scores only some), so
    /// branch and bound and enumeration score alike.
    /// </summary>
    public (double Low, double High) MissingRange(ValueTerm term) => _missing.TryGetValue(term, out var r) ? r : (0, 1);

    /// <summary>The middle of <see cref="MissingRange"/>: what a missing figure counts as in the point estimate.</summary>
    public double MissingValue(ValueTerm term) { var (lo, hi) = MissingRange(term); return (lo + hi) / 2; }

    /// <summary>Whether a term reads each component's own figure (its range is known from the technologies alone).</summary>
    public static bool ReadsComponents(ValueTerm term) =>
        term.Scope is null && term.Capability is null && !term.Preferences && term.Scale != ScaleKind.Boundaries;

    /// <summary>Sets the missing ranges of the terms that read components' own figures, from every technology of their layers.</summary>
    public void CalibrateComponents(StackScorer scorer, Model.Entities.Catalog catalog)
    {
        _missing.Clear();
        foreach (var term in Active.SelectMany(a => a).Where(ReadsComponents))
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (var tech in catalog.Technologies.Where(t => term.Reads(t.Layer)))
            {
                if (scorer.Fact(term, tech.Id) is { IsUnknown: false } f && scorer.RawOf(term, f) is { } raw)
                {
                    var v = StackScorer.Scale(term, raw);
                    (lo, hi) = (Math.Min(lo, v), Math.Max(hi, v));
                }
            }
            // One known figure says nothing about where another one lies: then the whole scale.
            _missing[term] = hi - lo < 1e-9 ? (0, 1) : (lo, hi);
        }
    }

    /// <summary>The combined strength of a set of isolation boundaries: 1 − Π(1 − strength), barriers taken as independent.</summary>
    public double Strength(IEnumerable<string> boundaries) =>
        1 - boundaries.Distinct(StringComparer.Ordinal).Aggregate(1.0, (p, b) => p * (1 - (_vocabulary.IsolationBoundaries.TryGetValue(b, out var d) ? d.Strength : 0)));
}

/// <summary>
/// fᵢ(T,S,C) of 003 §17.9.2: each criterion's value function (catalogue data) applied to a stack. A term reads
/// a fact of the components of its layers (choices and supporting components), a stack's figure at a scope, a
/// capability, or the profile's preferences; it aggregates its readings and maps them to 0..1 on its scale;
/// terms average by weight. A reading with no figure counts at the middle of the term's range here (and over its
/// whole range in the Monte Carlo), and the score names what was missing.
/// </summary>
public sealed class StackScorer(Model.Entities.Catalog catalog, ScoringContext context)
{
    /// <summary>A criterion no term of which applies: it separates nothing.</summary>
    public const double NoDataValue = 0.5;

    private readonly Dictionary<string, Technology> _technologies = catalog.Technologies.ToDictionary(t => t.Id, StringComparer.Ordinal);
    private readonly Dictionary<(ValueTerm, string, string), Fact?> _facts = new(TermKeyComparer.Instance);
    private readonly Dictionary<(ValueTerm, string), ImmutableArray<Reading>> _readings = new(ReadKeyComparer.Instance);
    private readonly Func<string, ImmutableArray<string>> _viasOf = id => catalog.Technology(id)?.ViaComponents ?? [];

    public ScoringContext Context => context;

    public ImmutableArray<CriterionScore> Score(StackView stack)
    {
        var result = ImmutableArray.CreateBuilder<CriterionScore>(catalog.Criteria.Length);
        for (var k = 0; k < catalog.Criteria.Length; k++)
        {
            var inputs = Inputs(k, stack);
            // Stacks with the same inputs (the same shared readings) have the same score: computed once.
            var key = inputs.IsEmpty ? _noInputs[k] : System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(inputs)!;
            if (!_scores.TryGetValue(key, out var score))
            {
                var criterion = catalog.Criteria[k];
                var (value, noData) = Value(inputs, context);
                var w = context.Weights.Normalised.GetValueOrDefault(criterion.Id);
                var (scored, ctx) = (inputs, context);
                _scores[key] = score = new CriterionScore(criterion.Id, value, w, w * value, noData)
                {
                    Applies = !inputs.IsEmpty,
                    Explain = () => { var (_, missing, uses) = Evaluate(scored, ctx); return (missing, uses); },
                };
            }
            result.Add(score);
        }
        return result.MoveToImmutable();
    }

    /// <summary>The terms of criterion <paramref name="criterion"/> (catalogue index) that apply to the stack, with their readings.</summary>
    public ImmutableArray<TermInput> Inputs(int criterion, StackView stack)
    {
        // Readings are raw figures, independent of the calibration: calibrating and scoring read each stack once.
        if (stack.ScorerState is not InputsOfStack state || !ReferenceEquals(state.Scorer, this))
        {
            stack.ScorerState = state = new InputsOfStack(this, new ImmutableArray<TermInput>?[catalog.Criteria.Length]);
        }
        return state.Inputs[criterion] ??= ReadInputs(criterion, stack);
    }

    private sealed record InputsOfStack(StackScorer Scorer, ImmutableArray<TermInput>?[] Inputs);

    /// <summary>
    /// The inputs of a criterion for a stack: one shared array for every stack whose terms read the same (shared)
    /// readings, so that its score is computed once (<see cref="Score"/>) however many stacks differ elsewhere.
    /// </summary>
    private ImmutableArray<TermInput> ReadInputs(int criterion, StackView stack)
    {
        var terms = context.Active[criterion];
        var probe = _probe;
        probe.Reset(criterion, terms.Length);
        var any = false;
        for (var i = 0; i < terms.Length; i++)
        {
            var readings = Readings(terms[i], stack);
            probe.Parts[i] = readings.IsDefaultOrEmpty ? null : System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(readings);
            any |= !readings.IsDefaultOrEmpty;
        }
        if (!any)
        {
            return [];
        }
        probe.Seal();
        if (_sharedInputs.TryGetValue(probe, out var shared))
        {
            return shared;
        }
        var result = ImmutableArray.CreateBuilder<TermInput>(terms.Length);
        for (var i = 0; i < terms.Length; i++)
        {
            if (probe.Parts[i] is { } parts)
            {
                result.Add(new TermInput(terms[i], System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(parts)));
            }
        }
        shared = result.ToImmutable();
        _sharedInputs[probe.Copy()] = shared;
        return shared;
    }

    private readonly InputsKey _probe = new();
    private readonly Dictionary<InputsKey, ImmutableArray<TermInput>> _sharedInputs = [];
    private readonly Dictionary<object, CriterionScore> _scores = new(ReferenceEqualityComparer.Instance);
    private readonly object[] _noInputs = [.. catalog.Criteria.Select(_ => new object())];
    private readonly Dictionary<(Reading[], Reading[]), ImmutableArray<Reading>> _joins = new(JoinKeyComparer.Instance);
    private readonly Dictionary<ImmutableArray<Reading>, ImmutableArray<Reading>> _interned = new(ReadingsContentComparer.Instance);

    /// <summary>A criterion and the reading arrays of its terms (by reference; null where a term reads nothing).</summary>
    private sealed class InputsKey : IEquatable<InputsKey>
    {
        public Reading[]?[] Parts = new Reading[]?[8];
        public int Criterion;
        public int Length;
        private int _hash;

        public void Reset(int criterion, int length)
        {
            if (Parts.Length < length)
            {
                Parts = new Reading[]?[length];
            }
            Criterion = criterion;
            Length = length;
        }

        public void Seal()
        {
            var h = new HashCode();
            h.Add(Criterion);
            for (var i = 0; i < Length; i++)
            {
                h.Add(Parts[i] is { } p ? System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(p) : 0);
            }
            _hash = h.ToHashCode();
        }

        public InputsKey Copy() => new() { Parts = Parts[..Length], Criterion = Criterion, Length = Length, _hash = _hash };

        public bool Equals(InputsKey? other)
        {
            if (other is null || other.Criterion != Criterion || other.Length != Length || other._hash != _hash)
            {
                return false;
            }
            for (var i = 0; i < Length; i++)
            {
                if (!ReferenceEquals(Parts[i], other.Parts[i]))
                {
                    return false;
                }
            }
            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as InputsKey);

        public override int GetHashCode() => _hash;
    }

    /// <summary>One array for equal readings that are made per stack (capabilities, preferences), so that stacks with equal ones share their inputs.</summary>
    private ImmutableArray<Reading> Interned(ImmutableArray<Reading> readings)
    {
        if (readings.IsDefaultOrEmpty)
        {
            return [];
        }
        if (_interned.TryGetValue(readings, out var one))
        {
            return one;
        }
        _interned[readings] = readings;
        return readings;
    }

    /// <summary>
    /// The term's readings for the stack, shared by every stack whose components in the layers the term reads
    /// are the same (the same choices, supporting components and via components): most stacks of a decision
    /// differ only in layers a term does not read.
    /// </summary>
    private ImmutableArray<Reading> Readings(ValueTerm term, StackView stack)
    {
        if (term.Preferences || term.Capability is not null)
        {
            return Interned(ReadingsOf(term, stack, stack.Key)); // capabilities may come with any component: equal readings are shared by content
        }
        if (term.Scope is not null || term.Scale == ScaleKind.Boundaries)
        {
            var key = (term, ReadKey(term, stack));
            if (!_readings.TryGetValue(key, out var readings))
            {
                _readings[key] = readings = ReadingsOf(term, stack, key.Item2);
            }
            return readings;
        }
        // A plain term reads each of its layers on its own: the readings of one layer are shared by every stack
        // with the same components there, and a term over several layers joins them.
        ImmutableArray<Reading>? only = null;
        foreach (var (layer, _) in stack.Stack.Entries)
        {
            if (!term.Reads(layer))
            {
                continue;
            }
            var key = (term, stack.LayerSignature(layer, _viasOf));
            if (!_readings.TryGetValue(key, out var part))
            {
                _readings[key] = part = LayerReadings(term, stack, layer, stack.MemberSet);
            }
            if (part.IsEmpty)
            {
                continue;
            }
            if (only is null)
            {
                only = part;
                continue;
            }
            // Two layers' readings joined once for every stack with the same two parts.
            var pair = (System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(only.Value)!, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(part)!);
            if (!_joins.TryGetValue(pair, out var joined))
            {
                _joins[pair] = joined = only.Value.AddRange(part);
            }
            only = joined;
        }
        return only ?? [];
    }

    /// <summary>Whether the stack has a member in any of <paramref name="layers"/>.</summary>
    private static bool AnyPresent(ImmutableArray<string> layers, StackView stack)
    {
        foreach (var l in layers)
        {
            if (stack.InLayer(l).Count > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What a term's readings depend on: the components of the layers it reads (with the via components present), or the whole stack.</summary>
    private string ReadKey(ValueTerm term, StackView stack)
    {
        if (term.Preferences || term.Capability is not null)
        {
            return stack.Key; // capabilities may come with any component of the stack
        }
        if (term.Scope is not null)
        {
            if (context.ScopeOf(term) is not { } scope)
            {
                return "";
            }
            var present = string.Join(",", term.Layers.Where(l => stack.InLayer(l).Count > 0));
            return present + "|" + context.Composer.KeyOf(scope, stack);
        }
        string? single = null;
        System.Text.StringBuilder? sb = null;
        foreach (var (layer, _) in stack.Stack.Entries)
        {
            if (!term.Reads(layer))
            {
                continue;
            }
            var signature = stack.LayerSignature(layer, _viasOf);
            if (single is null)
            {
                single = signature;
                continue;
            }
            (sb ??= new System.Text.StringBuilder(single)).Append(';').Append(signature);
        }
        return sb?.ToString() ?? single ?? "";
    }

    private ImmutableArray<Reading> ReadingsOf(ValueTerm term, StackView stack, string readKey)
    {
        if (term.Capability is { } capability)
        {
            // A capability term with layers reads only those layers' components, and does not apply to a stack without them.
            if (!term.AllLayers && !AnyPresent(term.Layers, stack))
            {
                return [];
            }
            var (verdict, who) = context.Capabilities.Stack(stack, capability, term.AllLayers ? null : term.Layers);
            return [verdict == Verdict.Unknown
                ? Reading.Unknown(string.Join("/", who), $"capability:{capability}:{string.Join(",", who)}")
                : new Reading(who.FirstOrDefault() ?? "", [], verdict == Verdict.Match ? 1 : 0, who.IsEmpty ? null : context.Capabilities.Fact(who[0]), "")];
        }
        if (term.Preferences)
        {
            if (context.Prefers.IsEmpty)
            {
                return [];
            }
            var had = context.Prefers.Sum(p => context.Capabilities.Stack(stack, p).Verdict switch { Verdict.Match => 1.0, Verdict.Unknown => 0.5, _ => 0.0 });
            return [new Reading("", [], had / context.Prefers.Length, null, "")];
        }
        if (term.Scope is not null)
        {
            if (!AnyPresent(term.Layers, stack) || context.ScopeOf(term) is not { } scope)
            {
                return [];
            }
            var scopeId = scope.Id;
            var figure = context.Composer.Compose(scope, stack);
            var who = string.Join("+", figure.Parts.Select(p => p.Technology).Distinct(StringComparer.Ordinal));
            return [figure.Fact is { } f
                ? new Reading(who, [.. figure.Parts.Select(p => p.Fact)], double.NaN, f, "")
                : Reading.Unknown(string.Join("+", term.Layers.SelectMany(stack.InLayer)), $"scope:{scopeId}:{readKey}")];
        }
        var members = stack.MemberSet;
        if (term.Scale == ScaleKind.Boundaries)
        {
            return [BoundaryReading(term, stack, members, readKey)];
        }
        var readings = ImmutableArray.CreateBuilder<Reading>();
        foreach (var (layer, _) in stack.Stack.Entries)
        {
            if (term.Reads(layer))
            {
                readings.AddRange(LayerReadings(term, stack, layer, members));
            }
        }
        return readings.ToImmutable();
    }

    /// <summary>A plain term's readings of one layer's components (its choice, then supporting components there).</summary>
    private ImmutableArray<Reading> LayerReadings(ValueTerm term, StackView stack, string layer, IReadOnlySet<string> members)
    {
        var ids = stack.InLayer(layer);
        var readings = ImmutableArray.CreateBuilder<Reading>(ids.Count);
        foreach (var id in ids)
        {
            var fact = Fact(term, id, stack, members);
            if (NotScored(term, fact))
            {
                continue; // a word the scale leaves out (not-cncf on the CNCF-level term) says nothing here: not a missing figure
            }
            readings.Add(fact is { IsUnknown: false } && RawOf(term, fact) is { } raw
                // Quantities are uncertain and drawn in the Monte Carlo; stars, words and flags are fixed.
                ? fact.Value is EstimateValue && term.Scale is ScaleKind.Log or ScaleKind.Linear
                    ? new Reading(id, [fact], double.NaN, fact, "")
                    : new Reading(id, [], raw, fact, "")
                : Reading.Unknown(id, $"fact:{id}"));
        }
        return readings.ToImmutable();
    }

    /// <summary>A known word an ordinal scale gives no value: the term does not apply to that component (it is neither better nor worse, nor missing).</summary>
    public static bool NotScored(ValueTerm term, Fact? fact) =>
        term.Scale == ScaleKind.Ordinal && fact is { IsUnknown: false } && Raw(term, fact) is null;

    /// <summary>
    /// The isolation boundaries of the components of the term's layers as one reading: their union, as a combined
    /// strength (two components with the same boundary do not count it twice). Missing only when none states any.
    /// </summary>
    private Reading BoundaryReading(ValueTerm term, StackView stack, IReadOnlySet<string> members, string readKey)
    {
        var union = new SortedSet<string>(StringComparer.Ordinal);
        Fact? shown = null;
        var who = new List<string>();
        foreach (var (layer, _) in stack.Stack.Entries.Where(l => term.Reads(l.Key)))
        {
            foreach (var id in stack.InLayer(layer))
            {
                if (Fact(term, id, stack, members) is { Value: WordSetValue ws } f)
                {
                    union.UnionWith(ws.Words);
                    shown ??= f;
                    who.Add(id);
                }
            }
        }
        return who.Count == 0
            ? Reading.Unknown(string.Join("+", stack.Members), $"boundaries:{readKey}")
            : new Reading(string.Join("+", who), [], context.Strength(union), shown, "");
    }

    /// <summary>A technology's figure for a term (plain terms only), honouring figures that hold via a component of the stack.</summary>
    public Fact? Fact(ValueTerm term, string technology, StackView? stack = null, IReadOnlySet<string>? members = null)
    {
        if (!_technologies.TryGetValue(technology, out var tech))
        {
            return null;
        }
        var vias = tech.ViaComponents;
        var viaKey = stack is null || vias.IsEmpty ? "" : string.Join(",", vias.Where(stack.Contains));
        var key = (term, technology, viaKey);
        if (!_facts.TryGetValue(key, out var fact))
        {
            fact = context.Selector.Select(tech, term.Fact, term.Measures, members ?? stack?.MemberSet, context.Holds);
            _facts[key] = fact;
        }
        return fact;
    }

    /// <summary>The criterion's value from its inputs at their point estimates, and whether any figure was missing (what <see cref="Evaluate"/> gives, without the lists).</summary>
    public static (double Value, bool NoData) Value(ImmutableArray<TermInput> inputs, ScoringContext context)
    {
        if (inputs.IsEmpty)
        {
            return (NoDataValue, false);
        }
        double sum = 0, weight = 0;
        var longest = 1;
        foreach (var input in inputs)
        {
            longest = Math.Max(longest, input.Readings.Length);
        }
        var noData = false;
        Span<double> raws = stackalloc double[longest];
        foreach (var input in inputs)
        {
            var n = 0;
            foreach (var r in input.Readings)
            {
                noData |= r.Missing;
                raws[n++] = RawOf(input.Term, r, context);
            }
            sum += input.Term.Weight * TermValue(input.Term, raws[..n]);
            weight += input.Term.Weight;
        }
        return (weight == 0 ? NoDataValue : sum / weight, noData);
    }

    /// <summary>A reading's raw figure in the point estimate: a missing one at the middle of where it may lie, else its facts' point values or its fixed value.</summary>
    private static double RawOf(ValueTerm term, Reading r, ScoringContext context) =>
        r.Missing ? Middle(term, context.MissingRange(term)) : double.IsNaN(r.Fixed) ? Central(term, r.Parts, context.Vocabulary) : r.Fixed;

    /// <summary>The criterion's value from its inputs at their point estimates (<see cref="Value"/>), what was missing, and what was read.</summary>
    public static (double Value, ImmutableArray<string> Missing, ImmutableArray<FactUse> Uses) Evaluate(ImmutableArray<TermInput> inputs, ScoringContext context)
    {
        var (value, _) = Value(inputs, context);
        var missing = ImmutableArray.CreateBuilder<string>();
        var uses = ImmutableArray.CreateBuilder<FactUse>();
        foreach (var input in inputs)
        {
            foreach (var r in input.Readings)
            {
                if (r.Missing)
                {
                    missing.Add($"{input.Term.Label} ({r.Technology})");
                }
                else if (r.Shown is { } shown)
                {
                    uses.Add(new FactUse(r.Technology, shown, RawOf(input.Term, r, context)));
                }
            }
        }
        return (value, missing.DrainToImmutable(), uses.DrainToImmutable());
    }

    /// <summary>A sum of facts' point values for the term in base units (<see cref="Point"/>).</summary>
    public static double Central(ValueTerm term, ImmutableArray<Fact> parts, Vocabulary vocabulary)
    {
        var total = 0.0;
        foreach (var p in parts)
        {
            total += Point(term, p, vocabulary);
        }
        return total;
    }

    /// <summary>
    /// A quantity fact's point value for the term in base units: a figure at a measure the catalogue declares one-sided
    /// at the middle of the part of the term's range it allows (<see cref="OneSidedRange"/>); anything else its central
    /// value (a point, a range's midpoint, the median, a bound's limit). NaN for a fact that is not a quantity.
    /// </summary>
    public static double Point(ValueTerm term, Fact fact, Vocabulary vocabulary) =>
        fact.Value is not EstimateValue e ? double.NaN
        : OneSidedRange(term, fact, vocabulary) is { } allowed ? Middle(term, allowed) : e.Estimate.Central;

    /// <summary>
    /// The part of the term's 0..1 scale a fact's figure is read over when its measure is one-sided by nature
    /// (<see cref="Vocabulary.OneSided"/>: a tested scale, "ran at least 1,000 nodes") and its figure is a bound
    /// (<see cref="AllowedRange"/>); null for any other fact. A bound a source writes at another measure — a
    /// specification's "&lt;= 125ms" boot, a documented "&gt;= 1800" supported nodes — is the limit the source
    /// guarantees, and is read as that limit.
    /// </summary>
    public static (double Low, double High)? OneSidedRange(ValueTerm term, Fact fact, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(vocabulary);
        return fact.Value is EstimateValue e && vocabulary.OneSided(fact.Measures) ? AllowedRange(term, e.Estimate) : null;
    }

    /// <summary>
    /// The part of the term's 0..1 scale a one-sided estimate allows, or null for any other estimate: from its limit
    /// to the end of the term's range on its open side ("&gt;= 1000" nodes on a 1..10,000 scale: 1,000 to 10,000; a
    /// limit beyond the range clamps to its end). A test that ran 1,000 nodes says where the technology has been, not
    /// where it stops; reading it as its limit would make whoever publishes the biggest test win, and rank a published
    /// test below a figure nobody has (read over the whole range). So it is read as a missing figure is, over the part
    /// of the range it leaves: at its middle in the point estimate, drawn over it in the Monte Carlo.
    /// </summary>
    public static (double Low, double High)? AllowedRange(ValueTerm term, Model.Quantities.Estimate e)
    {
        if (e.Form != Model.Quantities.EstimateForm.Bound || term.Scale is not (ScaleKind.Log or ScaleKind.Linear))
        {
            return null;
        }
        var best = term.Best!.Value.BaseValue;
        var worst = term.Worst!.Value.BaseValue;
        var above = e.Bound is Model.Quantities.BoundOperator.Greater or Model.Quantities.BoundOperator.GreaterOrEqual;
        var limit = Scale(term, (e.Low ?? e.High)!.Value.BaseValue);
        var end = Scale(term, above ? Math.Max(best, worst) : Math.Min(best, worst));
        return (Math.Min(limit, end), Math.Max(limit, end));
    }

    /// <summary>
    /// The raw figure at the middle of a part (0..1) of the term's scale — the geometric middle on a log scale: where
    /// a missing figure (over <see cref="ScoringContext.MissingRange"/>) and a one-sided one (over
    /// <see cref="OneSidedRange"/>) count in the point estimate.
    /// </summary>
    public static double Middle(ValueTerm term, (double Low, double High) range) => InverseScale(term, (range.Low + range.High) / 2);

    /// <summary>A term's value (0..1) from the raw figures of its readings: aggregated, then scaled.</summary>
    public static double TermValue(ValueTerm term, ReadOnlySpan<double> raws)
    {
        if (raws.Length == 0)
        {
            return NoDataValue;
        }
        double agg = raws[0];
        switch (term.Aggregate)
        {
            case Aggregate.Min:
                foreach (var r in raws) { agg = Math.Min(agg, r); }
                break;
            case Aggregate.Sum:
                agg = 0;
                foreach (var r in raws) { agg += r; }
                break;
            case Aggregate.Mean:
                agg = 0;
                foreach (var r in raws) { agg += r; }
                agg /= raws.Length;
                break;
            case Aggregate.Depth:
                var through = 1.0;
                foreach (var r in raws) { through *= 1 - Math.Clamp(r, 0, 1); }
                agg = 1 - through;
                break;
            default:
                foreach (var r in raws) { agg = Math.Max(agg, r); }
                break;
        }
        return Scale(term, agg);
    }

    /// <summary>
    /// The fact as a number before scaling, as scoring reads it: a quantity's point value for the term (<see cref="Point"/>:
    /// a figure at a one-sided measure at the middle of what it allows), a set of isolation boundaries as their combined strength.
    /// </summary>
    public double? RawOf(ValueTerm term, Fact fact) => (term.Scale, fact.Value) switch
    {
        (ScaleKind.Boundaries, WordSetValue ws) => context.Strength(ws.Words),
        (ScaleKind.Boundaries, _) => null,
        (ScaleKind.Log or ScaleKind.Linear, EstimateValue) => Point(term, fact, catalog.Vocabulary),
        _ => Raw(term, fact),
    };

    /// <summary>
    /// The fact as a number before scaling: a quantity's central value in base units (a bound's limit; what scoring
    /// reads is <see cref="RawOf"/>, which knows the measures declared one-sided), stars, or an already scaled word.
    /// </summary>
    public static double? Raw(ValueTerm term, Fact fact) => (term.Scale, fact.Value) switch
    {
        (ScaleKind.Log or ScaleKind.Linear, EstimateValue e) => e.Estimate.Central,
        (ScaleKind.Stars, StarsValue s) => s.Stars,
        (ScaleKind.Bool, BoolValue b) => b.Value ? 1 : 0,
        (ScaleKind.Ordinal, WordValue w) => term.Values.TryGetValue(w.Word, out var v) ? v : null,
        (ScaleKind.Ordinal, WordSetValue ws) => ws.Words.Select(x => term.Values.TryGetValue(x, out var v) ? v : (double?)null).Max(),
        _ => null,
    };

    public static double Scale(ValueTerm term, double x)
    {
        switch (term.Scale)
        {
            case ScaleKind.Stars:
                return Clamp(x / 5);
            case ScaleKind.Bool:
            case ScaleKind.Ordinal:
            case ScaleKind.Boundaries:
                return Clamp(x);
        }
        var best = term.Best!.Value.BaseValue;
        var worst = term.Worst!.Value.BaseValue;
        if (term.Scale == ScaleKind.Linear)
        {
            return Clamp((x - worst) / (best - worst));
        }
        if (x <= 0)
        {
            return best < worst ? 1 : 0;
        }
        return Clamp((Math.Log(x) - Math.Log(worst)) / (Math.Log(best) - Math.Log(worst)));
    }

    /// <summary>The raw figure that scales to <paramref name="u"/> (0..1): how a missing or one-sided figure is placed in the term's range.</summary>
    public static double InverseScale(ValueTerm term, double u)
    {
        switch (term.Scale)
        {
            case ScaleKind.Stars:
                return 5 * u;
            case ScaleKind.Bool:
            case ScaleKind.Ordinal:
            case ScaleKind.Boundaries:
                return u;
        }
        var best = term.Best!.Value.BaseValue;
        var worst = term.Worst!.Value.BaseValue;
        return term.Scale == ScaleKind.Linear
            ? worst + u * (best - worst)
            : Math.Exp(Math.Log(worst) + u * (Math.Log(best) - Math.Log(worst)));
    }

    private static double Clamp(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);

    /// <summary>Terms by reference: a record's structural hash walks all its fields, and this is a hot path.</summary>
    private sealed class TermKeyComparer : IEqualityComparer<(ValueTerm, string, string)>
    {
        public static readonly TermKeyComparer Instance = new();

        public bool Equals((ValueTerm, string, string) a, (ValueTerm, string, string) b) =>
            ReferenceEquals(a.Item1, b.Item1) && string.Equals(a.Item2, b.Item2, StringComparison.Ordinal) && string.Equals(a.Item3, b.Item3, StringComparison.Ordinal);

        public int GetHashCode((ValueTerm, string, string) k) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Item1), StringComparer.Ordinal.GetHashCode(k.Item2), StringComparer.Ordinal.GetHashCode(k.Item3));
    }

    private sealed class ReadKeyComparer : IEqualityComparer<(ValueTerm, string)>
    {
        public static readonly ReadKeyComparer Instance = new();

        public bool Equals((ValueTerm, string) a, (ValueTerm, string) b) =>
            ReferenceEquals(a.Item1, b.Item1) && string.Equals(a.Item2, b.Item2, StringComparison.Ordinal);

        public int GetHashCode((ValueTerm, string) k) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Item1), StringComparer.Ordinal.GetHashCode(k.Item2));
    }

    private sealed class JoinKeyComparer : IEqualityComparer<(Reading[], Reading[])>
    {
        public static readonly JoinKeyComparer Instance = new();

        public bool Equals((Reading[], Reading[]) a, (Reading[], Reading[]) b) => ReferenceEquals(a.Item1, b.Item1) && ReferenceEquals(a.Item2, b.Item2);

        public int GetHashCode((Reading[], Reading[]) k) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Item2));
    }

    /// <summary>Readings by content: the same figures, facts (by reference) and keys.</summary>
    private sealed class ReadingsContentComparer : IEqualityComparer<ImmutableArray<Reading>>
    {
        public static readonly ReadingsContentComparer Instance = new();

        public bool Equals(ImmutableArray<Reading> a, ImmutableArray<Reading> b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }
            for (var i = 0; i < a.Length; i++)
            {
                var (x, y) = (a[i], b[i]);
                if (!ReferenceEquals(x.Shown, y.Shown) || x.Fixed.CompareTo(y.Fixed) != 0 || !string.Equals(x.Technology, y.Technology, StringComparison.Ordinal)
                    || !string.Equals(x.Key, y.Key, StringComparison.Ordinal) || !x.Parts.AsSpan().SequenceEqual(y.Parts.AsSpan(), FactReferenceComparer.Instance))
                {
                    return false;
                }
            }
            return true;
        }

        public int GetHashCode(ImmutableArray<Reading> a)
        {
            var h = new HashCode();
            foreach (var r in a)
            {
                h.Add(StringComparer.Ordinal.GetHashCode(r.Technology));
                h.Add(r.Fixed);
                h.Add(StringComparer.Ordinal.GetHashCode(r.Key));
            }
            return h.ToHashCode();
        }
    }

    private sealed class FactReferenceComparer : IEqualityComparer<Fact>
    {
        public static readonly FactReferenceComparer Instance = new();

        public bool Equals(Fact? a, Fact? b) => ReferenceEquals(a, b);

        public int GetHashCode(Fact f) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(f);
    }
}
