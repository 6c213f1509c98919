using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Strata.Catalog.Reading;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;
using Strata.Model.Weights;

namespace Strata.Catalog.Profiles;

/// <summary>
/// Reads the forms of <c>weights:</c> that state what a team knows instead of numbers: <c>order: [a, [b, c], d]</c>
/// (most important first; a nested list is a tie), <c>swing: { a: 100, b: 60 }</c> (points, normalised) and
/// <c>bounds: { a: "&gt;= 2 * b" }</c> (a weighs at least twice b; <c>&lt;=</c> for at most; a list for several).
/// Every problem is reported, each at its own line and column.
/// </summary>
public static partial class WeightsReader
{
    public static readonly string[] Keys = ["order", "swing", "bounds"];

    /// <summary>True when <c>weights:</c> uses one of these forms rather than criterion: number.</summary>
    public static bool IsStatements(YamlNode node) =>
        node is YamlMapping m && m.Entries.Any(e => Keys.Contains(e.Key.Value) || e.Value is YamlMapping or YamlSequence);

    [GeneratedRegex(@"^(\s*)(>=|<=|≥|≤)(\s*)(?:([0-9]+(?:\.[0-9]+)?)\s*(\*)?\s*)?([A-Za-z][A-Za-z0-9_-]*)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BoundSyntax();

    public static WeightStatements? Read(FileReader r, YamlNode node, IReadOnlyCollection<string> criteria)
    {
        var errorsBefore = r.ErrorCount;
        var map = r.Map(node, "the weights", Keys);
        if (map is null)
        {
            return null;
        }
        var order = ImmutableArray<ImmutableArray<string>>.Empty;
        var swing = ImmutableSortedDictionary<string, double>.Empty;
        var bounds = ImmutableArray<WeightBound>.Empty;
        if (map["order"] is { } on)
        {
            order = Order(r, on, criteria);
        }
        if (map["swing"] is { } sn)
        {
            if (map.Has("order") || map.Has("bounds"))
            {
                r.Error(sn, DiagnosticCodes.Inconsistent, "swing weights fix every ratio, so they cannot be combined with an order or bounds; give one or the other");
            }
            swing = Swing(r, sn, criteria);
        }
        if (map["bounds"] is { } bn)
        {
            var inOrder = map.Has("order") ? order.SelectMany(g => g).ToHashSet(StringComparer.Ordinal) : null;
            bounds = Bounds(r, bn, criteria, inOrder);
        }
        if (!map.Has("order") && !map.Has("swing") && !map.Has("bounds"))
        {
            r.Error(node, DiagnosticCodes.MissingField, "the weights state nothing: give order, swing or bounds (or criterion: number)");
            return null;
        }
        if (r.ErrorCount > errorsBefore)
        {
            return null;
        }
        var statements = new WeightStatements(order, swing, bounds);
        if (!bounds.IsEmpty)
        {
            // Rejection sampling needs room: statements that (nearly) contradict each other are the profile's mistake.
            var rate = OrdinalWeights.For(statements).AcceptanceRate();
            if (rate * OrdinalWeights.PilotDraws < 20)
            {
                r.Error(map["bounds"]!, DiagnosticCodes.Inconsistent,
                    rate == 0
                        ? $"no weighting satisfies '{statements}': none of {OrdinalWeights.PilotDraws} weightings {(order.IsEmpty ? "" : "in the order ")}met the bounds, so they contradict {(order.IsEmpty ? "each other" : "the order or each other")}"
                        : $"'{statements}' leave almost no weighting: only {(rate * 100).ToString("0.###", CultureInfo.InvariantCulture)} % of weightings {(order.IsEmpty ? "" : "in the order ")}meet the bounds; loosen a bound");
                return null;
            }
        }
        return statements;
    }

    private static ImmutableArray<ImmutableArray<string>> Order(FileReader r, YamlNode node, IReadOnlyCollection<string> criteria)
    {
        var items = r.Sequence(node, "the order");
        if (items is null)
        {
            return [];
        }
        if (items.Count == 0)
        {
            r.Error(node, DiagnosticCodes.MissingField, "the order names no criterion; list them most important first, e.g. [resources, startup, [availability, maturity]]");
            return [];
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var groups = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        foreach (var item in items)
        {
            var members = new List<YamlNode>();
            if (item is YamlSequence tie)
            {
                if (tie.Items.Count == 0)
                {
                    r.Error(tie, DiagnosticCodes.MissingField, "an empty tie in the order; a nested list names criteria of equal weight");
                    continue;
                }
                members.AddRange(tie.Items);
            }
            else
            {
                members.Add(item);
            }
            var group = ImmutableArray.CreateBuilder<string>();
            foreach (var m in members)
            {
                if (m is YamlSequence)
                {
                    r.Error(m, DiagnosticCodes.WrongType, "a tie is one level of list: [a, [b, c], d], not a list inside a tie");
                    continue;
                }
                if (r.Word(m, "a criterion of the order", criteria) is not { } c)
                {
                    continue;
                }
                if (!seen.Add(c))
                {
                    r.Error(m, DiagnosticCodes.DuplicateKey, $"'{c}' appears twice in the order; each criterion has one place (a nested list ties criteria)");
                    continue;
                }
                group.Add(c);
            }
            if (group.Count > 0)
            {
                groups.Add(group.ToImmutable());
            }
        }
        return groups.ToImmutable();
    }

    private static ImmutableSortedDictionary<string, double> Swing(FileReader r, YamlNode node, IReadOnlyCollection<string> criteria)
    {
        if (node is not YamlMapping m)
        {
            r.Error(node, DiagnosticCodes.WrongType, $"swing must map each criterion to its points, e.g. {{ startup: 100, resources: 60 }}, not {node.KindName}");
            return ImmutableSortedDictionary<string, double>.Empty;
        }
        var b = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in m.Entries)
        {
            var c = r.Word(key, "a swing criterion", criteria);
            var points = r.Number(value, $"the swing of '{key.Value}'", 0);
            if (points is 0)
            {
                r.Error(value, DiagnosticCodes.OutOfRange, $"a swing of 0 gives '{key.Value}' no weight; leave it out instead");
                continue;
            }
            if (c is not null && points is { } p && !b.TryAdd(c, p))
            {
                r.Error(key, DiagnosticCodes.DuplicateKey, $"'{c}' appears twice in swing");
            }
        }
        if (m.Entries.Count == 0)
        {
            r.Error(node, DiagnosticCodes.MissingField, "swing names no criterion");
        }
        return b.ToImmutable();
    }

    private static ImmutableArray<WeightBound> Bounds(FileReader r, YamlNode node, IReadOnlyCollection<string> criteria, HashSet<string>? inOrder)
    {
        if (node is not YamlMapping m)
        {
            r.Error(node, DiagnosticCodes.WrongType, $"bounds must map a criterion to a bound, e.g. {{ startup: \">= 2 * maturity\" }}, not {node.KindName}");
            return [];
        }
        var result = ImmutableArray.CreateBuilder<WeightBound>();
        foreach (var (key, value) in m.Entries)
        {
            var c = r.Word(key, "a bounded criterion", criteria);
            if (c is not null && inOrder is not null && !inOrder.Contains(c))
            {
                r.Error(key, DiagnosticCodes.Inconsistent, $"'{c}' is bounded but not in the order; a bound compares two criteria of the order");
                c = null;
            }
            var texts = value is YamlSequence seq ? seq.Items : [value];
            if (texts.Count == 0)
            {
                r.Error(value, DiagnosticCodes.MissingField, $"the bounds of '{key.Value}' are an empty list");
            }
            foreach (var t in texts)
            {
                if (Bound(r, t, key.Value, criteria, inOrder) is { } bound && c is not null)
                {
                    result.Add(bound);
                }
            }
        }
        return result.ToImmutable();
    }

    /// <summary>One bound: <c>&gt;= k * name</c> or <c>&lt;= k * name</c> (k a positive number, 1 when left out).</summary>
    private static WeightBound? Bound(FileReader r, YamlNode node, string criterion, IReadOnlyCollection<string> criteria, HashSet<string>? inOrder)
    {
        if (node is not YamlScalar { IsNull: false } s)
        {
            r.Error(node, DiagnosticCodes.WrongType, $"a bound of '{criterion}' must be text such as \">= 2 * maturity\", not {node.KindName}");
            return null;
        }
        // Positions inside the text: a quoted scalar's text starts one column after its quote.
        var start = s.Column + (s.Quoted ? 1 : 0);
        SourceLocation At(int offset) => new(r.File, s.Line, start + offset);
        var match = BoundSyntax().Match(s.Value);
        if (!match.Success)
        {
            var offset = s.Value.Length - s.Value.TrimStart().Length;
            var rest = s.Value.TrimStart();
            var why = rest.StartsWith('>') || rest.StartsWith('<') ? (rest.Length > 1 && rest[1] == '=' ? "after the operator comes 'k * criterion'" : "write >= or <= (a weight bound is never strict)")
                : "a bound starts with >= or <=";
            r.Error(At(offset), DiagnosticCodes.BadExpression, $"the bound of '{criterion}' '{s.Value}' is not '>= k * criterion' or '<= k * criterion': {why}");
            return null;
        }
        var atLeast = match.Groups[2].Value is ">=" or "≥";
        var factor = 1.0;
        if (match.Groups[4].Success)
        {
            factor = double.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture);
            if (factor <= 0)
            {
                r.Error(At(match.Groups[4].Index), DiagnosticCodes.OutOfRange, $"the factor in the bound of '{criterion}' must be positive, not {match.Groups[4].Value}");
                return null;
            }
        }
        if (!match.Groups[6].Success)
        {
            r.Error(At(s.Value.TrimEnd().Length), DiagnosticCodes.BadExpression, $"the bound of '{criterion}' '{s.Value}' names no criterion to compare with");
            return null;
        }
        var other = match.Groups[6].Value;
        var at = At(match.Groups[6].Index);
        if (!criteria.Contains(other))
        {
            r.Error(at, DiagnosticCodes.UnknownWord, $"the bound of '{criterion}' compares with '{other}', which is not one of: {string.Join(", ", criteria)}{Suggestions.DidYouMean(other, criteria)}");
            return null;
        }
        if (other == criterion)
        {
            r.Error(at, DiagnosticCodes.Inconsistent, $"'{criterion}' is bounded by itself");
            return null;
        }
        if (inOrder is not null && !inOrder.Contains(other))
        {
            r.Error(at, DiagnosticCodes.Inconsistent, $"the bound of '{criterion}' compares with '{other}', which is not in the order; a bound compares two criteria of the order");
            return null;
        }
        return new WeightBound(criterion, atLeast ? BoundDirection.AtLeast : BoundDirection.AtMost, factor, other);
    }
}
