using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Strata.Model.Entities;

/// <summary>A loaded, checked catalogue. Collections are sorted by id so every output is deterministic.</summary>
public sealed record Catalog(
    CatalogManifest Manifest,
    string Digest,
    Vocabulary Vocabulary,
    ImmutableArray<Layer> Layers,
    ImmutableArray<Criterion> Criteria,
    ImmutableArray<Technology> Technologies,
    ImmutableArray<Scenario> Scenarios,
    ImmutableArray<Predicate> Predicates,
    ImmutableArray<Rule> Rules,
    ImmutableArray<DecisionTree> Trees,
    ImmutableArray<Table> Tables,
    ImmutableArray<Case> Cases,
    ImmutableArray<Migration> Migrations)
{
    /// <summary>
    /// The technology with the id, or null: a dictionary lookup, since decisions ask it per stack and per rule. The index
    /// is built once per technologies array and kept beside it, not in a field, so a <c>with</c> copy that replaces the
    /// technologies gets its own and record equality is untouched. The first technology of an id wins, as a scan finds it.
    /// </summary>
    public Technology? Technology(string id)
    {
        if (id is null || ImmutableCollectionsMarshal.AsArray(Technologies) is not { } array)
        {
            return Technologies.IsDefault ? null : Technologies.FirstOrDefault(t => t.Id == id);
        }
        return TechnologyIndex.GetValue(array, BuildIndex).GetValueOrDefault(id);
    }

    private static readonly ConditionalWeakTable<Technology[], Dictionary<string, Technology>> TechnologyIndex = [];

    private static Dictionary<string, Technology> BuildIndex(Technology[] technologies)
    {
        var index = new Dictionary<string, Technology>(technologies.Length, StringComparer.Ordinal);
        foreach (var t in technologies)
        {
            index.TryAdd(t.Id, t);
        }
        return index;
    }

    /// <summary>
    /// The catalogue as it stood in <paramref name="year"/>: without the facts whose <see cref="Facts.Fact.Since"/> is later
    /// (a capability a later release brought), for replaying a past decision. The same catalogue when no fact is dated later.
    /// </summary>
    public Catalog AsOf(int year)
    {
        if (Technologies.All(t => t.Facts.All(f => f.HeldIn(year))))
        {
            return this;
        }
        return this with
        {
            Technologies = [.. Technologies.Select(t => t.Facts.All(f => f.HeldIn(year)) ? t : t with { Facts = [.. t.Facts.Where(f => f.HeldIn(year))] })],
        };
    }

    public Layer? Layer(string id) => Layers.FirstOrDefault(l => l.Id == id);
    public Scenario? Scenario(string id) => Scenarios.FirstOrDefault(s => s.Id == id);
    public Table? Table(string id) => Tables.FirstOrDefault(t => t.Id == id);
    public Case? Case(string id) => Cases.FirstOrDefault(c => c.Id == id);
    public DecisionTree? Tree(string id) => Trees.FirstOrDefault(t => t.Id == id);

    /// <summary>Layers in their stack order (core layers first).</summary>
    public IEnumerable<Layer> OrderedLayers => Layers.OrderBy(l => l.Order).ThenBy(l => l.Id, StringComparer.Ordinal);
}
