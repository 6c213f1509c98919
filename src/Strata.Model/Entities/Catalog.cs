using System.Collections.Immutable;

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
    public Technology? Technology(string id) => Technologies.FirstOrDefault(t => t.Id == id);
    public Layer? Layer(string id) => Layers.FirstOrDefault(l => l.Id == id);
    public Scenario? Scenario(string id) => Scenarios.FirstOrDefault(s => s.Id == id);
    public Table? Table(string id) => Tables.FirstOrDefault(t => t.Id == id);
    public Case? Case(string id) => Cases.FirstOrDefault(c => c.Id == id);
    public DecisionTree? Tree(string id) => Trees.FirstOrDefault(t => t.Id == id);

    /// <summary>Layers in their stack order (core layers first).</summary>
    public IEnumerable<Layer> OrderedLayers => Layers.OrderBy(l => l.Order).ThenBy(l => l.Id, StringComparer.Ordinal);
}
