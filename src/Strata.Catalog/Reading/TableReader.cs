using System.Collections.Immutable;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;
using Strata.Model.Quantities;

namespace Strata.Catalog.Reading;

/// <summary>Reads typed seed tables and the cases that refer to them.</summary>
public static class TableReader
{
    private static readonly Dictionary<string, ColumnType> ColumnTypes = new(StringComparer.Ordinal)
    {
        ["technology"] = ColumnType.Technology,
        ["technologies"] = ColumnType.Technologies,
        ["stack"] = ColumnType.Stack,
        ["scenario"] = ColumnType.Scenario,
        ["layer"] = ColumnType.Layer,
        ["criterion"] = ColumnType.Criterion,
        ["text"] = ColumnType.Text,
        ["number"] = ColumnType.Number,
        ["integer"] = ColumnType.Integer,
        ["stars"] = ColumnType.Stars,
        ["quantity"] = ColumnType.Quantity,
        ["bool"] = ColumnType.Bool,
        ["compat"] = ColumnType.Compat,
        ["level"] = ColumnType.Level,
    };

    public static Table? Table(ReadContext ctx, YamlNode root, string fileId)
    {
        var r = ctx.R;
        var map = r.Map(root, "a table", ["id", "title", "columns", "rows", "evaluation", "notes", "note", "seed", "source"]);
        if (map is null)
        {
            return null;
        }
        var id = EntityReaders.Id(ctx, map, "a table", fileId);
        var owner = $"table '{id ?? fileId}'";
        var title = r.String(r.Required(map, "title", owner), "title") ?? "";
        var p = ctx.Provenance(map, owner);

        var columns = ImmutableArray.CreateBuilder<TableColumn>();
        foreach (var item in r.Sequence(r.Required(map, "columns", owner), $"the columns of {owner}") ?? [])
        {
            var c = r.Map(item, $"a column of {owner}", ["id", "type", "title", "criterion", "dimension"]);
            if (c is null)
            {
                continue;
            }
            var cid = r.String(r.Required(c, "id", "a column"), "a column id");
            var type = r.Word(r.Required(c, "type", "a column"), "a column type", ColumnTypes.Keys.ToList());
            string? criterion = null;
            if (c["criterion"] is { } cn && r.String(cn, "criterion") is { } crit)
            {
                criterion = crit;
                ctx.Refer(ReferenceKind.Criterion, crit, cn, $"a column of {owner}");
            }
            Dimension? dim = null;
            if (c["dimension"] is { } dn && r.String(dn, "dimension") is { } dt)
            {
                if (DimensionNames.TryParse(dt, out var d))
                {
                    dim = d;
                }
                else
                {
                    r.Error(dn, DiagnosticCodes.UnknownWord, $"dimension '{dt}' is not one of: duration, size, count, rate, ratio, cpu");
                }
            }
            if (cid is null || type is null)
            {
                continue;
            }
            if (columns.Any(x => x.Id == cid))
            {
                r.Error(item, DiagnosticCodes.DuplicateId, $"column '{cid}' appears twice in {owner}");
                continue;
            }
            columns.Add(new TableColumn(cid, ColumnTypes[type], r.String(c["title"], "title"), criterion, dim));
        }

        var byId = columns.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var rows = ImmutableArray.CreateBuilder<TableRow>();
        foreach (var item in r.Sequence(r.Required(map, "rows", owner), $"the rows of {owner}") ?? [])
        {
            var row = r.Map(item, $"a row of {owner}", byId.Keys.ToList());
            if (row is null)
            {
                continue;
            }
            var cells = ImmutableSortedDictionary.CreateBuilder<string, TableCell>(StringComparer.Ordinal);
            foreach (var key in row.Keys)
            {
                if (Cell(ctx, row[key]!, byId[key], $"cell '{key}' of {owner}") is { } cell)
                {
                    cells[key] = cell;
                }
            }
            rows.Add(new TableRow(cells.ToImmutable(), r.At(item)));
        }

        TableEvaluation? evaluation = null;
        if (map["evaluation"] is { } en)
        {
            evaluation = Evaluation(ctx, en, byId, owner);
        }
        var notes = FactReader.Statements(ctx, map["notes"], $"the notes of {owner}");
        return id is null || p is null ? null
            : new Table(id, title, p, columns.ToImmutable(), rows.ToImmutable(), evaluation, notes, r.At(root));
    }

    private static TableEvaluation? Evaluation(ReadContext ctx, YamlNode node, Dictionary<string, TableColumn> columns, string owner)
    {
        var r = ctx.R;
        var m = r.Map(node, $"the evaluation of {owner}", ["weights", "priority", "total"]);
        if (m is null)
        {
            return null;
        }
        string? Column(YamlNode n, string what)
        {
            var s = r.String(n, what);
            if (s is null)
            {
                return null;
            }
            // A column may be named by its id or by the criterion it scores.
            var col = columns.Values.FirstOrDefault(c => c.Id == s) ?? columns.Values.FirstOrDefault(c => c.Criterion == s);
            if (col is null)
            {
                r.Error(n, DiagnosticCodes.DanglingReference, $"{what} '{s}' names no column of {owner}{Suggestions.DidYouMean(s, columns.Keys)}");
                return null;
            }
            return col.Id;
        }
        var weights = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        if (m["weights"] is YamlMapping wm)
        {
            foreach (var (k, v) in wm.Entries)
            {
                if (Column(k, "a weighted column") is { } col && r.Number(v, $"the weight of '{k.Value}'", 0) is { } w)
                {
                    weights[col] = w;
                }
            }
        }
        else if (m["weights"] is { } other)
        {
            r.Error(other, DiagnosticCodes.WrongType, $"the weights of {owner} must be a mapping of column to weight");
        }
        var priority = ImmutableArray.CreateBuilder<string>();
        foreach (var item in r.Sequence(m["priority"], "the priority order") ?? [])
        {
            if (Column(item, "a priority column") is { } col)
            {
                priority.Add(col);
            }
        }
        var total = m["total"] is { } tn ? Column(tn, "the total column") : null;
        if (weights.Count == 0 && priority.Count == 0)
        {
            r.Error(m.Node, DiagnosticCodes.MissingField, $"the evaluation of {owner} needs 'weights' or 'priority'");
        }
        return new TableEvaluation(weights.ToImmutable(), priority.ToImmutable(), total);
    }

    private static TableCell? Cell(ReadContext ctx, YamlNode node, TableColumn column, string what)
    {
        var r = ctx.R;
        string? note = null;
        var valueNode = node;
        if (node is YamlMapping m && m.Entries.Any(e => e.Key.Value == "value"))
        {
            var cm = r.Map(node, what, ["value", "note"]);
            if (cm is null)
            {
                return null;
            }
            note = r.String(cm["note"], "a note");
            valueNode = cm["value"]!;
        }
        CellValue? value = column.Type switch
        {
            ColumnType.Technology => Ref(ctx, valueNode, ReferenceKind.Technology, what),
            ColumnType.Scenario => Ref(ctx, valueNode, ReferenceKind.Scenario, what),
            ColumnType.Layer => Ref(ctx, valueNode, ReferenceKind.Layer, what),
            ColumnType.Criterion => Ref(ctx, valueNode, ReferenceKind.Criterion, what),
            ColumnType.Technologies => Refs(ctx, valueNode, what),
            ColumnType.Stack => ctx.Stack(valueNode, what) is { } s ? new StackCell(s) : null,
            ColumnType.Text => valueNode is YamlScalar ? (r.String(valueNode, what) is { } t ? new TextCell(t) : null) : WrongShape(r, valueNode, what, "text"),
            ColumnType.Number => r.Number(valueNode, what) is { } d ? new NumberCell(d) : null,
            ColumnType.Integer => r.Integer(valueNode, what) is { } i ? new NumberCell(i) : null,
            ColumnType.Stars => r.Integer(valueNode, what, 0, 5) is { } st ? new NumberCell(st) : null,
            ColumnType.Quantity => r.Estimate(valueNode, what, column.Dimension) is { } e ? new EstimateCell(e) : null,
            ColumnType.Bool => r.Bool(valueNode, what) is { } b ? new BoolCell(b) : null,
            ColumnType.Compat => r.Word(valueNode, what, ["yes", "caveat", "no"]) is { } w ? new TextCell(w) : null,
            ColumnType.Level => r.Word(valueNode, what, ["low", "medium", "high"]) is { } l ? new TextCell(l) : null,
            _ => null,
        };
        return value is null ? null : new TableCell(value, note, r.At(node));
    }

    private static CellValue? WrongShape(FileReader r, YamlNode node, string what, string expected)
    {
        r.Error(node, DiagnosticCodes.WrongType, $"{what} must be {expected}, not {node.KindName}");
        return null;
    }

    private static CellValue? Ref(ReadContext ctx, YamlNode node, ReferenceKind kind, string what)
    {
        var s = ctx.R.String(node, what);
        if (s is null)
        {
            return null;
        }
        ctx.Refer(kind, s, node, what);
        return new IdListCell([s]);
    }

    private static CellValue? Refs(ReadContext ctx, YamlNode node, string what)
    {
        var words = ctx.R.Words(node, what);
        if (words is null)
        {
            return null;
        }
        ctx.ReferEach(ReferenceKind.Technology, words.Value, node, what);
        return new IdListCell(words.Value);
    }

    private static readonly string[] CaseKeys = ["id", "title", "summary", "scenario", "profile", "options", "outcome", "evaluation", "claims", "notes", "note", "seed", "source"];

    public static Case? Case(ReadContext ctx, YamlNode root, string fileId)
    {
        var r = ctx.R;
        var map = r.Map(root, "a case", CaseKeys);
        if (map is null)
        {
            return null;
        }
        var id = EntityReaders.Id(ctx, map, "a case", fileId);
        var owner = $"case '{id ?? fileId}'";
        var title = r.String(r.Required(map, "title", owner), "title") ?? "";
        var p = ctx.Provenance(map, owner);
        string? scenario = null;
        if (map["scenario"] is { } sn && r.String(sn, "scenario") is { } s)
        {
            scenario = s;
            ctx.Refer(ReferenceKind.Scenario, s, sn, owner);
        }
        var profile = new CaseProfile(ConstraintSet.Empty, ImmutableSortedDictionary<string, double>.Empty, []);
        if (r.Map(map["profile"], $"the profile of {owner}", ["constraints", "weights", "layers"]) is { } pm)
        {
            var constraints = pm["constraints"] is { } cn ? ConstraintReader.Read(ctx, cn, $"the constraints of {owner}") : null;
            var weights = pm["weights"] is { } wn ? EntityReaders.Weights(ctx, wn, $"the weights of {owner}") : null;
            var layers = r.Words(pm["layers"], "layers") ?? [];
            ctx.ReferEach(ReferenceKind.Layer, layers, pm["layers"], owner);
            profile = new CaseProfile(constraints ?? ConstraintSet.Empty, weights ?? profile.Weights, layers);
        }
        var options = ImmutableArray.CreateBuilder<Stack>();
        foreach (var item in r.Sequence(map["options"], $"the options of {owner}") ?? [])
        {
            if (ctx.Stack(item, $"an option of {owner}") is { } st)
            {
                options.Add(st);
            }
        }
        CaseOutcome? outcome = null;
        if (r.Map(map["outcome"], $"the outcome of {owner}", ["stack", "note", "seed", "source"]) is { } om)
        {
            var stack = ctx.Stack(r.Required(om, "stack", $"the outcome of {owner}"), $"the outcome of {owner}");
            var op = ctx.Provenance(om, $"the outcome of {owner}");
            if (stack is not null && op is not null)
            {
                outcome = new CaseOutcome(stack, op, r.String(om["note"], "a note"));
            }
        }
        string? evaluation = null;
        if (map["evaluation"] is { } en && r.String(en, "evaluation") is { } ev)
        {
            evaluation = ev;
            ctx.Refer(ReferenceKind.Table, ev, en, owner);
        }
        var claims = map["claims"] is { } claimsNode ? FactReader.Facts(ctx, claimsNode, owner) : [];
        var notes = FactReader.Statements(ctx, map["notes"], $"the notes of {owner}");
        return id is null || p is null ? null
            : new Case(id, title, p, scenario, profile, options.ToImmutable(), outcome, evaluation, claims, notes, r.At(root));
    }
}
