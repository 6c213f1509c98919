using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;
using Strata.Model.Quantities;

namespace Strata.Catalog.Reading;

/// <summary>A mapping whose keys were checked against the fields its entity knows.</summary>
public sealed class MapView(YamlMapping node, Dictionary<string, YamlNode> values)
{
    public YamlMapping Node { get; } = node;
    public YamlNode? this[string key] => values.TryGetValue(key, out var v) ? v : null;
    public bool Has(string key) => values.ContainsKey(key);
    public IEnumerable<string> Keys => values.Keys;
}

/// <summary>
/// Reads typed values out of YAML nodes for one file. Every problem becomes a diagnostic with the
/// node's position and reading goes on, so one run reports everything; methods return null on error.
/// </summary>
public sealed partial class FileReader(string file, List<Diagnostic> diagnostics)
{
    public string File { get; } = file;

    /// <summary>Errors reported so far in this file (a reader compares before and after to know whether its part read cleanly).</summary>
    public int ErrorCount => diagnostics.Count(d => d.Severity == Severity.Error);

    public SourceLocation At(YamlNode node) => new(File, node.Line, node.Column);

    public void Error(YamlNode node, string code, string message) => Error(At(node), code, message);

    public void Error(SourceLocation location, string code, string message) =>
        diagnostics.Add(new(location, Severity.Error, code, message));

    /// <summary>A mapping with only the given keys; unknown and duplicate keys are reported.</summary>
    public MapView? Map(YamlNode? node, string what, IReadOnlyCollection<string> known)
    {
        if (node is not YamlMapping m)
        {
            if (node is not null)
            {
                Error(node, DiagnosticCodes.WrongType, $"{what} must be a mapping (key: value), not {node.KindName}");
            }
            return null;
        }
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in m.Entries)
        {
            if (!known.Contains(key.Value))
            {
                Error(key, DiagnosticCodes.UnknownField,
                    $"unknown field '{key.Value}' in {what}{Suggestions.DidYouMean(key.Value, known)}" +
                    (Suggestions.Closest(key.Value, known) is null ? $" (known fields: {string.Join(", ", known)})" : ""));
                continue;
            }
            if (!values.TryAdd(key.Value, value))
            {
                Error(key, DiagnosticCodes.DuplicateKey, $"'{key.Value}' appears twice in {what}");
            }
        }
        return new MapView(m, values);
    }

    /// <summary>Reports a missing field at the mapping's position and returns null.</summary>
    public YamlNode? Required(MapView map, string key, string what)
    {
        var v = map[key];
        if (v is null || v is YamlScalar { IsNull: true })
        {
            Error(v ?? map.Node, DiagnosticCodes.MissingField, $"{what} needs '{key}'");
            return null;
        }
        return v;
    }

    public string? String(YamlNode? node, string what)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalar { IsNull: true }:
                Error(node, DiagnosticCodes.WrongType, $"{what} must be text, not nothing");
                return null;
            case YamlScalar s:
                return s.Value;
            default:
                Error(node, DiagnosticCodes.WrongType, $"{what} must be text, not {node.KindName}");
                return null;
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KebabId();

    public string? Id(YamlNode? node, string what)
    {
        var s = String(node, what);
        if (s is null)
        {
            return null;
        }
        if (!KebabId().IsMatch(s))
        {
            Error(node!, DiagnosticCodes.BadId, $"{what} '{s}' must be kebab-case: lower-case letters and digits joined by '-'");
            return null;
        }
        return s;
    }

    public bool? Bool(YamlNode? node, string what)
    {
        if (node is YamlScalar { Quoted: false } s)
        {
            switch (s.Value)
            {
                case "true" or "True" or "TRUE": return true;
                case "false" or "False" or "FALSE": return false;
            }
        }
        if (node is not null)
        {
            Error(node, DiagnosticCodes.WrongType, $"{what} must be true or false, not {Describe(node)}");
        }
        return null;
    }

    public double? Number(YamlNode? node, string what, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalar { Quoted: false } s &&
            double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            if (d < min || d > max)
            {
                Error(node, DiagnosticCodes.OutOfRange, $"{what} is {s.Value}, outside {Range(min, max)}");
                return null;
            }
            return d;
        }
        Error(node, DiagnosticCodes.WrongType, $"{what} must be a number, not {Describe(node)}");
        return null;
    }

    public int? Integer(YamlNode? node, string what, int min = int.MinValue, int max = int.MaxValue)
    {
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalar { Quoted: false } s && int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            if (i < min || i > max)
            {
                Error(node, DiagnosticCodes.OutOfRange, $"{what} is {i}, outside {Range(min, max)}");
                return null;
            }
            return i;
        }
        Error(node, DiagnosticCodes.WrongType, $"{what} must be a whole number, not {Describe(node)}");
        return null;
    }

    private static string Range(double min, double max) =>
        double.IsNegativeInfinity(min) ? $"the allowed range (at most {max})"
        : double.IsPositiveInfinity(max) ? $"the allowed range (at least {min})"
        : $"the allowed range {min}..{max}";

    public List<YamlNode>? Sequence(YamlNode? node, string what)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlSequence seq:
                return seq.Items;
            default:
                Error(node, DiagnosticCodes.WrongType, $"{what} must be a list, not {node.KindName}");
                return null;
        }
    }

    /// <summary>A list of words, each from <paramref name="allowed"/> when given.</summary>
    public ImmutableArray<string>? Words(YamlNode? node, string what, IReadOnlyCollection<string>? allowed = null)
    {
        var items = Sequence(node, what);
        if (items is null)
        {
            return null;
        }
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var item in items)
        {
            var w = allowed is null ? String(item, $"an item of {what}") : Word(item, $"an item of {what}", allowed);
            if (w is not null)
            {
                result.Add(w);
            }
        }
        return result.ToImmutable();
    }

    /// <summary>One word out of a list, with a did-you-mean.</summary>
    public string? Word(YamlNode? node, string what, IReadOnlyCollection<string> allowed)
    {
        var s = String(node, what);
        if (s is null)
        {
            return null;
        }
        if (!allowed.Contains(s))
        {
            Error(node!, DiagnosticCodes.UnknownWord,
                $"{what} '{s}' is not one of: {string.Join(", ", allowed)}{Suggestions.DidYouMean(s, allowed)}");
            return null;
        }
        return s;
    }

    /// <summary>A quantity estimate: a scalar (point, ~approx, range, bound) or a mapping of percentiles.</summary>
    public Estimate? Estimate(YamlNode? node, string what, Dimension? dimension)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlMapping m:
                var values = new Dictionary<string, Quantity>(StringComparer.Ordinal);
                foreach (var (key, value) in m.Entries)
                {
                    if (!QuantityParser.IsPercentileKey(key.Value))
                    {
                        Error(key, DiagnosticCodes.UnknownField, $"'{key.Value}' is not a percentile key (use min, mean, median, max or p1..p99) in {what}");
                        continue;
                    }
                    var text = String(value, $"{what} {key.Value}");
                    if (text is null)
                    {
                        continue;
                    }
                    var q = QuantityParser.ParseQuantity(text, dimension);
                    if (!q.Success)
                    {
                        Error(value, CodeFor(q.Error!), $"{what}: {q.Error}");
                        continue;
                    }
                    values[key.Value == "median" ? "p50" : key.Value] = q.Value;
                }
                if (values.Count == 0)
                {
                    if (m.Entries.Count == 0)
                    {
                        Error(m, DiagnosticCodes.WrongType, $"{what} has no percentiles");
                    }
                    return null;
                }
                if (values.Values.Select(v => v.Dimension).Distinct().Count() > 1)
                {
                    Error(m, DiagnosticCodes.BadQuantity, $"the percentiles of {what} mix dimensions");
                    return null;
                }
                return Model.Quantities.Estimate.FromPercentiles(values);
            case YamlScalar { IsNull: false } s:
                var e = QuantityParser.ParseEstimate(s.Value, dimension);
                if (!e.Success)
                {
                    Error(node, CodeFor(e.Error!), $"{what}: {e.Error}");
                    return null;
                }
                return e.Value;
            default:
                Error(node, DiagnosticCodes.WrongType, $"{what} must be a quantity such as 12ms, 6ms..10ms or '< 125ms', not {node.KindName}");
                return null;
        }
    }

    private static string CodeFor(string error) =>
        error.StartsWith("unknown unit", StringComparison.Ordinal) ? DiagnosticCodes.UnknownUnit : DiagnosticCodes.BadQuantity;

    public Uri? Url(YamlNode? node, string what)
    {
        var s = String(node, what);
        if (s is null)
        {
            return null;
        }
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            Error(node!, DiagnosticCodes.WrongType, $"{what} '{s}' must be an absolute http(s) URL");
            return null;
        }
        return uri;
    }

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    public string? Date(YamlNode? node, string what)
    {
        var s = String(node, what);
        if (s is not null && !DatePattern().IsMatch(s))
        {
            Error(node!, DiagnosticCodes.WrongType, $"{what} '{s}' must be a date YYYY, YYYY-MM or YYYY-MM-DD");
            return null;
        }
        return s;
    }

    private static string Describe(YamlNode node) => node is YamlScalar { IsNull: false } s ? $"'{s.Value}'" : node.KindName;
}
