using System.Collections.Immutable;
using Strata.Model.Evidence;
using Strata.Model.Quantities;

namespace Strata.Model.Entities;

public sealed record SeedDocument(string Id, string File, string Title);

public enum FactType { Quantity, Enum, Set, Bool, Stars, Text, Version, Date }

/// <summary>A kind of fact: its value type and, for quantities, dimension and what it may measure.</summary>
public sealed record FactKind(
    string Name,
    FactType Type,
    string Summary,
    string? WordList = null,
    Dimension? Dimension = null,
    ImmutableArray<string> Measures = default);

/// <summary>The words the catalogue uses, loaded from vocabulary.yaml.</summary>
public sealed record Vocabulary(
    ImmutableArray<SeedDocument> Seeds,
    ImmutableArray<string> IsolationOrder,
    Provenance IsolationProvenance,
    ImmutableSortedDictionary<string, ImmutableArray<string>> WordLists,
    ImmutableSortedDictionary<string, string> Measures,
    ImmutableSortedDictionary<string, FactKind> FactKinds,
    ImmutableSortedDictionary<string, ConstraintDefinition> Constraints)
{
    /// <summary>Position of an isolation class in the strength order (0 = weakest), or -1.</summary>
    public int IsolationStrength(string isolationClass) => IsolationOrder.IndexOf(isolationClass);

    public ImmutableArray<string> Words(string list) =>
        list == "isolation" ? IsolationOrder : WordLists.TryGetValue(list, out var w) ? w : [];
}
