using System.Collections.Immutable;
using Strata.Model.Entities;

namespace Strata.Engine.Conditions;

/// <summary>
/// What conditions read: the effective constraints, the scenario and the host facts.
/// A constraint the profile does not state reads as "not required" (false, empty); a host fact
/// it does not state reads as unknown.
/// </summary>
public sealed record ProfileView(string? Scenario, ConstraintSet Constraints, ImmutableSortedDictionary<string, bool> Host)
{
    /// <summary>The layers the profile decides (conditions may ask <c>layers contains policy</c>).</summary>
    public ImmutableArray<string> Layers { get; init; } = [];

    public ConstraintValue? Constraint(string field) => Constraints.Values.TryGetValue(field, out var v) ? v : null;
}
