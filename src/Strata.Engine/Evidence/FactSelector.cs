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
    /// <summary>
    /// The seed's figure where the seed gives one, so the seeds' own cases reproduce; a primary source
    /// elsewhere; a measurement last. (The evidence issue adds the other orders.)
    /// </summary>
    public static readonly FactSelector SeedFirst = new("seed-first", ["seed", "source", "measured"]);

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
