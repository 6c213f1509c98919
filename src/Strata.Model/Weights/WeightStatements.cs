using System.Collections.Immutable;
using System.Globalization;

namespace Strata.Model.Weights;

/// <summary>Which side of a bound: the criterion's weight is at least, or at most, k times the other's.</summary>
public enum BoundDirection { AtLeast, AtMost }

/// <summary><c>startup: "&gt;= 2 * maturity"</c>: w(startup) ≥ 2·w(maturity).</summary>
public sealed record WeightBound(string Criterion, BoundDirection Direction, double Factor, string Other)
{
    public bool Holds(double criterion, double other) => Direction == BoundDirection.AtLeast
        ? criterion >= Factor * other - 1e-12
        : criterion <= Factor * other + 1e-12;

    public override string ToString() =>
        $"{Criterion} {(Direction == BoundDirection.AtLeast ? ">=" : "<=")} {(Factor == 1 ? "" : Factor.ToString("0.###", CultureInfo.InvariantCulture) + " * ")}{Other}";
}

/// <summary>
/// Weights as people state them when they do not agree on numbers: a priority order (groups of equally important
/// criteria, most important first), swing weights (points per criterion, normalised), and bounds between two
/// criteria. An order and bounds leave a set of weightings, not one (<see cref="IsPartial"/>); swing weights are one.
/// </summary>
public sealed record WeightStatements(
    ImmutableArray<ImmutableArray<string>> Order,
    ImmutableSortedDictionary<string, double> Swing,
    ImmutableArray<WeightBound> Bounds)
{
    public static WeightStatements FromOrder(params string[][] groups) =>
        new([.. groups.Select(g => g.ToImmutableArray())], ImmutableSortedDictionary<string, double>.Empty, []);

    /// <summary>The statements allow a set of weightings (an order or bounds), so a decision is judged over all of them.</summary>
    public bool IsPartial => !Order.IsEmpty || !Bounds.IsEmpty;

    /// <summary>The criteria the statements weigh, in the order stated (an order's criteria, else the bounds', else the swing's).</summary>
    public ImmutableArray<string> Criteria
    {
        get
        {
            if (!Order.IsEmpty)
            {
                return [.. Order.SelectMany(g => g)];
            }
            if (!Swing.IsEmpty)
            {
                return [.. Swing.Keys];
            }
            return [.. Bounds.SelectMany(b => new[] { b.Criterion, b.Other }).Distinct(StringComparer.Ordinal)];
        }
    }

    /// <summary>"resources > startup = offline > maturity; startup >= 2 * maturity", the statements as a reader gives them.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (!Order.IsEmpty)
        {
            parts.Add(string.Join(" > ", Order.Select(g => string.Join(" = ", g))));
        }
        if (!Swing.IsEmpty)
        {
            parts.Add("swing " + string.Join(", ", Swing.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => $"{kv.Key} {kv.Value.ToString("0.###", CultureInfo.InvariantCulture)}")));
        }
        parts.AddRange(Bounds.Select(b => b.ToString()));
        return string.Join("; ", parts);
    }
}
