using System.Collections.Immutable;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;
using Strata.Model.Facts;
using Strata.Model.Quantities;

namespace Strata.Catalog.Reading;

/// <summary>Reads facts and statements; a fact's value is checked against its kind in the vocabulary.</summary>
public static class FactReader
{
    private static readonly string[] FactKeys = ["name", "value", "measures", "as_of", "since", "note", "status", "via", "holds_when", "representative", "seed", "source", "measured"];
    private static readonly string[] StatementKeys = ["text", "note", "status", "seed", "source", "measured"];

    public static ImmutableArray<Fact> Facts(ReadContext ctx, YamlNode? node, string owner)
    {
        var items = ctx.R.Sequence(node, $"the facts of {owner}");
        if (items is null)
        {
            return [];
        }
        var result = ImmutableArray.CreateBuilder<Fact>();
        foreach (var item in items)
        {
            if (Fact(ctx, item, owner) is { } f)
            {
                result.Add(f);
            }
        }
        return result.ToImmutable();
    }

    public static Fact? Fact(ReadContext ctx, YamlNode item, string owner)
    {
        var r = ctx.R;
        var map = r.Map(item, $"a fact of {owner}", FactKeys);
        if (map is null)
        {
            return null;
        }
        var kinds = ctx.Vocabulary.FactKinds;
        var name = r.Word(r.Required(map, "name", $"a fact of {owner}"), "a fact name", kinds.Keys.ToList());
        var what = name is null ? $"a fact of {owner}" : $"fact '{name}' of {owner}";
        var provenance = ctx.Provenance(map, what);
        var status = ctx.Status(map, provenance, what);
        var asOf = r.Date(map["as_of"], "as_of");
        var since = r.Date(map["since"], "since");
        var note = r.String(map["note"], "a note");
        if (name is null)
        {
            return null;
        }
        var kind = kinds[name];
        string? measures = null;
        if (kind.Type == FactType.Quantity)
        {
            measures = map["measures"] is { } mn
                ? r.Word(mn, $"what {what} measures", kind.Measures)
                : Missing(r, map, what);
        }
        else if (map["measures"] is { } extra)
        {
            r.Error(extra, DiagnosticCodes.Inconsistent, $"'measures' belongs to quantities; {what} is of type {kind.Type.ToString().ToLowerInvariant()}");
        }
        var valueNode = r.Required(map, "value", what);
        // "unknown" is an explicit "no published figure" for any kind of fact; its note says why.
        var value = valueNode is YamlScalar { Value: "unknown", Quoted: false } ? UnknownValue.Instance
            : valueNode is null ? null : Value(ctx, valueNode, kind, what);
        if (value is EstimateValue { Estimate: var estimate } && measures is not null && ctx.Vocabulary.MeasureBounds.TryGetValue(measures, out var side))
        {
            value = OneSided(r, valueNode!, estimate, measures, side, what);
        }
        if (value is UnknownValue && note is null)
        {
            r.Error(valueNode!, DiagnosticCodes.MissingField, $"{what} is 'unknown'; say why in a 'note' (where you looked, what is missing)");
        }
        string? via = null;
        if (map["via"] is { } vn && r.Id(vn, "via") is { } v)
        {
            via = v;
            ctx.Refer(ReferenceKind.Technology, v, vn, what);
        }
        var holdsWhen = map["holds_when"] is { } hn ? ctx.Condition(hn, $"the condition {what} holds under") : null;
        var representative = map["representative"] is { } rn ? r.Bool(rn, "representative") ?? true : true;
        if (!representative && note is null)
        {
            r.Error(map["representative"]!, DiagnosticCodes.MissingField, $"{what} is not representative; say why in a 'note'");
        }
        if (value is null || provenance is null || (kind.Type == FactType.Quantity && measures is null))
        {
            return null;
        }
        return new Fact(name, value, provenance, measures, status, asOf, note, r.At(item)) { Via = via, HoldsWhen = holdsWhen, Representative = representative, Since = since };
    }

    /// <summary>
    /// A figure at a one-sided measure (the vocabulary's <c>bound:</c>) as the bound it is: a single figure N at an
    /// at-least measure is "&gt;= N" (a test that ran N nodes shows the technology handles at least N, not that it stops
    /// there); a bound on that side stays. A range, percentiles or a bound on the other side contradict the measure.
    /// </summary>
    private static EstimateValue? OneSided(FileReader r, YamlNode node, Estimate estimate, string measures, BoundOperator side, string what)
    {
        var atLeast = side is BoundOperator.Greater or BoundOperator.GreaterOrEqual;
        switch (estimate.Form)
        {
            case EstimateForm.Point or EstimateForm.Approximate:
                return new EstimateValue(Estimate.Bounded(side, estimate.Low!.Value));
            case EstimateForm.Bound when (estimate.Bound is BoundOperator.Greater or BoundOperator.GreaterOrEqual) == atLeast:
                return new EstimateValue(estimate);
            default:
                var op = atLeast ? ">=" : "<=";
                r.Error(node, DiagnosticCodes.Inconsistent,
                    $"{what} measures {measures}, whose figures are {(atLeast ? "lower" : "upper")} bounds (vocabulary.yaml: bound: {(atLeast ? "at-least" : "at-most")}); " +
                    $"write one figure (read as '{op} N') or '{op} N', not '{estimate}'");
                return null;
        }
    }

    private static string? Missing(FileReader r, MapView map, string what)
    {
        r.Error(map.Node, DiagnosticCodes.MissingField,
            $"{what} needs 'measures' (what exactly was timed or counted, so that like is compared with like; 'unspecified' when the source does not say)");
        return null;
    }

    /// <summary>Reads a value of a fact kind. Shared with table cells and case claims.</summary>
    public static FactValue? Value(ReadContext ctx, YamlNode node, FactKind kind, string what)
    {
        var r = ctx.R;
        switch (kind.Type)
        {
            case FactType.Quantity:
                return r.Estimate(node, what, kind.Dimension) is { } e ? new EstimateValue(e) : null;
            case FactType.Enum:
                return r.Word(node, what, ctx.Vocabulary.Words(kind.WordList!)) is { } w ? new WordValue(w) : null;
            case FactType.Set:
                if (node is YamlScalar { IsNull: false })
                {
                    // A single word is accepted as a one-element set.
                    return r.Word(node, what, ctx.Vocabulary.Words(kind.WordList!)) is { } one ? new WordSetValue([one]) : null;
                }
                return r.Words(node, what, ctx.Vocabulary.Words(kind.WordList!)) is { } ws ? new WordSetValue(ws) : null;
            case FactType.Bool:
                return r.Bool(node, what) is { } b ? new BoolValue(b) : null;
            case FactType.Stars:
                return r.Integer(node, what, 0, 5) is { } s ? new StarsValue(s) : null;
            case FactType.Date:
                return r.Date(node, what) is { } d ? new TextValue(d) : null;
            default:
                return r.String(node, what) is { } t ? new TextValue(t) : null;
        }
    }

    public static ImmutableArray<Statement> Statements(ReadContext ctx, YamlNode? node, string what)
    {
        var items = ctx.R.Sequence(node, what);
        if (items is null)
        {
            return [];
        }
        var result = ImmutableArray.CreateBuilder<Statement>();
        foreach (var item in items)
        {
            var map = ctx.R.Map(item, $"an item of {what}", StatementKeys);
            if (map is null)
            {
                continue;
            }
            var text = ctx.R.String(ctx.R.Required(map, "text", $"an item of {what}"), "text");
            var provenance = ctx.Provenance(map, $"an item of {what}");
            var status = ctx.Status(map, provenance, $"an item of {what}");
            var note = ctx.R.String(map["note"], "a note");
            if (text is not null && provenance is not null)
            {
                result.Add(new Statement(text, provenance, status, note));
            }
        }
        return result.ToImmutable();
    }
}
