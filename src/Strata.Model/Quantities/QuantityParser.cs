using System.Globalization;
using System.Text.RegularExpressions;

namespace Strata.Model.Quantities;

/// <summary>Parses the catalogue's and profiles' quantity syntax: 12ms, ~250MB, 6ms..10ms, &lt; 125ms.</summary>
public static partial class QuantityParser
{
    [GeneratedRegex(@"^(?<num>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*(?<unit>\S*)$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();

    /// <summary>Parses one quantity such as <c>512MiB</c>. When <paramref name="expected"/> is given, the unit must belong to it.</summary>
    public static ParseResult<Quantity> ParseQuantity(string text, Dimension? expected = null)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            return ParseResult<Quantity>.Fail("expected a quantity, found nothing");
        }
        if (t.Contains(',', StringComparison.Ordinal))
        {
            return ParseResult<Quantity>.Fail($"'{t}' is not a quantity: write numbers without thousands separators");
        }
        if (t.EndsWith('+'))
        {
            return ParseResult<Quantity>.Fail($"'{t}' is not a quantity: write an open upper end as '>= {t.TrimEnd('+')}'");
        }
        var m = QuantityPattern().Match(t);
        if (!m.Success)
        {
            return ParseResult<Quantity>.Fail($"'{t}' is not a quantity (a number followed by a unit, such as 12ms or 512MiB)");
        }
        var number = double.Parse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var symbol = m.Groups["unit"].Value;
        if (symbol.Length == 0 && expected == Dimension.Cpu)
        {
            // "node_cpus: 4" means four cores.
            symbol = "cores";
        }
        if (!Unit.TryGet(symbol, out var unit))
        {
            var choices = expected is { } d ? Unit.SymbolsOf(d) : Unit.AllSymbols;
            return ParseResult<Quantity>.Fail($"unknown unit '{symbol}' in '{t}' (expected one of: {string.Join(", ", choices)})");
        }
        if (expected is { } dim && unit.Dimension != dim)
        {
            var what = symbol.Length == 0 ? "a plain number" : $"'{symbol}' is a {unit.Dimension.Name()} unit";
            return ParseResult<Quantity>.Fail($"expected a {dim.Name()} in '{t}', but {what} (units: {FormatUnits(dim)})");
        }
        if (!double.IsFinite(number))
        {
            return ParseResult<Quantity>.Fail($"'{t}' is out of range");
        }
        return ParseResult<Quantity>.Ok(Quantity.Create(number, unit));
    }

    private static string FormatUnits(Dimension d) => d == Dimension.Count ? "none" : string.Join(", ", Unit.SymbolsOf(d));

    /// <summary>Parses a point, <c>~x</c>, <c>a..b</c>, or a bound <c>&lt; x</c>, <c>&lt;= x</c>, <c>&gt; x</c>, <c>&gt;= x</c>.</summary>
    public static ParseResult<Estimate> ParseEstimate(string text, Dimension? expected = null)
    {
        var t = text.Trim();
        foreach (var (prefix, op) in Bounds)
        {
            if (t.StartsWith(prefix, StringComparison.Ordinal))
            {
                var q = ParseQuantity(t[prefix.Length..], expected);
                return q.Success ? ParseResult<Estimate>.Ok(Estimate.Bounded(op, q.Value)) : ParseResult<Estimate>.Fail(q.Error!);
            }
        }
        if (t.StartsWith('~'))
        {
            var q = ParseQuantity(t[1..], expected);
            return q.Success ? ParseResult<Estimate>.Ok(Estimate.Approximately(q.Value)) : ParseResult<Estimate>.Fail(q.Error!);
        }
        var dots = t.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            var low = ParseQuantity(t[..dots], expected);
            if (!low.Success)
            {
                return ParseResult<Estimate>.Fail(low.Error!);
            }
            var high = ParseQuantity(t[(dots + 2)..], expected ?? low.Value.Dimension);
            if (!high.Success)
            {
                return ParseResult<Estimate>.Fail(high.Error!);
            }
            if (low.Value.Dimension != high.Value.Dimension)
            {
                return ParseResult<Estimate>.Fail($"the ends of '{t}' are a {low.Value.Dimension.Name()} and a {high.Value.Dimension.Name()}");
            }
            if (low.Value.BaseValue > high.Value.BaseValue)
            {
                return ParseResult<Estimate>.Fail($"the range '{t}' runs backwards: its low end is larger than its high end");
            }
            return ParseResult<Estimate>.Ok(Estimate.Between(low.Value, high.Value));
        }
        var point = ParseQuantity(t, expected);
        return point.Success ? ParseResult<Estimate>.Ok(Estimate.Point(point.Value)) : ParseResult<Estimate>.Fail(point.Error!);
    }

    // Longest prefixes first so that "<=" is not read as "<".
    private static readonly (string Prefix, BoundOperator Op)[] Bounds =
    [
        ("<=", BoundOperator.LessOrEqual),
        (">=", BoundOperator.GreaterOrEqual),
        ("≤", BoundOperator.LessOrEqual),
        ("≥", BoundOperator.GreaterOrEqual),
        ("<", BoundOperator.Less),
        (">", BoundOperator.Greater),
    ];

    /// <summary>Whether a percentile key is valid: min, mean, max, p1..p99 (p99.9 style allowed).</summary>
    public static bool IsPercentileKey(string key) =>
        key is "min" or "mean" or "max" or "median" || PercentileKey().IsMatch(key);

    [GeneratedRegex(@"^p([1-9][0-9]?)(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentileKey();
}
