using System.Collections.Immutable;

namespace Strata.Model.Entities;

/// <summary>
/// What a workload needs: the input of a decision. Constraints and weights here are the user's own;
/// the scenario's defaults are merged in by the engine, which says which came from where.
/// </summary>
public sealed record Profile(
    string Name,
    string? Description,
    string? Scenario,
    ImmutableArray<string> Layers,
    ConstraintSet Constraints,
    ImmutableSortedDictionary<string, bool> Host,
    ImmutableSortedDictionary<string, double> Weights,
    Stack? Current,
    ImmutableArray<Stack> Options,
    string Source)
{
    /// <summary>
    /// Pairwise comparisons for AHP weights (<c>weights: { ahp: { startup: { resources: 3 } } }</c>: startup is
    /// three times as important as resources); empty when the profile gives weights directly.
    /// </summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, double>> Ahp { get; init; } =
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, double>>.Empty;

    /// <summary>
    /// Weights stated as a priority order, swing points or bounds (<c>weights: { order: [a, [b, c], d] }</c>); null when
    /// the profile gives numbers or AHP comparisons. The engine's point weights are then their centroid or normalisation.
    /// </summary>
    public Weights.WeightStatements? Statements { get; init; }

    /// <summary>For a profile of the reference suite: the real system it describes and what that system chose (never read by the engine).</summary>
    public ReferenceDecision? Reference { get; init; }

    /// <summary>
    /// Technologies the decision must not use, each with why (<c>exclude: [istio]</c>: the profile's own; the reference
    /// suite adds those first released after the decision it replays). A hard requirement like a rule's forbid.
    /// </summary>
    public ImmutableSortedDictionary<string, Exclusion> Exclude { get; init; } = ImmutableSortedDictionary<string, Exclusion>.Empty;
}

/// <summary>
/// Why a decision may not use a technology: the profile excludes it (no fields), or it was first publicly released in
/// <paramref name="ReleasedIn"/>, after <paramref name="DecidedIn"/>, the year of the decision a reference case replays
/// (<paramref name="Provenance"/>: the release year's source).
/// </summary>
public sealed record Exclusion(int? ReleasedIn = null, int? DecidedIn = null, Evidence.Provenance? Provenance = null)
{
    public static readonly Exclusion ByProfile = new();
}

/// <summary>A real decision a profile describes: the system, its public sources, and the per-layer choice it made.</summary>
public sealed record ReferenceDecision(
    string System,
    ImmutableArray<ReferenceSource> Sources,
    Stack Chose,
    ImmutableSortedDictionary<string, string> NotInCatalogue,
    string? Conditions)
{
    /// <summary>Where Strata's answer is expected to differ because the conditions differ, per layer: why.</summary>
    public ImmutableSortedDictionary<string, string> KnownDifferences { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>When the decision was taken, as the sources say (often earlier than they were published).</summary>
    public string? Decided { get; init; }

    /// <summary>The year the decision was taken: the reference suite replays it without the technologies first released later.</summary>
    public int? AsOf { get; init; }
}

public sealed record ReferenceSource(Uri Url, string Title, string? Published, string Read);
