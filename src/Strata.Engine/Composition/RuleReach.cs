using Strata.Model.Entities;

namespace Strata.Engine.Composition;

/// <summary>
/// What the catalogue's requires and bundles rules may bring into a stack beside its choices: the composer's partial
/// checks and branch and bound's bounds read the same answers. Built once per composer; each answer is cached.
/// </summary>
internal sealed class RuleReach(Model.Entities.Catalog catalog)
{
    private Dictionary<string, List<string>>? _namedByLayer;
    private Dictionary<string, List<Rule>>? _bySubject;
    private readonly Dictionary<string, List<string>> _sameLayer = new(StringComparer.Ordinal);

    /// <summary>Per layer, the technologies some requires or bundles rule names: those that may enter a stack as supporting components.</summary>
    public IReadOnlyDictionary<string, List<string>> NamedByLayer => _namedByLayer ??= catalog.Rules
        .Where(r => r.Kind is RuleKind.Requires or RuleKind.Bundles).SelectMany(r => r.AnyOf).Distinct(StringComparer.Ordinal)
        .Select(catalog.Technology).OfType<Technology>().GroupBy(t => t.Layer, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(t => t.Id).ToList(), StringComparer.Ordinal);

    /// <summary>The technologies of <paramref name="layer"/> that some rule may bring into a stack.</summary>
    public List<string> NamedIn(string layer) => NamedByLayer.GetValueOrDefault(layer, []);

    /// <summary>The technologies of a choice's own layer that its requires rules may bring beside it (crun hosting WasmEdge), transitively.</summary>
    public List<string> SameLayerHelpers(string id)
    {
        if (_sameLayer.TryGetValue(id, out var cached))
        {
            return cached;
        }
        var layer = catalog.Technology(id)?.Layer;
        var found = new List<string>();
        var frontier = new Queue<string>([id]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        while (frontier.TryDequeue(out var subject))
        {
            foreach (var rule in RulesOf(subject).Where(r => r.Kind == RuleKind.Requires && r.AnyCapability.IsEmpty))
            {
                foreach (var helper in rule.AnyOf.Where(h => catalog.Technology(h)?.Layer == layer && seen.Add(h)))
                {
                    found.Add(helper);
                    frontier.Enqueue(helper);
                }
            }
        }
        return _sameLayer[id] = found;
    }

    /// <summary>Everything a technology's requires and bundles rules may bring into a stack, and theirs, transitively.</summary>
    public List<Technology> Brought(string id)
    {
        var found = new List<Technology>();
        var frontier = new Queue<string>([id]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        while (frontier.TryDequeue(out var subject))
        {
            foreach (var helper in RulesOf(subject).SelectMany(r => r.AnyOf))
            {
                if (seen.Add(helper) && catalog.Technology(helper) is { } t)
                {
                    found.Add(t);
                    frontier.Enqueue(helper);
                }
            }
        }
        return found;
    }

    private List<Rule> RulesOf(string subject) => (_bySubject ??= catalog.Rules
        .Where(r => r.Kind is RuleKind.Requires or RuleKind.Bundles && r.Subject is not null)
        .GroupBy(r => r.Subject!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal))
        .GetValueOrDefault(subject, []);
}
