using System.Collections.Immutable;
using Strata.Engine.Composition;
using Strata.Engine.Conditions;
using Strata.Engine.Evidence;
using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Facts;
using Strata.Model.Quantities;

namespace Strata.Engine.Scopes;

/// <summary>A stack's figure at one scope: the composed fact (null when unknown), its parts, and what was missing.</summary>
/// <param name="Central">The point estimate in base units: the sum of the parts' representative values.</param>
public sealed record ComposedFigure(ScopeDefinition Scope, Fact? Fact, ImmutableArray<ComposedPart> Parts, double Central, string? Missing, ScopeWay? Way)
{
    public bool Known => Fact is not null;

    /// <summary>
    /// For an unknown figure: the most its known parts prove, "at least" their sum (every part is a non-negative
    /// share of the whole), from the way whose known parts add up to most; null when no part is known. A limit the
    /// known parts already exceed is a known miss, not an unknown.
    /// </summary>
    public Fact? LowerBound { get; init; }
}

/// <summary>
/// Composes a stack's figure at a scope from its components' facts, by the scope's ways in order: the first way
/// whose every required part has a figure gives the figure, as the sum of its parts. A part reads the first
/// component of its layer (the choice, then supporting components) with a figure at the part's measures. No
/// figure of another scope is ever substituted: when no way is complete the figure is unknown, and says which
/// part was missing.
/// </summary>
public sealed class ScopeComposer(Model.Entities.Catalog catalog, FactSelector selector, Func<ConditionText, Truth> holds)
{
    private readonly Dictionary<(string Scope, string Stack), ComposedFigure> _cache = [];
    private readonly Dictionary<string, string[]> _layers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Technology> _technologies = catalog.Technologies.ToDictionary(t => t.Id, StringComparer.Ordinal);

    public ComposedFigure Compose(ScopeDefinition scope, StackView view)
    {
        var key = (scope.Id, KeyOf(scope, view));
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var members = view.MemberSet;
        string? missing = null;
        ComposedFigure? result = null;
        var bestKnown = ImmutableArray<ComposedPart>.Empty;
        var bestKnownSum = 0.0;
        foreach (var way in scope.Ways)
        {
            var parts = ImmutableArray.CreateBuilder<ComposedPart>();
            var complete = true;
            foreach (var part in way.Parts)
            {
                var inLayer = part.Layers.SelectMany(view.InLayer).ToList();
                if (inLayer.Count == 0)
                {
                    if (part.Optional)
                    {
                        continue;
                    }
                    complete = false;
                    missing ??= $"the stack has no {part.Layer} for the {part.Label}";
                    continue;
                }
                if (part.UnlessBundled && view.Bundled.Contains(inLayer[0]))
                {
                    continue; // its cost is in the figure of the component that bundles it
                }
                Fact? found = null;
                string? by = null;
                var readFrom = part.ChoiceOnly ? (view.Stack.Layers.TryGetValue(part.Layer, out var choice) ? [choice[0]] : []) : inLayer;
                string? statedUnknown = null;
                foreach (var id in readFrom)
                {
                    if (!_technologies.TryGetValue(id, out var t) || selector.Select(t, scope.Fact, part.Measures, members, holds) is not { } f)
                    {
                        continue;
                    }
                    if (f.IsUnknown)
                    {
                        // An explicit unknown says this member costs something at this scope that nobody measured: a later
                        // member's figure (runc under the VM's virt-launcher pod) would be a narrower one, so the part stays open.
                        statedUnknown = id;
                        break;
                    }
                    (found, by) = (f, id);
                    break;
                }
                if (found is null)
                {
                    complete = false;
                    missing ??= statedUnknown is null
                        ? $"no figure for the {part.Label} of {string.Join("/", inLayer)} ({string.Join(" or ", part.Measures)})"
                        : $"the catalogue says the {part.Label} of {statedUnknown} is unknown ({string.Join(" or ", part.Measures)})";
                    continue;
                }
                parts.Add(new ComposedPart(part.Label, by!, found));
            }
            if (complete && parts.Count > 0)
            {
                result = Sum(scope, parts.ToImmutable(), way);
                break;
            }
            var knownSum = parts.Sum(p => p.Fact.Value is EstimateValue { Estimate: var e } ? FactSelector.Lower(e) : 0);
            if (parts.Count > 0 && knownSum > bestKnownSum)
            {
                (bestKnown, bestKnownSum) = (parts.ToImmutable(), knownSum);
            }
        }
        // Seed figures first under the seed policy: the seeds' unscoped figure stands for the scope even where parts compose.
        result = (selector.IsSeed ? SeedReading(scope, view, members) : null) ?? result;
        result ??= new ComposedFigure(scope, null, [], double.NaN, missing ?? $"the catalogue has no way to compose {scope.Name} for this stack", null)
        {
            LowerBound = bestKnown.IsEmpty ? null : LowerBoundOf(scope, bestKnown, bestKnownSum),
        };
        _cache[key] = result;
        return result;
    }

    /// <summary>
    /// What the figure depends on: the components of the layers the scope reads, whether each is bundled, and which
    /// components their facts hold via — so stacks that differ only elsewhere share one composition.
    /// </summary>
    public string KeyOf(ScopeDefinition scope, StackView view)
    {
        if (!_layers.TryGetValue(scope.Id, out var layers))
        {
            _layers[scope.Id] = layers = [.. scope.Ways.SelectMany(w => w.Parts).SelectMany(p => p.Layers.Append(p.Layer)).Distinct(StringComparer.Ordinal)];
        }
        var sb = new System.Text.StringBuilder();
        foreach (var layer in layers)
        {
            sb.Append(layer).Append('=');
            if (view.Stack.Layers.TryGetValue(layer, out var choice))
            {
                sb.Append(choice[0]).Append('^');
            }
            foreach (var id in view.InLayer(layer))
            {
                sb.Append(id).Append(view.Bundled.Contains(id) ? "*" : "");
                if (_technologies.TryGetValue(id, out var t))
                {
                    foreach (var via in t.ViaComponents)
                    {
                        if (view.Contains(via))
                        {
                            sb.Append('~').Append(via);
                        }
                    }
                }
                sb.Append(',');
            }
            sb.Append(';');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Under the seed policy only: the seeds give one figure per technology without saying what it measures, and
    /// compare those figures as if each were the whole of the scope. The choice of the scope's first layer stands
    /// for it with such a figure where it has one, so that the seeds' own answers can be reproduced
    /// (the sourced policy never does this).
    /// </summary>
    private ComposedFigure? SeedReading(ScopeDefinition scope, StackView view, IReadOnlySet<string> members)
    {
        var layer = scope.Ways.FirstOrDefault()?.Parts.FirstOrDefault()?.Layer;
        if (layer is null || !view.Stack.Layers.TryGetValue(layer, out var choice) || !_technologies.TryGetValue(choice[0], out var t)
            || selector.Select(t, scope.Fact, ["unspecified"], members, holds) is not { IsUnknown: false, Value: EstimateValue, Provenance: SeedReference } f)
        {
            return null;
        }
        return Sum(scope, [new ComposedPart($"{scope.Name} as the seeds give it", t.Id, f)], new ScopeWay("the seeds' unscoped figure", []));
    }

    private static Fact LowerBoundOf(ScopeDefinition scope, ImmutableArray<ComposedPart> known, double sum)
    {
        var dim = ((EstimateValue)known[0].Fact.Value).Estimate.Dimension;
        return new Fact(scope.Fact, new EstimateValue(Estimate.Bounded(BoundOperator.GreaterOrEqual, Quantity.FromBase(dim, sum))),
            new ComposedProvenance(scope.Name, known), scope.Id, known.Select(p => p.Fact.Status).Where(s => s is not null).DefaultIfEmpty(null).Max());
    }

    private static ComposedFigure Sum(ScopeDefinition scope, ImmutableArray<ComposedPart> parts, ScopeWay way)
    {
        var estimates = parts.Select(p => ((EstimateValue)p.Fact.Value).Estimate).ToList();
        var central = estimates.Sum(e => e.Central);
        Estimate value;
        if (estimates.Count == 1)
        {
            value = estimates[0];
        }
        else
        {
            var low = estimates.Sum(FactSelector.Lower);
            var high = estimates.Sum(FactSelector.Upper);
            var dim = estimates[0].Dimension;
            value = low == high ? Estimate.Point(Quantity.FromBase(dim, low)) : Estimate.Between(Quantity.FromBase(dim, low), Quantity.FromBase(dim, high));
        }
        var fact = new Fact(scope.Fact, new EstimateValue(value), new ComposedProvenance(scope.Name, parts), scope.Id,
            parts.Select(p => p.Fact.Status).Where(s => s is not null).DefaultIfEmpty(null).Max());
        return new ComposedFigure(scope, fact, parts, central, null, way);
    }
}
