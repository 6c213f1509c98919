using System.Collections.Immutable;
using Strata.Model.Entities;

namespace Strata.Application.Requests;

/// <summary>
/// What one node (or a class of identical nodes) is, for a fleet plan: the node constraints it sets (arch,
/// node_memory, node_cpus) over the profile's, and the host block that replaces the profile's. The host block is
/// replaced, not merged: a fact the node does not give is unknown for that node, whatever the profile assumed.
/// <see cref="Defaults"/> are constraints the node implies only where the profile states nothing (an agent node's
/// control_plane: remote), so a profile that says where its control plane runs keeps saying it.
/// </summary>
public sealed record NodeOverride(ConstraintSet Constraints, ImmutableSortedDictionary<string, bool> Host)
{
    public ConstraintSet Defaults { get; init; } = new(ImmutableSortedDictionary<string, ConstraintValue>.Empty.WithComparers(StringComparer.Ordinal));
}
