using System.Collections.Immutable;

namespace Strata.Model.Entities;

/// <summary>
/// A stack: for each layer, the technology chosen — or, where a source allows several
/// ("Calico/Cilium"), the alternatives. Layers sort by name so a stack prints the same way every time.
/// </summary>
public sealed record Stack(ImmutableSortedDictionary<string, ImmutableArray<string>> Layers)
{
    public static readonly Stack Empty = new(ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.Ordinal));

    public IEnumerable<string> TechnologyIds => Layers.Values.SelectMany(v => v);

    public bool Equals(Stack? other) =>
        other is not null && Layers.Count == other.Layers.Count &&
        Layers.All(kv => other.Layers.TryGetValue(kv.Key, out var o) && kv.Value.SequenceEqual(o));

    public override int GetHashCode() => Layers.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value.Length));

    public override string ToString() =>
        string.Join(" + ", Layers.Select(kv => $"{kv.Key}={string.Join("/", kv.Value)}"));
}
