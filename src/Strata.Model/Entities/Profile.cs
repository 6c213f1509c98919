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
}
