using System.Collections.Immutable;
using Strata.Engine.Composition;
using Strata.Engine.Decisions;
using Strata.Engine.Evidence;
using Strata.Model.Entities;
using Strata.Model.Facts;

namespace Strata.Engine.Capabilities;

/// <summary>
/// What each technology and each stack can do. A technology's <c>capabilities</c> facts (one per source) are
/// merged; a technology that states any is taken as lacking every other capability of the vocabulary, except those
/// it lists under <c>capabilities-unknown</c>. A technology that states none is unknown on all of them. A stack has
/// a capability when any of its components (choices, supporting and bundled components) has it.
/// </summary>
public sealed class CapabilityIndex
{
    private readonly Dictionary<string, (ImmutableHashSet<string> Has, ImmutableHashSet<string> Unknown, bool Stated, Fact? Fact)> _byTechnology = new(StringComparer.Ordinal);
    // Capabilities a technology has only with another component in the stack (Calico's L7 policy via Istio).
    private readonly Dictionary<string, List<(string Via, ImmutableHashSet<string> Has)>> _via = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableHashSet<string>> _providerLayers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _layerOf;
    private readonly Vocabulary _vocabulary;

    public CapabilityIndex(Model.Entities.Catalog catalog, FactSelector selector)
    {
        _vocabulary = catalog.Vocabulary;
        _layerOf = catalog.Technologies.ToDictionary(t => t.Id, t => t.Layer, StringComparer.Ordinal);
        foreach (var t in catalog.Technologies)
        {
            var fact = selector.Select(t, "capabilities", []);
            var has = fact?.Value is WordSetValue ws ? ws.Words.ToImmutableHashSet(StringComparer.Ordinal) : [];
            var unknown = selector.Select(t, "capabilities-unknown", [])?.Value is WordSetValue u ? u.Words.ToImmutableHashSet(StringComparer.Ordinal) : [];
            _byTechnology[t.Id] = (has, unknown, fact is not null && fact.Value is WordSetValue, fact);
            foreach (var via in t.Facts.Where(f => f.Name == "capabilities" && f.Via is not null).GroupBy(f => f.Via!))
            {
                var withVia = selector.Select(t, "capabilities", [], new HashSet<string>(StringComparer.Ordinal) { via.Key });
                if (withVia?.Value is WordSetValue vw)
                {
                    (_via.TryGetValue(t.Id, out var list) ? list : _via[t.Id] = []).Add((via.Key, vw.Words.ToImmutableHashSet(StringComparer.Ordinal)));
                    foreach (var c in vw.Words)
                    {
                        _providerLayers[c] = (_providerLayers.TryGetValue(c, out var l0) ? l0 : ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal)).Add(t.Layer);
                    }
                }
            }
            foreach (var c in has)
            {
                _providerLayers[c] = (_providerLayers.TryGetValue(c, out var l) ? l : ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal)).Add(t.Layer);
            }
        }
    }

    /// <summary>
    /// Whether a technology has a capability: true, false, or null when the catalogue does not know. With the stack's
    /// <paramref name="members"/>, capabilities it has only together with one of them count too.
    /// </summary>
    public bool? Has(string technology, string capability, IReadOnlyCollection<string>? members = null)
    {
        if (members is not null && _via.TryGetValue(technology, out var vias) && vias.Any(v => v.Has.Contains(capability) && members.Contains(v.Via)))
        {
            return true;
        }
        if (!_byTechnology.TryGetValue(technology, out var e) || !e.Stated)
        {
            return null;
        }
        if (e.Has.Contains(capability))
        {
            return true;
        }
        return e.Unknown.Contains(capability) ? null : false;
    }

    /// <summary>Whether the technology has the capability with some other component (then only a whole stack can tell).</summary>
    /// <summary>The components with which a technology has a capability it lacks alone (Calico's L7 policy with Istio).</summary>
    public IEnumerable<string> ViaFor(string technology, string capability) =>
        _via.TryGetValue(technology, out var vias) ? vias.Where(v => v.Has.Contains(capability)).Select(v => v.Via) : [];

    public bool HasVia(string technology, string capability) => _via.TryGetValue(technology, out var vias) && vias.Any(v => v.Has.Contains(capability));

    public Fact? Fact(string technology) => _byTechnology.TryGetValue(technology, out var e) ? e.Fact : null;

    /// <summary>The layers whose technologies can give a capability: its own layer and every layer a technology with it sits in.</summary>
    public ImmutableHashSet<string> Layers(string capability) => LayersOf(capability).Set;

    /// <summary>A capability's layers as a set and in name order, worked out once per capability (every stack asks; concurrent readers may both make it).</summary>
    private (ImmutableHashSet<string> Set, string[] Ordered) LayersOf(string capability)
    {
        var cache = _layers;
        if (cache.TryGetValue(capability, out var known))
        {
            return known;
        }
        var own = _vocabulary.Capabilities.TryGetValue(capability, out var d) ? d.Layer : null;
        var set = _providerLayers.TryGetValue(capability, out var l) ? l : ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);
        var made = own is null ? set : set.Add(own);
        var entry = (made, made.Order(StringComparer.Ordinal).ToArray());
        _layers = cache.SetItem(capability, entry);
        return entry;
    }

    private ImmutableDictionary<string, (ImmutableHashSet<string> Set, string[] Ordered)> _layers = ImmutableDictionary.Create<string, (ImmutableHashSet<string>, string[])>(StringComparer.Ordinal);

    /// <summary>Whether only a layer's choice gives the capability, never a supporting component (<see cref="CapabilityDefinition.ChoiceOnly"/>).</summary>
    public bool ChoiceOnly(string capability) => _vocabulary.Capabilities.TryGetValue(capability, out var d) && d.ChoiceOnly;

    /// <summary>
    /// The components a stack's capability is read on: every member, or for a choice-only capability the component that
    /// runs the workload in each layer that could give it (<paramref name="leadOf"/>: the layer's choice, or where the
    /// stack chooses none, the component that fills it — runc under Kubernetes in a profile that decides no runtime),
    /// never a helper beside a choice (runc under KubeVirt).
    /// </summary>
    public IEnumerable<string> ReadOn(string capability, IEnumerable<string> members, Func<string, string?> leadOf) =>
        ChoiceOnly(capability)
            ? LayersOf(capability).Ordered.Select(leadOf).OfType<string>()
            : members;

    /// <summary>Whether only technologies of one layer can give the capability, so a technology of that layer lacking it is eliminated on its own.</summary>
    public bool OnlyIn(string capability, string layer) => Layers(capability) is { Count: 1 } l && l.Contains(layer);

    /// <summary>
    /// The stack's verdict on one capability: Match when a component has it, Mismatch when every component that could
    /// give it is known to lack it, Unknown otherwise; with the components that have it (or the unknown ones).
    /// </summary>
    public (Verdict Verdict, ImmutableArray<string> Who) Stack(StackView view, string capability, IReadOnlyCollection<string>? onlyLayers = null)
    {
        var layers = Layers(capability);
        List<string>? unknown = null;
        var readOn = ChoiceOnly(capability) ? ReadOn(capability, view.Members, l => view.InLayer(l) is { Count: > 0 } m ? m[0] : null) : view.Members;
        foreach (var id in readOn)
        {
            if (onlyLayers is { Count: > 0 } && (!_layerOf.TryGetValue(id, out var own) || !onlyLayers.Contains(own)))
            {
                continue;
            }
            switch (Has(id, capability, view.Members))
            {
                case true:
                    return (Verdict.Match, [id]);
                case null when _layerOf.TryGetValue(id, out var layer) && layers.Contains(layer):
                    (unknown ??= []).Add(id);
                    break;
            }
        }
        return unknown is not null ? (Verdict.Unknown, [.. unknown]) : (Verdict.Mismatch, []);
    }
}
