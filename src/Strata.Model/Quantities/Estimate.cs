using System.Collections.Immutable;
using System.Text;

namespace Strata.Model.Quantities;

public enum EstimateForm { Point, Approximate, Range, Bound, Percentiles }

public enum BoundOperator { Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>
/// What a source says about a figure: a point, an approximate point, a range, a one-sided bound,
/// or percentiles. <see cref="Low"/> and <see cref="High"/> give the interval it allows
/// (a missing side is open).
/// </summary>
public sealed record Estimate
{
    private Estimate(EstimateForm form, Dimension dimension, Quantity? low, Quantity? high, BoundOperator? bound,
        ImmutableSortedDictionary<string, Quantity> percentiles)
    {
        Form = form;
        Dimension = dimension;
        Low = low;
        High = high;
        Bound = bound;
        Percentiles = percentiles;
    }

    public EstimateForm Form { get; }
    public Dimension Dimension { get; }
    public Quantity? Low { get; }
    public Quantity? High { get; }
    public BoundOperator? Bound { get; }
    public ImmutableSortedDictionary<string, Quantity> Percentiles { get; }

    public static Estimate Point(Quantity q) => new(EstimateForm.Point, q.Dimension, q, q, null, ImmutableSortedDictionary<string, Quantity>.Empty);

    public static Estimate Approximately(Quantity q) => new(EstimateForm.Approximate, q.Dimension, q, q, null, ImmutableSortedDictionary<string, Quantity>.Empty);

    public static Estimate Between(Quantity low, Quantity high)
    {
        if (low.Dimension != high.Dimension)
        {
            throw new ArgumentException($"A range needs one dimension, not {low.Dimension.Name()} and {high.Dimension.Name()}.", nameof(high));
        }
        if (low.BaseValue > high.BaseValue)
        {
            throw new ArgumentException($"A range's low end {low} exceeds its high end {high}.", nameof(low));
        }
        return new(EstimateForm.Range, low.Dimension, low, high, null, ImmutableSortedDictionary<string, Quantity>.Empty);
    }

    public static Estimate Bounded(BoundOperator op, Quantity limit) => op switch
    {
        BoundOperator.Less or BoundOperator.LessOrEqual => new(EstimateForm.Bound, limit.Dimension, null, limit, op, ImmutableSortedDictionary<string, Quantity>.Empty),
        _ => new(EstimateForm.Bound, limit.Dimension, limit, null, op, ImmutableSortedDictionary<string, Quantity>.Empty),
    };

    /// <summary>Percentiles keyed min, mean, max or p1..p99; at least one.</summary>
    public static Estimate FromPercentiles(IReadOnlyDictionary<string, Quantity> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("Percentiles need at least one value.", nameof(values));
        }
        var dims = values.Values.Select(v => v.Dimension).Distinct().ToList();
        if (dims.Count != 1)
        {
            throw new ArgumentException("Percentiles need one dimension.", nameof(values));
        }
        var sorted = values.ToImmutableSortedDictionary(StringComparer.Ordinal);
        var low = values.Values.MinBy(v => v.BaseValue);
        var high = values.Values.MaxBy(v => v.BaseValue);
        return new(EstimateForm.Percentiles, dims[0], low, high, null, sorted);
    }

    /// <summary>A representative value: the point, the range's midpoint, the bound, or the median.</summary>
    public double Central => Form switch
    {
        EstimateForm.Range => (Low!.Value.BaseValue + High!.Value.BaseValue) / 2,
        EstimateForm.Percentiles when Percentiles.TryGetValue("p50", out var p50) => p50.BaseValue,
        EstimateForm.Percentiles when Percentiles.TryGetValue("mean", out var mean) => mean.BaseValue,
        _ => (Low ?? High)!.Value.BaseValue,
    };

    public override string ToString()
    {
        switch (Form)
        {
            case EstimateForm.Point: return Low!.Value.ToString();
            case EstimateForm.Approximate: return "~" + Low!.Value;
            case EstimateForm.Range: return $"{Low}..{High}";
            case EstimateForm.Bound:
                var op = Bound switch
                {
                    BoundOperator.Less => "<",
                    BoundOperator.LessOrEqual => "<=",
                    BoundOperator.Greater => ">",
                    _ => ">=",
                };
                return $"{op} {Low ?? High}";
            default:
                var sb = new StringBuilder("{ ");
                sb.AppendJoin(", ", Percentiles.Select(p => $"{p.Key}: {p.Value}"));
                return sb.Append(" }").ToString();
        }
    }
}
