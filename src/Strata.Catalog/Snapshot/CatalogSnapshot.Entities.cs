using Strata.Model.Entities;

namespace Strata.Catalog.Snapshot;

// The catalogue and its entities, in the order Catalog's constructor takes them.
public static partial class CatalogSnapshot
{
    private static void WriteCatalog(SnapshotWriter w, Model.Entities.Catalog c)
    {
        w.String(c.Manifest.Name);
        w.String(c.Manifest.Version);
        w.NullableString(c.Manifest.Summary);
        w.NullableString(c.Manifest.Extends);
        w.String(c.Digest);
        WriteVocabulary(w, c.Vocabulary);
        w.Array(c.Layers, WriteLayer);
        w.Array(c.Criteria, WriteCriterion);
        w.Array(c.Technologies, WriteTechnology);
        w.Array(c.Scenarios, WriteScenario);
        w.Array(c.Predicates, WritePredicate);
        w.Array(c.Rules, WriteRule);
        w.Array(c.Trees, WriteTree);
        w.Array(c.Tables, WriteTable);
        w.Array(c.Cases, WriteCase);
        w.Array(c.Migrations, WriteMigration);
    }

    private static Model.Entities.Catalog ReadCatalog(SnapshotReader r) => new(
        new CatalogManifest(r.String(), r.String(), r.NullableString(), r.NullableString()),
        r.String(),
        ReadVocabulary(r),
        r.Array(ReadLayer),
        r.Array(ReadCriterion),
        r.Array(ReadTechnology),
        r.Array(ReadScenario),
        r.Array(ReadPredicate),
        r.Array(ReadRule),
        r.Array(ReadTree),
        r.Array(ReadTable),
        r.Array(ReadCase),
        r.Array(ReadMigration));

    private static void WriteLayer(SnapshotWriter w, Layer l)
    {
        w.String(l.Id);
        w.String(l.Name);
        w.Bool(l.Core);
        w.Int(l.Order);
        w.String(l.Summary);
        WriteProvenance(w, l.Provenance);
        WriteLocation(w, l.Location);
    }

    private static Layer ReadLayer(SnapshotReader r) => new(r.String(), r.String(), r.Bool(), r.Int(), r.String(), ReadProvenance(r), ReadLocation(r));

    private static void WriteCriterion(SnapshotWriter w, Criterion c)
    {
        w.String(c.Id);
        w.String(c.Name);
        w.String(c.Summary);
        w.Enum(c.Direction);
        w.Array(c.Value, WriteValueTerm);
        WriteProvenance(w, c.Provenance);
        WriteLocation(w, c.Location);
        w.Dictionary(c.NotFor, static (w, s) => w.String(s));
    }

    private static Criterion ReadCriterion(SnapshotReader r) =>
        new(r.String(), r.String(), r.String(), r.Enum<CriterionDirection>(), r.Array(ReadValueTerm), ReadProvenance(r), ReadLocation(r))
        {
            NotFor = r.Dictionary(static r => r.String()),
        };

    private static void WriteValueTerm(SnapshotWriter w, ValueTerm t)
    {
        w.String(t.Fact);
        w.Strings(t.Layers);
        w.Enum(t.Aggregate);
        w.Strings(t.Measures);
        w.Enum(t.Scale);
        w.Optional(t.Best, WriteQuantity);
        w.Optional(t.Worst, WriteQuantity);
        WriteWeights(w, t.Values);
        w.Double(t.Weight);
        w.NullableString(t.Scope);
        w.NullableString(t.Capability);
        w.Bool(t.Preferences);
        w.Optional(t.When, WriteConditionText);
        w.Bool(t.SeedOnly);
    }

    private static ValueTerm ReadValueTerm(SnapshotReader r) =>
        new(r.String(), r.Strings(), r.Enum<Aggregate>(), r.Strings(), r.Enum<ScaleKind>(), r.OptionalValue(ReadQuantity), r.OptionalValue(ReadQuantity), ReadWeights(r), r.Double())
        {
            Scope = r.NullableString(),
            Capability = r.NullableString(),
            Preferences = r.Bool(),
            When = r.Optional(ReadConditionText),
            SeedOnly = r.Bool(),
        };

    private static void WriteTechnology(SnapshotWriter w, Technology t)
    {
        w.String(t.Id);
        w.String(t.Name);
        w.String(t.Layer);
        w.String(t.Summary);
        w.NullableString(t.Homepage?.OriginalString);
        w.Strings(t.Aliases);
        w.NullableString(t.Tool);
        w.Array(t.Facts, WriteFact);
        w.Array(t.Pros, WriteStatement);
        w.Array(t.Cons, WriteStatement);
        WriteLocation(w, t.Location);
        w.Bool(t.ComponentOnly);
        w.Strings(t.Omits);
    }

    private static Technology ReadTechnology(SnapshotReader r) =>
        new(r.String(), r.String(), r.String(), r.String(), r.NullableString() is { } homepage ? new Uri(homepage, UriKind.RelativeOrAbsolute) : null,
            r.Strings(), r.NullableString(), r.Array(ReadFact), r.Array(ReadStatement), r.Array(ReadStatement), ReadLocation(r))
        {
            ComponentOnly = r.Bool(),
            Omits = r.Strings(),
        };

    private static void WriteScenario(SnapshotWriter w, Scenario s)
    {
        w.String(s.Id);
        w.String(s.Name);
        w.String(s.Summary);
        WriteProvenance(w, s.Provenance);
        w.Optional(s.Vector, static (w, v) => WriteSourced(w, v, WriteDoubles));
        w.Optional(s.Weights, static (w, v) => WriteSourced(w, v, WriteWeights));
        w.Optional(s.Requirements, static (w, v) => WriteSourced(w, v, WriteConstraintSet));
        w.Strings(s.Layers);
        w.Optional(s.Typical, static (w, v) => WriteSourced(w, v, static (w, ids) => w.Strings(ids)));
        w.Optional(s.Needs, static (w, v) => WriteSourced(w, v, static (w, d) => w.Dictionary(d, static (w, s) => w.String(s))));
        WriteLocation(w, s.Location);
        w.Optional(s.SeedRequirements, static (w, v) => WriteSourced(w, v, WriteConstraintSet));
    }

    private static Scenario ReadScenario(SnapshotReader r) =>
        new(r.String(), r.String(), r.String(), ReadProvenance(r),
            r.Optional(static r => ReadSourced(r, ReadDoubles)),
            r.Optional(static r => ReadSourced(r, ReadWeights)),
            r.Optional(static r => ReadSourced(r, ReadConstraintSet)),
            r.Strings(),
            r.Optional(static r => ReadSourced(r, static r => r.Strings())),
            r.Optional(static r => ReadSourced(r, static r => r.Dictionary(static r => r.String()))),
            ReadLocation(r))
        {
            SeedRequirements = r.Optional(static r => ReadSourced(r, ReadConstraintSet)),
        };

    private static void WritePredicate(SnapshotWriter w, Predicate p)
    {
        w.String(p.Id);
        w.String(p.Name);
        WriteConditionText(w, p.When);
        WriteProvenance(w, p.Provenance);
        w.NullableString(p.Note);
        WriteLocation(w, p.Location);
    }

    private static Predicate ReadPredicate(SnapshotReader r) => new(r.String(), r.String(), ReadConditionText(r), ReadProvenance(r), r.NullableString(), ReadLocation(r));

    private static void WriteRule(SnapshotWriter w, Rule x)
    {
        w.String(x.Id);
        w.Enum(x.Kind);
        w.NullableString(x.Subject);
        w.Strings(x.AnyOf);
        w.Optional(x.When, WriteConditionText);
        w.Optional(x.Then, static (w, d) =>
        {
            WriteConstraintSet(w, d.Constraints);
            w.Strings(d.AddLayers);
            w.Dictionary(d.Allow, static (w, ids) => w.Strings(ids));
            w.Strings(d.Forbid);
        });
        w.NullableString(x.Note);
        WriteProvenance(w, x.Provenance);
        WriteLocation(w, x.Location);
        w.Strings(x.AnyCapability);
        w.NullableEnum(x.Status);
        w.Bool(x.WhenUnknown);
    }

    private static Rule ReadRule(SnapshotReader r) =>
        new(r.String(), r.Enum<RuleKind>(), r.NullableString(), r.Strings(), r.Optional(ReadConditionText),
            r.Optional(static r => new Derivation(ReadConstraintSet(r), r.Strings(), r.Dictionary(static r => r.Strings()), r.Strings())),
            r.NullableString(), ReadProvenance(r), ReadLocation(r))
        {
            AnyCapability = r.Strings(),
            Status = r.NullableEnum<Model.Evidence.ClaimStatus>(),
            WhenUnknown = r.Bool(),
        };

    private static void WriteTree(SnapshotWriter w, DecisionTree t)
    {
        w.String(t.Id);
        w.String(t.Name);
        WriteProvenance(w, t.Provenance);
        w.String(t.Root);
        w.Array(t.Nodes, static (w, n) =>
        {
            w.String(n.Id);
            w.NullableString(n.Question);
            w.Array(n.Branches, static (w, b) =>
            {
                w.Optional(b.When, WriteConditionText);
                w.Bool(b.Else);
                w.String(b.Next);
                WriteLocation(w, b.Location);
            });
            w.Optional(n.Outcome, WriteStack);
            w.NullableString(n.Then);
            w.NullableString(n.Note);
            WriteLocation(w, n.Location);
        });
        w.NullableString(t.Note);
        WriteLocation(w, t.Location);
    }

    private static DecisionTree ReadTree(SnapshotReader r) =>
        new(r.String(), r.String(), ReadProvenance(r), r.String(),
            r.Array(static r => new TreeNode(r.String(), r.NullableString(),
                r.Array(static r => new TreeBranch(r.Optional(ReadConditionText), r.Bool(), r.String(), ReadLocation(r))),
                r.Optional(ReadStack), r.NullableString(), r.NullableString(), ReadLocation(r))),
            r.NullableString(), ReadLocation(r));

    private static void WriteTable(SnapshotWriter w, Table t)
    {
        w.String(t.Id);
        w.String(t.Title);
        WriteProvenance(w, t.Provenance);
        w.Array(t.Columns, static (w, c) =>
        {
            w.String(c.Id);
            w.Enum(c.Type);
            w.NullableString(c.Title);
            w.NullableString(c.Criterion);
            w.NullableEnum(c.Dimension);
        });
        w.Array(t.Rows, static (w, row) =>
        {
            w.Dictionary(row.Cells, static (w, cell) =>
            {
                WriteCellValue(w, cell.Value);
                w.NullableString(cell.Note);
                WriteLocation(w, cell.Location);
            });
            WriteLocation(w, row.Location);
        });
        w.Optional(t.Evaluation, static (w, e) =>
        {
            WriteWeights(w, e.Weights);
            w.Strings(e.Priority);
            w.NullableString(e.Total);
        });
        w.Array(t.Notes, WriteStatement);
        WriteLocation(w, t.Location);
    }

    private static Table ReadTable(SnapshotReader r) =>
        new(r.String(), r.String(), ReadProvenance(r),
            r.Array(static r => new TableColumn(r.String(), r.Enum<ColumnType>(), r.NullableString(), r.NullableString(), r.NullableEnum<Model.Quantities.Dimension>())),
            r.Array(static r => new TableRow(r.Dictionary(static r => new TableCell(ReadCellValue(r), r.NullableString(), ReadLocation(r))), ReadLocation(r))),
            r.Optional(static r => new TableEvaluation(ReadWeights(r), r.Strings(), r.NullableString())),
            r.Array(ReadStatement),
            ReadLocation(r));

    private enum CellTag { Text, Number, Bool, Estimate, IdList, Stack }

    private static void WriteCellValue(SnapshotWriter w, CellValue v)
    {
        switch (v)
        {
            case TextCell x:
                w.Enum(CellTag.Text);
                w.String(x.Text);
                break;
            case NumberCell x:
                w.Enum(CellTag.Number);
                w.Double(x.Number);
                break;
            case BoolCell x:
                w.Enum(CellTag.Bool);
                w.Bool(x.Value);
                break;
            case EstimateCell x:
                w.Enum(CellTag.Estimate);
                WriteEstimate(w, x.Estimate);
                break;
            case IdListCell x:
                w.Enum(CellTag.IdList);
                w.Strings(x.Ids);
                break;
            case StackCell x:
                w.Enum(CellTag.Stack);
                WriteStack(w, x.Stack);
                break;
            default:
                throw new ArgumentException($"The snapshot has no form for a {v.GetType().Name}; add one to CatalogSnapshot.", nameof(v));
        }
    }

    private static CellValue ReadCellValue(SnapshotReader r) => r.Enum<CellTag>() switch
    {
        CellTag.Text => new TextCell(r.String()),
        CellTag.Number => new NumberCell(r.Double()),
        CellTag.Bool => new BoolCell(r.Bool()),
        CellTag.Estimate => new EstimateCell(ReadEstimate(r)),
        CellTag.IdList => new IdListCell(r.Strings()),
        _ => new StackCell(ReadStack(r)),
    };

    private static void WriteCase(SnapshotWriter w, Case c)
    {
        w.String(c.Id);
        w.String(c.Title);
        WriteProvenance(w, c.Provenance);
        w.NullableString(c.Scenario);
        WriteConstraintSet(w, c.Profile.Constraints);
        WriteWeights(w, c.Profile.Weights);
        w.Strings(c.Profile.Layers);
        w.Array(c.Options, WriteStack);
        w.Optional(c.Outcome, static (w, o) =>
        {
            WriteStack(w, o.Stack);
            WriteProvenance(w, o.Provenance);
            w.NullableString(o.Note);
        });
        w.NullableString(c.Evaluation);
        w.Array(c.Claims, WriteFact);
        w.Array(c.Notes, WriteStatement);
        WriteLocation(w, c.Location);
    }

    private static Case ReadCase(SnapshotReader r) =>
        new(r.String(), r.String(), ReadProvenance(r), r.NullableString(),
            new CaseProfile(ReadConstraintSet(r), ReadWeights(r), r.Strings()),
            r.Array(ReadStack),
            r.Optional(static r => new CaseOutcome(ReadStack(r), ReadProvenance(r), r.NullableString())),
            r.NullableString(), r.Array(ReadFact), r.Array(ReadStatement), ReadLocation(r));

    private static void WriteMigration(SnapshotWriter w, Migration m)
    {
        w.String(m.Id);
        w.Enum(m.Kind);
        w.String(m.Title);
        WriteProvenance(w, m.Provenance);
        w.Optional(m.From, WriteStack);
        w.Optional(m.To, WriteStack);
        w.Array(m.Steps, static (w, s) =>
        {
            w.String(s.Id);
            w.String(s.Text);
            w.Optional(s.When, WriteConditionText);
            WriteLocation(w, s.Location);
        });
        w.Array(m.Stages, WriteStack);
        WriteLocation(w, m.Location);
    }

    private static Migration ReadMigration(SnapshotReader r) =>
        new(r.String(), r.Enum<MigrationKind>(), r.String(), ReadProvenance(r), r.Optional(ReadStack), r.Optional(ReadStack),
            r.Array(static r => new MigrationStep(r.String(), r.String(), r.Optional(ReadConditionText), ReadLocation(r))),
            r.Array(ReadStack), ReadLocation(r));
}
