using Strata.Model.Entities;

namespace Strata.Catalog.Snapshot;

// The vocabulary: seeds, word lists, fact kinds, constraints, scopes, capabilities, isolation boundaries.
public static partial class CatalogSnapshot
{
    private static void WriteVocabulary(SnapshotWriter w, Vocabulary v)
    {
        w.Array(v.Seeds, static (w, s) =>
        {
            w.String(s.Id);
            w.String(s.File);
            w.String(s.Title);
        });
        w.Strings(v.IsolationOrder);
        WriteProvenance(w, v.IsolationProvenance);
        w.Dictionary(v.WordLists, static (w, words) => w.Strings(words));
        w.Dictionary(v.Measures, static (w, s) => w.String(s));
        w.Dictionary(v.FactKinds, static (w, k) =>
        {
            w.String(k.Name);
            w.Enum(k.Type);
            w.String(k.Summary);
            w.NullableString(k.WordList);
            w.NullableEnum(k.Dimension);
            w.Strings(k.Measures);
        });
        w.Dictionary(v.Constraints, WriteConstraintDefinition);
        w.Dictionary(v.Scopes, WriteScope);
        w.Dictionary(v.Capabilities, static (w, c) =>
        {
            w.String(c.Id);
            w.String(c.Layer);
            w.String(c.Summary);
            w.Strings(c.Synonyms);
            WriteLocation(w, c.Location);
            w.Bool(c.ChoiceOnly);
        });
        w.Dictionary(v.IsolationBoundaries, static (w, b) =>
        {
            w.String(b.Id);
            w.String(b.Summary);
            w.Double(b.Strength);
        });
        w.Dictionary(v.MeasureBounds, static (w, b) => w.Enum(b));
    }

    private static Vocabulary ReadVocabulary(SnapshotReader r) =>
        new(r.Array(static r => new SeedDocument(r.String(), r.String(), r.String())),
            r.Strings(),
            ReadProvenance(r),
            r.Dictionary(static r => r.Strings()),
            r.Dictionary(static r => r.String()),
            r.Dictionary(static r => new FactKind(r.String(), r.Enum<FactType>(), r.String(), r.NullableString(), r.NullableEnum<Model.Quantities.Dimension>(), r.Strings())),
            r.Dictionary(ReadConstraintDefinition))
        {
            Scopes = r.Dictionary(ReadScope),
            Capabilities = r.Dictionary(static r => new CapabilityDefinition(r.String(), r.String(), r.String(), r.Strings(), ReadLocation(r)) { ChoiceOnly = r.Bool() }),
            IsolationBoundaries = r.Dictionary(static r => new IsolationBoundary(r.String(), r.String(), r.Double())),
            MeasureBounds = r.Dictionary(static r => r.Enum<Model.Quantities.BoundOperator>()),
        };

    private static void WriteConstraintDefinition(SnapshotWriter w, ConstraintDefinition c)
    {
        w.String(c.Field);
        w.String(c.Fact);
        w.Strings(c.Layers);
        w.Enum(c.Compare);
        w.Strings(c.Measures);
        w.Strings(c.Order);
        w.String(c.Summary);
        WriteLocation(w, c.Location);
        w.Array(c.Scopes, static (w, s) =>
        {
            w.Optional(s.When, WriteConditionText);
            w.String(s.Scope);
        });
    }

    private static ConstraintDefinition ReadConstraintDefinition(SnapshotReader r) =>
        new(r.String(), r.String(), r.Strings(), r.Enum<CompareMode>(), r.Strings(), r.Strings(), r.String(), ReadLocation(r))
        {
            Scopes = r.Array(static r => new ScopeChoice(r.Optional(ReadConditionText), r.String())),
        };

    private static void WriteScope(SnapshotWriter w, ScopeDefinition s)
    {
        w.String(s.Id);
        w.NullableString(s.Alias);
        w.String(s.Name);
        w.String(s.Fact);
        w.String(s.Summary);
        w.Array(s.Ways, static (w, way) =>
        {
            w.NullableString(way.Note);
            w.Array(way.Parts, static (w, p) =>
            {
                w.String(p.Label);
                w.String(p.Layer);
                w.Strings(p.Measures);
                w.Bool(p.Optional);
                w.Bool(p.UnlessBundled);
                w.Bool(p.ChoiceOnly);
                w.Strings(p.Layers);
            });
        });
        WriteLocation(w, s.Location);
        w.Optional(s.Best, WriteQuantity);
        w.Optional(s.Worst, WriteQuantity);
    }

    private static ScopeDefinition ReadScope(SnapshotReader r) =>
        new(r.String(), r.NullableString(), r.String(), r.String(), r.String(),
            r.Array(static r => new ScopeWay(r.NullableString(),
                r.Array(static r => new ScopePart(r.String(), r.String(), r.Strings(), r.Bool(), r.Bool(), r.Bool()) { Layers = r.Strings() }))),
            ReadLocation(r))
        {
            Best = r.OptionalValue(ReadQuantity),
            Worst = r.OptionalValue(ReadQuantity),
        };
}
