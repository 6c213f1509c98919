using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Facts;

namespace Strata.Engine.Evidence;

/// <summary>
/// Picks the fact a decision uses when a technology has several: by provenance (the policy's order),
/// then by the preferred measurement, then by catalogue order. Deterministic.
/// </summary>
public sealed class FactSelector
{
    /// <summary>The seed's figure where the seed gives one, so the seeds' own cases reproduce; a primary source elsewhere; a measurement last.</summary>
    public static readonly FactSelector SeedFirst = new("seed", ["seed", "source", "measured"]);

    /// <summary>The default: a primary source beats the seed, and a measurement on this host beats both.</summary>
    public static readonly FactSelector Sourced = new("sourced", ["measured", "source", "seed"]);

    /// <summary>Like <see cref="Sourced"/>, and the decision says which decisive facts were not measured here.</summary>
    public static readonly FactSelector Measured = new("measured", ["measured", "source", "seed"]);

    public static IReadOnlyList<string> Names { get; } = ["seed", "sourced", "measured"];

    public static FactSelector For(string name) => name switch
    {
        "seed" => SeedFirst,
        "sourced" => Sourced,
        "measured" => Measured,
        _ => throw new ArgumentException($"Unknown evidence policy '{name}'; use one of: {string.Join(", ", Names)}.", nameof(name)),
    };

    private readonly string[] _order;

    private FactSelector(string name, string[] order)
    {
        Name = name;
        _order = order;
    }

    public string Name { get; }

    public Fact? Select(Technology technology, string factName, IReadOnlyList<string> measures)
    {
        Fact? best = null;
        (int, int, int) bestKey = default;
        var index = 0;
        foreach (var f in technology.Facts)
        {
            index++;
            if (f.Name != factName)
            {
                continue;
            }
            var m = measures.Count == 0 ? 0 : IndexOf(measures, f.Measures);
            if (m < 0)
            {
                continue;
            }
            var key = (Array.IndexOf(_order, f.Provenance.Kind), m, index);
            if (best is null || key.CompareTo(bestKey) < 0)
            {
                best = f;
                bestKey = key;
            }
        }
        return best;
    }

    private static int IndexOf(IReadOnlyList<string> list, string? item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return i;
            }
        }
        return -1;
    }
}
