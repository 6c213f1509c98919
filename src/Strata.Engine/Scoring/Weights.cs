using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Model.Entities;

namespace Strata.Engine.Scoring;

/// <summary>The weights wᵢ: the profile's, else its scenario's, else equal; normalised to sum to 1.</summary>
public static class Weights
{
    public static WeightSet Resolve(Model.Entities.Catalog catalog, Profile profile)
    {
        ImmutableSortedDictionary<string, double> given;
        string source;
        if (!profile.Ahp.IsEmpty)
        {
            var ahp = Ahp.Weights(profile.Ahp);
            (given, source) = (ahp.Weights, $"AHP pairwise comparisons (consistency ratio {ahp.ConsistencyRatio.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)})");
        }
        else if (!profile.Weights.IsEmpty)
        {
            (given, source) = (profile.Weights, "profile");
        }
        else if (profile.Scenario is { } s && catalog.Scenario(s)?.Weights is { } sw)
        {
            (given, source) = (sw.Value, $"scenario {s} ({sw.Provenance.Cite()})");
        }
        else
        {
            (given, source) = (catalog.Criteria.ToImmutableSortedDictionary(c => c.Id, _ => 1.0, StringComparer.Ordinal), "equal (no weights given)");
        }
        var total = given.Values.Sum();
        var normalised = given.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value / total, StringComparer.Ordinal);
        return new WeightSet(source, given, normalised, Math.Abs(total - 1) > 1e-9);
    }
}
