using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Model.Entities;

namespace Strata.Engine.Scoring;

/// <summary>The weights wᵢ: the profile's, else its scenario's, else equal; normalised to sum to 1.</summary>
public static class Weights
{
    /// <summary>The criterion that scores the profile's <c>prefers:</c>.</summary>
    public const string PreferencesCriterion = "preferences";

    /// <param name="prefers">The profile prefers capabilities: when no weight is given to the preferences criterion, it gets the mean of the given weights (and the source says so).</param>
    public static WeightSet Resolve(Model.Entities.Catalog catalog, Profile profile, bool prefers = false)
    {
        ImmutableSortedDictionary<string, double> given;
        string source;
        if (!profile.Ahp.IsEmpty)
        {
            var ahp = Ahp.Weights(profile.Ahp);
            (given, source) = (ahp.Weights, $"AHP pairwise comparisons (consistency ratio {ahp.ConsistencyRatio.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)})");
        }
        else if (profile.Statements is { IsPartial: true } partial)
        {
            // One weighting for the table; the Monte Carlo judges the decision over every weighting the statements allow.
            var ordinal = Model.Weights.OrdinalWeights.For(partial);
            (given, source) = (ordinal.Centroid(), $"{ordinal.CentroidName} of {partial}");
        }
        else if (profile.Statements is { } swing)
        {
            (given, source) = (swing.Swing, $"swing weights ({swing}), normalised");
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
        if (prefers && catalog.Criteria.Any(c => c.Id == PreferencesCriterion) && !given.ContainsKey(PreferencesCriterion))
        {
            var mean = given.Values.Where(v => v > 0).DefaultIfEmpty(1).Average();
            given = given.SetItem(PreferencesCriterion, mean);
            source += $"; {PreferencesCriterion} weighted as the mean of the others because the profile prefers capabilities";
        }
        var total = given.Values.Sum();
        var normalised = given.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value / total, StringComparer.Ordinal);
        return new WeightSet(source, given, normalised, Math.Abs(total - 1) > 1e-9)
        {
            Statements = profile.Statements,
            PointEstimate = profile.Statements is not { } st ? null
                : st.IsPartial ? Model.Weights.OrdinalWeights.For(st).CentroidName : "swing normalisation",
        };
    }
}
