using System.Collections.Immutable;
using System.Globalization;
using Strata.Engine.Decisions;

namespace Strata.Engine.Scoring;

/// <summary>
/// How stacks that tie on the profile's weights are ordered: by the criteria the profile does not weigh, equally
/// weighted, and only then by name. A profile's weights say what matters most, not that the rest does not matter:
/// between two stacks its weights cannot tell apart, the more mature or more scalable one is the better answer, and
/// an alphabetical order is no answer at all. The ranking, the ties it reports and the reference check read this one rule.
/// </summary>
public static class TieBreak
{
    /// <summary>The secondary value of a stack: the mean of its criteria that carry no weight and apply (0 when there are none).</summary>
    public static double Secondary(ImmutableArray<CriterionScore> criteria)
    {
        var (sum, n) = (0.0, 0);
        foreach (var c in criteria)
        {
            if (c.Weight <= 0 && c.Applies)
            {
                (sum, n) = (sum + c.Value, n + 1);
            }
        }
        return n == 0 ? 0 : Math.Round(sum / n, 12);
    }

    /// <summary>
    /// Why <paramref name="first"/> is listed before <paramref name="second"/> when they tie on the weighted criteria: the
    /// unweighted criteria on which it leads ("maturity 0.64 against 0.41"), largest lead first; empty when the secondary
    /// values are equal too and the order is the stacks' names.
    /// </summary>
    public static ImmutableArray<string> Reasons(RankedStack first, RankedStack second, int take = 3)
    {
        if (Secondary(first.Criteria) - Secondary(second.Criteria) <= 1e-9)
        {
            return [];
        }
        var inv = CultureInfo.InvariantCulture;
        return [.. first.Criteria.Zip(second.Criteria)
            .Where(p => p.First.Weight <= 0 && p.First.Applies && p.First.Value - p.Second.Value > 1e-9)
            .OrderByDescending(p => p.First.Value - p.Second.Value)
            .ThenBy(p => p.First.Criterion, StringComparer.Ordinal)
            .Take(take)
            .Select(p => $"{p.First.Criterion} {p.First.Value.ToString("0.00", inv)} against {p.Second.Value.ToString("0.00", inv)}")];
    }
}
