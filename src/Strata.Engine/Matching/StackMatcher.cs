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
                        if (catalog.Technology(id) is { } tech && def.Layers.Contains(tech.Layer) && SpecMatcher.DependsOnStack(tech, def.Fact))
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
                            && !view.Stack.Layers.ContainsKey(homeLayer.Layer) && view.Members.Any(id => catalog.Technology(id)?.Omits.Contains(homeLayer.Layer) == true))
                        {
                            continue;
                        }
                        // Checked on each technology of its only layer, unless some have it only with another component.
                        if (catalog.Vocabulary.Capabilities.TryGetValue(capability, out var home) && view.Stack.Layers.TryGetValue(home.Layer, out var choice)
                            && catalog.Technology(choice[0]) is { } chosen && ChecksAlone(capability, chosen))
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
                    // The scope is named once, by its name (the profile's of: id is the same scope).
                    var expected = SpecMatcher.ExpectedText(def, q with { Scope = null }) + $" ({scope.Name})";
                    if (figure.Fact is null)
                    {
                        // What the known parts prove: a limit they already exceed is missed whatever the rest adds.
                        if (figure.LowerBound is { Value: EstimateValue lb } bound && def.Compare is CompareMode.AtMost or CompareMode.Fits
                            && SpecMatcher.CompareQuantity(def.Compare, lb.Estimate, q.Estimate) == Verdict.Mismatch)
                        {
                            var parts = ((Model.Evidence.ComposedProvenance)bound.Provenance).Parts;
                            result.Add(new MatchResult(string.Join("+", parts.Select(p => p.Technology).Distinct(StringComparer.Ordinal)), "(stack)", field, Verdict.Mismatch, expected,
                                $"{lb.Display()} from its known parts alone = " + string.Join(" + ", parts.Select(p => $"{p.Fact.Value.Display()} {p.Label} ({p.Technology})"))
                                + $"; the rest is unknown ({figure.Missing})", bound, c.Origin));
                            break;
                        }
                        result.Add(new MatchResult(string.Join("+", def.Layers.SelectMany(view.InLayer)), "(stack)", field, Verdict.Unknown, expected,
                            $"unknown: {figure.Missing}" + (figure.LowerBound is { } known ? $" (its known parts add up to {known.Value.Display()})" : ""), null, c.Origin));
                        break;
                    }
                    var v = SpecMatcher.CompareQuantity(def.Compare, ((EstimateValue)figure.Fact.Value).Estimate, q.Estimate);
                    result.Add(new MatchResult(string.Join("+", figure.Parts.Select(p => p.Technology).Distinct(StringComparer.Ordinal)), "(stack)", field, v, expected,
                        $"{figure.Fact.Value.Display()} = " + string.Join(" + ", figure.Parts.Select(p => $"{p.Fact.Value.Display()} {p.Label} ({p.Technology})")),
                        figure.Fact, c.Origin));
                    break;
                case IsolationConstraint iso when !iso.AnyOf.IsEmpty:
                    var runtimes = view.InLayer("runtime");
                    var boundaries = new HashSet<string>(StringComparer.Ordinal);
                    var unknown = new List<string>();
                    Fact? shown = null;
                    foreach (var id in runtimes)
                    {
                        var t = catalog.Technology(id);
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
}
