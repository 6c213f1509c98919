using System.Collections.Immutable;
using Strata.Model.Conditions;
using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Facts;
using Strata.Model.Quantities;

namespace Strata.Catalog.Snapshot;

// The values entities are made of: quantities, estimates, provenance, facts, conditions, constraints, stacks.
public static partial class CatalogSnapshot
{
    private static void WriteQuantity(SnapshotWriter w, Quantity q)
    {
        w.Double(q.Magnitude);
        w.String(q.Unit.Symbol);
    }

    private static Quantity ReadQuantity(SnapshotReader r)
    {
        var magnitude = r.Double();
        var symbol = r.String();
        return Unit.TryGet(symbol, out var unit)
            ? Quantity.Create(magnitude, unit)
            : throw new InvalidDataException($"The catalogue snapshot has the unit '{symbol}', which this build does not know.");
    }

    private static void WriteEstimate(SnapshotWriter w, Estimate e)
    {
        w.Enum(e.Form);
        switch (e.Form)
        {
            case EstimateForm.Point or EstimateForm.Approximate:
                WriteQuantity(w, e.Low!.Value);
                break;
            case EstimateForm.Range:
                WriteQuantity(w, e.Low!.Value);
                WriteQuantity(w, e.High!.Value);
                break;
            case EstimateForm.Bound:
                w.Enum(e.Bound!.Value);
                WriteQuantity(w, (e.Low ?? e.High)!.Value);
                break;
            default:
                w.Dictionary(e.Percentiles, WriteQuantity);
                break;
        }
    }

    // Through the factories, which work out the interval (and check it) as they do for the YAML reader.
    private static Estimate ReadEstimate(SnapshotReader r) => r.Enum<EstimateForm>() switch
    {
        EstimateForm.Point => Estimate.Point(ReadQuantity(r)),
        EstimateForm.Approximate => Estimate.Approximately(ReadQuantity(r)),
        EstimateForm.Range => Estimate.Between(ReadQuantity(r), ReadQuantity(r)),
        EstimateForm.Bound => Estimate.Bounded(r.Enum<BoundOperator>(), ReadQuantity(r)),
        _ => Estimate.FromPercentiles(r.Dictionary(ReadQuantity)),
    };

    private enum ProvenanceTag { Seed, Source, Measurement, Combined, Composed }

    private static void WriteProvenance(SnapshotWriter w, Provenance p)
    {
        switch (p)
        {
            case SeedReference s:
                w.Enum(ProvenanceTag.Seed);
                w.String(s.SeedId);
                w.String(s.Section);
                break;
            case SourceReference s:
                w.Enum(ProvenanceTag.Source);
                w.String(s.Url.OriginalString);
                w.NullableString(s.Conditions);
                w.Enum(s.Grade);
                break;
            case Measurement m:
                w.Enum(ProvenanceTag.Measurement);
                w.String(m.Host);
                w.String(m.Tool);
                w.NullableString(m.Date);
                w.NullableInt(m.Runs);
                w.Bool(m.Here);
                break;
            case CombinedProvenance c:
                w.Enum(ProvenanceTag.Combined);
                w.String(c.How);
                w.Array(c.Parts, WriteFact);
                break;
            case ComposedProvenance c:
                w.Enum(ProvenanceTag.Composed);
                w.String(c.Scope);
                w.Array(c.Parts, static (w, part) =>
                {
                    w.String(part.Label);
                    w.String(part.Technology);
                    WriteFact(w, part.Fact);
                });
                break;
            default:
                throw new ArgumentException($"The snapshot has no form for a {p.GetType().Name}; add one to CatalogSnapshot.", nameof(p));
        }
    }

    private static Provenance ReadProvenance(SnapshotReader r) => r.Enum<ProvenanceTag>() switch
    {
        ProvenanceTag.Seed => new SeedReference(r.String(), r.String()),
        ProvenanceTag.Source => new SourceReference(new Uri(r.String(), UriKind.RelativeOrAbsolute), r.NullableString(), r.Enum<SourceGrade>()),
        ProvenanceTag.Measurement => new Measurement(r.String(), r.String(), r.NullableString(), r.NullableInt()) { Here = r.Bool() },
        ProvenanceTag.Combined => new CombinedProvenance(r.String(), r.Array(ReadFact)),
        _ => new ComposedProvenance(r.String(), r.Array(static r => new ComposedPart(r.String(), r.String(), ReadFact(r)))),
    };

    private static void WriteFact(SnapshotWriter w, Fact f)
    {
        w.String(f.Name);
        WriteFactValue(w, f.Value);
        WriteProvenance(w, f.Provenance);
        w.NullableString(f.Measures);
        w.NullableEnum(f.Status);
        w.NullableString(f.AsOf);
        w.NullableString(f.Note);
        w.Optional(f.Location, WriteLocation);
        w.NullableString(f.Via);
        w.Optional(f.HoldsWhen, WriteConditionText);
        w.Bool(f.Representative);
        w.NullableString(f.Since);
    }

    private static Fact ReadFact(SnapshotReader r) =>
        new(r.String(), ReadFactValue(r), ReadProvenance(r), r.NullableString(), r.NullableEnum<ClaimStatus>(), r.NullableString(), r.NullableString(), r.OptionalValue(ReadLocation))
        {
            Via = r.NullableString(),
            HoldsWhen = r.Optional(ReadConditionText),
            Representative = r.Bool(),
            Since = r.NullableString(),
        };

    private enum FactValueTag { Estimate, Word, WordSet, Bool, Stars, Text, Unknown }

    private static void WriteFactValue(SnapshotWriter w, FactValue v)
    {
        switch (v)
        {
            case EstimateValue e:
                w.Enum(FactValueTag.Estimate);
                WriteEstimate(w, e.Estimate);
                break;
            case WordValue x:
                w.Enum(FactValueTag.Word);
                w.String(x.Word);
                break;
            case WordSetValue x:
                w.Enum(FactValueTag.WordSet);
                w.Strings(x.Words);
                break;
            case BoolValue x:
                w.Enum(FactValueTag.Bool);
                w.Bool(x.Value);
                break;
            case StarsValue x:
                w.Enum(FactValueTag.Stars);
                w.Int(x.Stars);
                break;
            case TextValue x:
                w.Enum(FactValueTag.Text);
                w.String(x.Text);
                break;
            case UnknownValue:
                w.Enum(FactValueTag.Unknown);
                break;
            default:
                throw new ArgumentException($"The snapshot has no form for a {v.GetType().Name}; add one to CatalogSnapshot.", nameof(v));
        }
    }

    private static FactValue ReadFactValue(SnapshotReader r) => r.Enum<FactValueTag>() switch
    {
        FactValueTag.Estimate => new EstimateValue(ReadEstimate(r)),
        FactValueTag.Word => new WordValue(r.String()),
        FactValueTag.WordSet => new WordSetValue(r.Strings()),
        FactValueTag.Bool => new BoolValue(r.Bool()),
        FactValueTag.Stars => new StarsValue(r.Int()),
        FactValueTag.Text => new TextValue(r.String()),
        _ => UnknownValue.Instance,
    };

    private static void WriteStatement(SnapshotWriter w, Statement s)
    {
        w.String(s.Text);
        WriteProvenance(w, s.Provenance);
        w.NullableEnum(s.Status);
        w.NullableString(s.Note);
    }

    private static Statement ReadStatement(SnapshotReader r) => new(r.String(), ReadProvenance(r), r.NullableEnum<ClaimStatus>(), r.NullableString());

    private static void WriteSourced<T>(SnapshotWriter w, Sourced<T> s, Action<SnapshotWriter, T> write)
    {
        write(w, s.Value);
        WriteProvenance(w, s.Provenance);
        w.NullableEnum(s.Status);
        w.NullableString(s.Note);
    }

    private static Sourced<T> ReadSourced<T>(SnapshotReader r, Func<SnapshotReader, T> read) =>
        new(read(r), ReadProvenance(r), r.NullableEnum<ClaimStatus>(), r.NullableString());

    private static void WriteConditionText(SnapshotWriter w, ConditionText c)
    {
        w.String(c.Text);
        WriteCondition(w, c.Condition);
        WriteLocation(w, c.Location);
    }

    private static ConditionText ReadConditionText(SnapshotReader r) => new(r.String(), ReadCondition(r), ReadLocation(r));

    private enum ConditionTag { And, Or, Not, Reference, Compare, In, Contains }

    private static void WriteCondition(SnapshotWriter w, Condition c)
    {
        switch (c)
        {
            case AndCondition x:
                w.Enum(ConditionTag.And);
                WriteCondition(w, x.Left);
                WriteCondition(w, x.Right);
                break;
            case OrCondition x:
                w.Enum(ConditionTag.Or);
                WriteCondition(w, x.Left);
                WriteCondition(w, x.Right);
                break;
            case NotCondition x:
                w.Enum(ConditionTag.Not);
                WriteCondition(w, x.Inner);
                break;
            case ReferenceCondition x:
                w.Enum(ConditionTag.Reference);
                WriteIdentifier(w, x.Name);
                break;
            case CompareCondition x:
                w.Enum(ConditionTag.Compare);
                WriteIdentifier(w, x.Field);
                w.Enum(x.Operator);
                WriteLiteral(w, x.Value);
                break;
            case InCondition x:
                w.Enum(ConditionTag.In);
                WriteIdentifier(w, x.Field);
                w.Array(x.Values, WriteLiteral);
                break;
            case ContainsCondition x:
                w.Enum(ConditionTag.Contains);
                WriteIdentifier(w, x.Field);
                WriteLiteral(w, x.Value);
                break;
            default:
                throw new ArgumentException($"The snapshot has no form for a {c.GetType().Name}; add one to CatalogSnapshot.", nameof(c));
        }
        w.Int(c.Offset);
    }

    private static Condition ReadCondition(SnapshotReader r)
    {
        Condition c = r.Enum<ConditionTag>() switch
        {
            ConditionTag.And => new AndCondition(ReadCondition(r), ReadCondition(r)),
            ConditionTag.Or => new OrCondition(ReadCondition(r), ReadCondition(r)),
            ConditionTag.Not => new NotCondition(ReadCondition(r)),
            ConditionTag.Reference => new ReferenceCondition(ReadIdentifier(r)),
            ConditionTag.Compare => new CompareCondition(ReadIdentifier(r), r.Enum<CompareOperator>(), ReadLiteral(r)),
            ConditionTag.In => new InCondition(ReadIdentifier(r), r.Array(ReadLiteral)),
            _ => new ContainsCondition(ReadIdentifier(r), ReadLiteral(r)),
        };
        return c with { Offset = r.Int() };
    }

    private static void WriteIdentifier(SnapshotWriter w, Identifier i)
    {
        w.String(i.Name);
        w.Int(i.Offset);
    }

    private static Identifier ReadIdentifier(SnapshotReader r) => new(r.String(), r.Int());

    private static void WriteLiteral(SnapshotWriter w, Literal l)
    {
        w.String(l.Text);
        w.Int(l.Offset);
        w.Optional(l.Quantity, WriteQuantity);
        w.NullableBool(l.Bool);
    }

    private static Literal ReadLiteral(SnapshotReader r) => new(r.String(), r.Int(), r.OptionalValue(ReadQuantity), r.NullableBool());

    private enum ConstraintTag { Bool, Word, WordSet, Quantity, Isolation }

    private static void WriteConstraintSet(SnapshotWriter w, ConstraintSet s) => w.Dictionary(s.Values, WriteConstraintValue);

    private static ConstraintSet ReadConstraintSet(SnapshotReader r) => new(r.Dictionary(ReadConstraintValue));

    private static void WriteConstraintValue(SnapshotWriter w, ConstraintValue v)
    {
        switch (v)
        {
            case BoolConstraint x:
                w.Enum(ConstraintTag.Bool);
                w.Bool(x.Value);
                break;
            case WordConstraint x:
                w.Enum(ConstraintTag.Word);
                w.String(x.Word);
                break;
            case WordSetConstraint x:
                w.Enum(ConstraintTag.WordSet);
                w.Strings(x.Words);
                break;
            case QuantityConstraint x:
                w.Enum(ConstraintTag.Quantity);
                WriteEstimate(w, x.Estimate);
                w.NullableString(x.Scope);
                break;
            case IsolationConstraint x:
                w.Enum(ConstraintTag.Isolation);
                w.Optional(x.Requirement, static (w, q) =>
                {
                    w.Enum(q.Operator);
                    w.String(q.Class);
                });
                w.Array(x.AnyOf, static (w, g) => w.Strings(g));
                break;
            default:
                throw new ArgumentException($"The snapshot has no form for a {v.GetType().Name}; add one to CatalogSnapshot.", nameof(v));
        }
    }

    private static ConstraintValue ReadConstraintValue(SnapshotReader r) => r.Enum<ConstraintTag>() switch
    {
        ConstraintTag.Bool => new BoolConstraint(r.Bool()),
        ConstraintTag.Word => new WordConstraint(r.String()),
        ConstraintTag.WordSet => new WordSetConstraint(r.Strings()),
        ConstraintTag.Quantity => new QuantityConstraint(ReadEstimate(r)) { Scope = r.NullableString() },
        _ => new IsolationConstraint(r.Optional(static r => new IsolationRequirement(r.Enum<CompareOperator>(), r.String())))
        {
            AnyOf = r.Array(static r => r.Strings()),
        },
    };

    private static void WriteStack(SnapshotWriter w, Stack s) => w.Dictionary(s.Layers, static (w, ids) => w.Strings(ids));

    private static Stack ReadStack(SnapshotReader r) => new(r.Dictionary(static r => r.Strings()));

    private static void WriteDoubles(SnapshotWriter w, ImmutableArray<double> values) => w.Array(values, static (w, d) => w.Double(d));

    private static ImmutableArray<double> ReadDoubles(SnapshotReader r) => r.Array(static r => r.Double());

    private static void WriteWeights(SnapshotWriter w, ImmutableSortedDictionary<string, double> weights) => w.Dictionary(weights, static (w, d) => w.Double(d));

    private static ImmutableSortedDictionary<string, double> ReadWeights(SnapshotReader r) => r.Dictionary(static r => r.Double());
}
