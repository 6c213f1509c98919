using System.Collections.Immutable;
using Strata.Engine.Conditions;
using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Facts;
using Strata.Model.Quantities;

namespace Strata.Engine.Evidence;

/// <summary>
/// The evidence policy: which facts a decision may use and how several are combined. Selection never depends on
/// the order of facts in a file:
/// <list type="number">
/// <item>only facts at the measures asked (one scope), representative, holding under the host's conditions, and
/// — for a fact that holds "via" another technology — only when that technology is in the stack;</item>
/// <item>the best tier of provenance the policy allows (see <see cref="Tier"/>); a figure specific to the stack's
/// integration path (<see cref="Fact.Via"/>) before a general one; a known figure before an explicit "unknown";</item>
/// <item>within that tier, several figures are combined: quantities into their envelope, sets into their union;
/// disagreeing words by the most recent <c>as_of</c>. The combined fact lists every part's provenance.</item>
/// </list>
/// </summary>
public sealed class FactSelector
{
    /// <summary>The seed's figure where the seed gives one, so the seeds' own cases reproduce; a primary source elsewhere; a measurement last.</summary>
    public static readonly FactSelector SeedFirst = new("seed");

    /// <summary>The default: primary sources and published measurements, a measurement on this host above them, seed claims only where nothing else exists and research did not reject them.</summary>
    public static readonly FactSelector Sourced = new("sourced");

    /// <summary>Like <see cref="Sourced"/>, and the decision says which decisive facts were not measured here.</summary>
    public static readonly FactSelector Measured = new("measured");

    public static IReadOnlyList<string> Names { get; } = ["seed", "sourced", "measured"];

    public static FactSelector For(string name) => name switch
    {
        "seed" => SeedFirst,
        "sourced" => Sourced,
        "measured" => Measured,
        _ => throw new ArgumentException($"Unknown evidence policy '{name}'; use one of: {string.Join(", ", Names)}.", nameof(name)),
    };

    private FactSelector(string name) => Name = name;

    public string Name { get; }

    /// <summary>The policy that reproduces the seeds (their star ratings and the rules research rejected apply only here).</summary>
    public bool IsSeed => Name == "seed";

    /// <summary>
    /// A fact's standing under this policy, lower first, or -1 when the policy never uses it. Under 'seed': seed,
    /// then sources and published measurements, then vendor claims, then this host's measurements. Otherwise:
    /// this host's measurements; sources (primary, paper, docs) and measurements published with their conditions;
    /// vendor claims; seed claims that research did not grade contradicted, overstated or unsupported.
    /// </summary>
    public int Tier(Fact f)
    {
        if (!f.Representative)
        {
            return -1;
        }
        var published = f.Provenance switch
        {
            SourceReference { Grade: SourceGrade.Vendor } => 2,
            SourceReference => 1,
            Measurement { Here: false } => 1,
            _ => -1,
        };
        if (IsSeed)
        {
            return f.Provenance switch
            {
                SeedReference => 0,
                Measurement { Here: true } => 3,
                _ => published,
            };
        }
        return f.Provenance switch
        {
            Measurement { Here: true } => 0,
            SeedReference => f.Status is ClaimStatus.Contradicted or ClaimStatus.Overstated or ClaimStatus.Unsupported ? -1 : 3,
            _ => published,
        };
    }

    /// <summary>
    /// The figure a decision uses for one fact of a technology at the given measures (empty = any), or null when
    /// the catalogue has none the policy allows. <paramref name="members"/> are the stack's components (for
    /// figures that hold via one of them; null outside a stack); <paramref name="holds"/> evaluates host conditions.
    /// </summary>
    public Fact? Select(Technology technology, string factName, IReadOnlyList<string> measures, IReadOnlySet<string>? members = null, Func<ConditionText, Truth>? holds = null)
    {
        List<(Fact Fact, int Tier, int Specific)>? candidates = null;
        foreach (var f in technology.Facts)
        {
            if (f.Name != factName || (measures.Count > 0 && !Contains(measures, f.Measures)))
            {
                continue;
            }
            if (f.Via is { } via && (members is null || !members.Contains(via)))
            {
                continue;
            }
            if (f.HoldsWhen is { } when && (holds is null || holds(when) != Truth.True))
            {
                continue;
            }
            var tier = Tier(f);
            if (tier < 0)
            {
                continue;
            }
            (candidates ??= []).Add((f, tier, f.Via is null ? 1 : 0));
        }
        if (candidates is null)
        {
            return null;
        }
        // A known figure before an explicit "unknown"; then the best tier; then a figure specific to the integration path.
        var known = candidates.Where(c => !c.Fact.IsUnknown).ToList();
        var pool = known.Count > 0 ? known : candidates;
        var best = pool.Min(c => (c.Tier, c.Specific));
        var group = pool.Where(c => (c.Tier, c.Specific) == best).Select(c => c.Fact)
            .OrderBy(f => f.Provenance.Cite(), StringComparer.Ordinal)
            .ThenBy(f => f.Value.Display(), StringComparer.Ordinal)
            .ThenBy(f => f.Measures, StringComparer.Ordinal)
            .ToList();
        return group.Count == 1 ? group[0] : Combine(group);
    }

    private static bool Contains(IReadOnlyList<string> list, string? item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Several facts of equal standing as one: the envelope of quantities, the union of sets, else the most recent.</summary>
    public static Fact Combine(IReadOnlyList<Fact> parts)
    {
        var first = parts[0];
        var measures = string.Join("+", parts.Select(p => p.Measures).Where(m => m is not null).Distinct(StringComparer.Ordinal));
        var status = parts.Select(p => p.Status).Where(s => s is not null).DefaultIfEmpty(null).Max();
        if (parts.All(p => p.Value is EstimateValue))
        {
            var estimates = parts.Select(p => ((EstimateValue)p.Value).Estimate).ToList();
            if (estimates.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).Count() == 1)
            {
                return first with { Provenance = new CombinedProvenance("agreement", [.. parts]), Measures = measures.Length == 0 ? null : measures, Note = null, Status = status };
            }
            return first with
            {
                Value = new EstimateValue(Envelope(estimates)),
                Provenance = new CombinedProvenance("envelope", [.. parts]),
                Measures = measures.Length == 0 ? null : measures,
                Status = status,
                Note = "sources differ: " + string.Join("; ", parts.Select(p => $"{p.Value.Display()} ({p.Measures})")),
            };
        }
        if (parts.All(p => p.Value is WordSetValue))
        {
            var union = parts.SelectMany(p => ((WordSetValue)p.Value).Words).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
            return first with { Value = new WordSetValue(union), Provenance = new CombinedProvenance("union", [.. parts]), Note = null, Status = status };
        }
        if (parts.Select(p => p.Value.Display()).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            return first with { Provenance = new CombinedProvenance("agreement", [.. parts]), Note = null, Status = status };
        }
        var latest = parts.OrderByDescending(p => p.AsOf ?? "", StringComparer.Ordinal).First();
        return latest with { Provenance = new CombinedProvenance("most recent of disagreeing", [.. parts]), Note = "sources disagree: " + string.Join("; ", parts.Select(p => $"{p.Value.Display()} ({p.Provenance.Cite()})")) };
    }

    /// <summary>The interval covering every estimate; a one-sided bound is read as the Monte Carlo reads it (&lt; x: x/2..x; &gt; x: x..2x).</summary>
    public static Estimate Envelope(IReadOnlyList<Estimate> estimates)
    {
        var low = estimates.Min(Lower);
        var high = estimates.Max(Upper);
        var unit = estimates[0];
        var lo = Quantity.FromBase(unit.Dimension, low);
        var hi = Quantity.FromBase(unit.Dimension, high);
        return low == high ? Estimate.Point(lo) : Estimate.Between(lo, hi);
    }

    /// <summary>An estimate's lower end as the Monte Carlo draws it.</summary>
    public static double Lower(Estimate e) => e.Form switch
    {
        EstimateForm.Approximate => 0.9 * e.Low!.Value.BaseValue,
        EstimateForm.Bound when e.Bound is BoundOperator.Less or BoundOperator.LessOrEqual => e.High!.Value.BaseValue / 2,
        _ => e.Low!.Value.BaseValue,
    };

    /// <summary>An estimate's upper end as the Monte Carlo draws it.</summary>
    public static double Upper(Estimate e) => e.Form switch
    {
        EstimateForm.Approximate => 1.1 * e.Low!.Value.BaseValue,
        EstimateForm.Bound when e.Bound is BoundOperator.Greater or BoundOperator.GreaterOrEqual => 2 * e.Low!.Value.BaseValue,
        _ => e.High!.Value.BaseValue,
    };
}
