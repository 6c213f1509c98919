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
    /// <summary>The scopes figures are compared at (<c>scopes:</c>), each with how a stack's figure is composed.</summary>
    public ImmutableSortedDictionary<string, ScopeDefinition> Scopes { get; init; } = ImmutableSortedDictionary<string, ScopeDefinition>.Empty;

    /// <summary>What a stack can do, per layer (<c>capabilities:</c>): the words of <c>needs:</c> and <c>prefers:</c>.</summary>
    public ImmutableSortedDictionary<string, CapabilityDefinition> Capabilities { get; init; } = ImmutableSortedDictionary<string, CapabilityDefinition>.Empty;

    /// <summary>The kinds of isolation boundary a runtime can put between a workload and the host (<c>isolation_boundaries:</c>).</summary>
    public ImmutableSortedDictionary<string, IsolationBoundary> IsolationBoundaries { get; init; } = ImmutableSortedDictionary<string, IsolationBoundary>.Empty;

    /// <summary>
    /// Measures whose figures are one-sided (<c>bound:</c> of a measure): a figure at such a measure says where the
    /// technology's value at least (or at most) lies, not where it is. A test that ran 1,000 nodes (tested-scale)
    /// shows the technology handles at least 1,000; the loader reads a single figure there as that bound.
    /// </summary>
    public ImmutableSortedDictionary<string, BoundOperator> MeasureBounds { get; init; } = ImmutableSortedDictionary<string, BoundOperator>.Empty;

    /// <summary>
    /// Whether figures at <paramref name="measures"/> are one-sided by nature (the measure is declared with <c>bound:</c>).
    /// Only there is a bound scored over the part of a term's range it allows; a bound a source writes at any other
    /// measure (a specification's "&lt;= 125ms") is a limit the source guarantees and is read as that limit.
    /// </summary>
    public bool OneSided(string? measures) => measures is not null && MeasureBounds.ContainsKey(measures);

    /// <summary>Position of an isolation class in the strength order (0 = weakest), or -1.</summary>
    public int IsolationStrength(string isolationClass) => IsolationOrder.IndexOf(isolationClass);

    public ImmutableArray<string> Words(string list) => list switch
    {
        "isolation" => IsolationOrder,
        "capabilities" => [.. Capabilities.Keys],
        "isolation_boundaries" => [.. IsolationBoundaries.Keys],
        "scopes" => [.. Scopes.Keys],
        _ => WordLists.TryGetValue(list, out var w) ? w : [],
    };

    /// <summary>A scope by its id or its short alias (<c>of: pod</c>).</summary>
    public ScopeDefinition? Scope(string idOrAlias) =>
        Scopes.TryGetValue(idOrAlias, out var s) ? s : Scopes.Values.FirstOrDefault(x => x.Alias == idOrAlias);
}

/// <summary>One part of a composed figure: the first component of <see cref="Layer"/> (the layer's choice, then its supporting components) with a figure at one of <see cref="Measures"/>.</summary>
/// <param name="Label">How the explanation names the part ("kubelet and CRI path").</param>
/// <param name="Layer">The layer whose components give the part.</param>
/// <param name="Optional">The part counts as zero when the stack has no such layer or a component of another layer bundles it.</param>
/// <param name="ChoiceOnly">Only the layer's choice gives the part, never a supporting component of the layer (the Wasm engine's own memory is not crun's).</param>
public sealed record ScopePart(string Label, string Layer, ImmutableArray<string> Measures, bool Optional, bool UnlessBundled, bool ChoiceOnly = false)
{
    /// <summary>Layers to read, in order (the shim of a pod: the runtime's own, else the container engine's runc-v2 shim); <see cref="Layer"/> is the first.</summary>
    public ImmutableArray<string> Layers { get; init; } = [Layer];
}

/// <summary>One way to obtain a stack's figure: the sum of its parts; it applies only when every required part has a figure.</summary>
public sealed record ScopeWay(string? Note, ImmutableArray<ScopePart> Parts);

/// <summary>
/// A scope: one quantity at one integration level (workload start through the orchestrator, per-pod resident
/// memory, a node's footprint). Constraints and criteria compare figures at one scope only; the ways are
/// tried in order and the first complete one gives the stack's figure.
/// </summary>
public sealed record ScopeDefinition(string Id, string? Alias, string Name, string Fact, string Summary, ImmutableArray<ScopeWay> Ways, Diagnostics.SourceLocation Location)
{
    /// <summary>The best and worst figures at this scope, for criterion terms that score it (a pod start and a Wasm instantiation live on different scales).</summary>
    public Quantity? Best { get; init; }

    public Quantity? Worst { get; init; }
}

/// <summary>A capability of a layer's technologies, defined in one sentence, with the words people use for it.</summary>
public sealed record CapabilityDefinition(string Id, string Layer, string Summary, ImmutableArray<string> Synonyms, Diagnostics.SourceLocation Location)
{
    /// <summary>
    /// Only the layer's choice gives it, never a component that supports the choice: how the workload itself runs
    /// (its GPU attachment, its guest OS). runc under KubeVirt runs the launcher pod, not the VM, so it does not
    /// attach a GPU to the VM's guest.
    /// </summary>
    public bool ChoiceOnly { get; init; }
}

/// <summary>A kind of isolation boundary, with how strong Strata judges it alone (0..1) and why.</summary>
public sealed record IsolationBoundary(string Id, string Summary, double Strength);
