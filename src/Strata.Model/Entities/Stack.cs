using System.Collections.Immutable;

namespace Strata.Model.Entities;

/// <summary>
/// A stack: for each layer, the technology chosen — or, where a source allows several
/// ("Calico/Cilium"), the alternatives. Layers sort by name so a stack prints the same way every time.
/// </summary>
public sealed record Stack(ImmutableSortedDictionary<string, ImmutableArray<string>> Layers)
{
    public static readonly Stack Empty = new(ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>
    /// Every technology of the stack, in layer order (worked out once: the engine asks for it at every rule and check).
    /// Catalogue stacks (trees, scenarios) are read by concurrent decisions, so the cache is one reference, published
    /// whole: a nullable struct (a flag beside the array) could be seen half-written, as an empty array's null.
    /// </summary>
    public ImmutableArray<string> TechnologyIds
    {
        get
        {
            var ids = _ids;
            if (ids.IsDefault)
            {
                _ids = ids = [.. Layers.Values.SelectMany(v => v)];
            }
            return ids;
        }
    }

    private ImmutableArray<string> _ids;

    /// <summary>The layers in order as an array, made once: hot loops walk it instead of enumerating the sorted dictionary (one reference, published whole).</summary>
    public ImmutableArray<KeyValuePair<string, ImmutableArray<string>>> Entries
    {
        get
        {
            var entries = _entries;
            if (entries.IsDefault)
            {
                _entries = entries = [.. Layers];
            }
            return entries;
        }
    }

    private ImmutableArray<KeyValuePair<string, ImmutableArray<string>>> _entries;

    /// <summary>A copy (<c>with</c>) starts without the cached ids, since its layers may differ.</summary>
    private Stack(Stack original) => Layers = original.Layers;

    /// <summary>Whether the stack chooses <paramref name="id"/> in some layer (a scan: a stack has a handful of technologies).</summary>
    public bool Has(string id)
    {
        foreach (var x in TechnologyIds)
        {
            if (string.Equals(x, id, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    public bool Equals(Stack? other) =>
        other is not null && Layers.Count == other.Layers.Count &&
        Layers.All(kv => other.Layers.TryGetValue(kv.Key, out var o) && kv.Value.SequenceEqual(o));

    /// <summary>Over layers and technologies: stacks of one decision share their layers, so a hash of the layers alone puts them all in one bucket.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (layer, ids) in Layers)
        {
            hash.Add(layer, StringComparer.Ordinal);
            foreach (var id in ids)
            {
                hash.Add(id, StringComparer.Ordinal);
            }
        }
        return hash.ToHashCode();
    }

    public override string ToString() =>
        string.Join(" + ", Layers.Select(kv => $"{kv.Key}={string.Join("/", kv.Value)}"));
}
