using System.Collections.Immutable;
using Strata.Engine.Composition;
using Strata.Engine.Decisions;
using Strata.Engine.Scoring;
using Strata.Model.Entities;
using Strata.Model.Facts;

namespace Strata.Engine.Matching;

/// <summary>
/// The requirements a stack meets or not as a whole: a quantity at a scope (composed from the stack's components:
/// workload start, per-pod memory, a node's footprint), the capabilities the profile needs (from any component),
/// and the isolation boundaries it asks for (from any runtime component: WasmEdge inside crun has both).
/// </summary>
public sealed class StackMatcher(Model.Entities.Catalog catalog, ScoringContext context, Func<Capabilities.CapabilityIndex, string, Technology, bool>? checksAlone = null,
    SpecMatcher? matcher = null)
{
    private Dictionary<string, Technology>? _technologies;
    private readonly Dictionary<(string Technology, string Fact), bool> _dependsOnStack = [];

    /// <summary>A technology by id, as <see cref="Model.Entities.Catalog.Technology"/> finds it (the first with the id), from an index built once.</summary>
    private Technology? Technology(string id)
    {
        if (_technologies is null)
        {
            _technologies = new Dictionary<string, Technology>(StringComparer.Ordinal);
            foreach (var t in catalog.Technologies)
            {
                _technologies.TryAdd(t.Id, t);
            }
        }
        return _technologies.GetValueOrDefault(id);
    }

    /// <summary><see cref="SpecMatcher.DependsOnStack"/>, answered once per technology and fact.</summary>
    private bool DependsOnStack(Technology tech, string fact)
    {
        if (!_dependsOnStack.TryGetValue((tech.Id, fact), out var depends))
        {
            _dependsOnStack[(tech.Id, fact)] = depends = SpecMatcher.DependsOnStack(tech, fact);
        }
        return depends;
    }

    /// <summary>Whether the capability was already checked on the layer's choice alone (then it is not checked again here).</summary>
    private bool ChecksAlone(string capability, Technology tech) => checksAlone?.Invoke(context.Capabilities, capability, tech) ?? false;

    /// <summary>The scope a quantity constraint is compared at: the profile's, else the first of the definition's whose condition holds.</summary>
    public ScopeDefinition? ScopeOf(ConstraintDefinition def, ConstraintValue value)
    {
        if (value is QuantityConstraint { Scope: { } named })
        {
            return catalog.Vocabulary.Scope(named);
        }
        foreach (var choice in def.Scopes)
        {
            if (choice.When is null || context.Holds(choice.When) == Conditions.Truth.True)
            {
                return catalog.Vocabulary.Scopes.GetValueOrDefault(choice.Scope);
            }
        }
        return null;
    }

    /// <summary>Whether a constraint is checked on the whole stack rather than on each technology.</summary>
    public bool IsStackLevel(ConstraintDefinition def, ConstraintValue value) =>
        def.StackLevel || value is IsolationConstraint { AnyOf.IsEmpty: false } || (value is QuantityConstraint { Scope: not null });

    public ImmutableArray<MatchResult> Match(StackView view, EffectiveRequirements requirements)
    {
        var result = ImmutableArray.CreateBuilder<MatchResult>();
        foreach (var (field, c) in requirements.Constraints)
        {
            if (!catalog.Vocabulary.Constraints.TryGetValue(field, out var def) || !SpecMatcher.Applies(c.Value))
            {
                continue;
            }
            if (!IsStackLevel(def, c.Value))
            {
                // One technology's figure answers it, but where that figure depends on the stack (it holds via another
                // component) it is judged here, with the stack's members, instead of on the technology alone.
                if (matcher is not null && SpecMatcher.OneFigureAnswers(def, c.Value))
                {
                    foreach (var id in view.Members)
                    {
                        if (Technology(id) is { } tech && def.Layers.Contains(tech.Layer) && DependsOnStack(tech, def.Fact))
                        {
                            result.Add(matcher.Match(tech, def, c, view.MemberSet));
                        }
                    }
                }
                continue;
            }
            if (!def.Layers.IsDefaultOrEmpty && def.Compare != CompareMode.StackHasAll && !def.Layers.Any(l => view.InLayer(l).Count > 0))
            {
                continue; // the stack has no layer the constraint reads
            }
            switch (c.Value)
            {
                case WordSetConstraint needs when def.Compare == CompareMode.StackHasAll:
                    foreach (var capability in needs.Words)
                    {
                        // A need of a layer the stack leaves empty on purpose (a single host under systemd has no
                        // admission policy to need admission control from) asks nothing of it.
                        if (catalog.Vocabulary.Capabilities.TryGetValue(capability, out var homeLayer) && requirements.Layers.Contains(homeLayer.Layer)
                            && !view.Stack.Layers.ContainsKey(homeLayer.Layer) && view.Members.Any(id => Technology(id)?.Omits.Contains(homeLayer.Layer) == true))
                        {
                            continue;
                        }
                        // Checked on each technology of its only layer, unless some have it only with another component.
                        if (catalog.Vocabulary.Capabilities.TryGetValue(capability, out var home) && view.Stack.Layers.TryGetValue(home.Layer, out var choice)
                            && Technology(choice[0]) is { } chosen && ChecksAlone(capability, chosen))
                        {
                            continue;
                        }
                        var (verdict, who) = context.Capabilities.Stack(view, capability);
                        var layer = catalog.Vocabulary.Capabilities.TryGetValue(capability, out var cd) ? cd.Layer : "(stack)";
                        var actual = verdict switch
                        {
                            Verdict.Match => $"{string.Join(", ", who)} has it",
                            Verdict.Unknown => $"unknown for {string.Join(", ", who)}",
                            _ => $"no component has it ({string.Join(" + ", view.Members)})",
                        };
                        // Named by the choice in the capability's own layer, so that the stacks failing one need group by it.
                        var subject = !who.IsEmpty ? string.Join("+", who) : view.Stack.Layers.TryGetValue(layer, out var own) ? own[0] : "(stack)";
                        result.Add(new MatchResult(subject, layer, $"{field}:{capability}", verdict,
                            $"has {capability}", actual, who.IsEmpty ? null : context.Capabilities.Fact(who[0]), c.Origin));
                    }
                    break;
                case QuantityConstraint q when ScopeOf(def, q) is { } scope:
                    var figure = context.Composer.Compose(scope, view);
                    // The result depends only on the figure (one object for every stack with the same components at the
                    // scope) and, for an unknown figure, on the members of the constraint's layers: built once for each.
                    var unknownSubject = figure.Fact is null ? string.Join("+", def.Layers.SelectMany(view.InLayer)) : "";
                    var memoKey = (field, c, figure, unknownSubject);
                    if (!_quantityResults.TryGetValue(memoKey, out var quantityResult))
                    {
                        _quantityResults[memoKey] = quantityResult = QuantityMatch(field, def, c, q, scope, figure, unknownSubject);
                    }
                    result.Add(quantityResult);
                    break;
                case IsolationConstraint iso when !iso.AnyOf.IsEmpty:
                    var runtimes = view.InLayer("runtime");
                    var boundaries = new HashSet<string>(StringComparer.Ordinal);
                    var unknown = new List<string>();
                    Fact? shown = null;
                    foreach (var id in runtimes)
                    {
                        var t = Technology(id);
                        if (t is not null && context.Selector.Select(t, "isolation-boundaries", [], view.MemberSet, context.Holds) is { Value: WordSetValue ws } f)
                        {
                            boundaries.UnionWith(ws.Words);
                            shown ??= f;
                        }
                        else
                        {
                            unknown.Add(id);
                        }
                    }
                    foreach (var group in iso.AnyOf)
                    {
                        var met = group.Where(boundaries.Contains).ToList();
                        var verdict = met.Count > 0 ? Verdict.Match : unknown.Count > 0 ? Verdict.Unknown : Verdict.Mismatch;
                        var have = boundaries.Count == 0 ? "no boundary stated" : string.Join(", ", boundaries.Order(StringComparer.Ordinal));
                        result.Add(new MatchResult(string.Join("+", runtimes), "runtime", field, verdict, $"a boundary of: {string.Join(", ", group)}",
                            verdict == Verdict.Unknown ? $"{have}; unknown for {string.Join(", ", unknown)}" : have, shown, c.Origin));
                    }
                    break;
            }
        }
        return result.ToImmutable();
    }

    private readonly Dictionary<(string Field, EffectiveConstraint Constraint, Scopes.ComposedFigure Figure, string Subject), MatchResult> _quantityResults =
        new(QuantityKeyComparer.Instance);

    /// <summary>A quantity constraint at a scope against the stack's composed figure there.</summary>
    private static MatchResult QuantityMatch(string field, ConstraintDefinition def, EffectiveConstraint c, QuantityConstraint q, ScopeDefinition scope,
        Scopes.ComposedFigure figure, string unknownSubject)
    {
        // The scope is named once, by its name (the profile's of: id is the same scope).
        var expected = SpecMatcher.ExpectedText(def, q with { Scope = null }) + $" ({scope.Name})";
        if (figure.Fact is null)
        {
            // What the known parts prove: a limit they already exceed is missed whatever the rest adds.
            if (figure.LowerBound is { Value: EstimateValue lb } bound && def.Compare is CompareMode.AtMost or CompareMode.Fits
                && SpecMatcher.CompareQuantity(def.Compare, lb.Estimate, q.Estimate) == Verdict.Mismatch)
            {
                var parts = ((Model.Evidence.ComposedProvenance)bound.Provenance).Parts;
                return new MatchResult(string.Join("+", parts.Select(p => p.Technology).Distinct(StringComparer.Ordinal)), "(stack)", field, Verdict.Mismatch, expected,
                    $"{lb.Display()} from its known parts alone = " + string.Join(" + ", parts.Select(p => $"{p.Fact.Value.Display()} {p.Label} ({p.Technology})"))
                    + $"; the rest is unknown ({figure.Missing})", bound, c.Origin);
            }
            return new MatchResult(unknownSubject, "(stack)", field, Verdict.Unknown, expected,
                $"unknown: {figure.Missing}" + (figure.LowerBound is { } known ? $" (its known parts add up to {known.Value.Display()})" : ""), null, c.Origin);
        }
        var v = SpecMatcher.CompareQuantity(def.Compare, ((EstimateValue)figure.Fact.Value).Estimate, q.Estimate);
        return new MatchResult(string.Join("+", figure.Parts.Select(p => p.Technology).Distinct(StringComparer.Ordinal)), "(stack)", field, v, expected,
            $"{figure.Fact.Value.Display()} = " + string.Join(" + ", figure.Parts.Select(p => $"{p.Fact.Value.Display()} {p.Label} ({p.Technology})")),
            figure.Fact, c.Origin);
    }

    /// <summary>The constraint and the figure by reference (both are shared objects), the field and subject by value.</summary>
    private sealed class QuantityKeyComparer : IEqualityComparer<(string Field, EffectiveConstraint Constraint, Scopes.ComposedFigure Figure, string Subject)>
    {
        public static readonly QuantityKeyComparer Instance = new();

        public bool Equals((string Field, EffectiveConstraint Constraint, Scopes.ComposedFigure Figure, string Subject) a,
            (string Field, EffectiveConstraint Constraint, Scopes.ComposedFigure Figure, string Subject) b) =>
            ReferenceEquals(a.Constraint, b.Constraint) && ReferenceEquals(a.Figure, b.Figure) && string.Equals(a.Field, b.Field, StringComparison.Ordinal)
            && string.Equals(a.Subject, b.Subject, StringComparison.Ordinal);

        public int GetHashCode((string Field, EffectiveConstraint Constraint, Scopes.ComposedFigure Figure, string Subject) k) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Constraint), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Figure),
                StringComparer.Ordinal.GetHashCode(k.Field), StringComparer.Ordinal.GetHashCode(k.Subject));
    }
}
