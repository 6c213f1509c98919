using System.Text.Json;
using Strata.Catalog.Loading;
using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Facts;
using Strata.Model.Quantities;
using Strata.Rendering.Text;

namespace Strata.Rendering.Json;

/// <summary>The catalogue commands' JSON. Field names are a contract: add freely, never rename.</summary>
public static class CatalogJson
{
    public static void WriteValidation(TextWriter w, CatalogLoadResult result, string source) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("source", source);
        j.WriteBoolean("valid", result.Success);
        j.WriteNumber("files", result.FileCount);
        if (result.Catalog is { } c)
        {
            WriteCatalogRef(j, c);
            j.WriteStartObject("counts");
            foreach (var (name, n) in Counts(c))
            {
                j.WriteNumber(name, n);
            }
            j.WriteEndObject();
        }
        j.WriteObjects("diagnostics", result.Diagnostics, d =>
        {
            j.WriteString("severity", d.Severity == Model.Diagnostics.Severity.Error ? "error" : "warning");
            j.WriteString("code", d.Code);
            j.WriteString("file", d.Location.File);
            j.WriteNumber("line", d.Location.Line);
            j.WriteNumber("column", d.Location.Column);
            j.WriteString("message", d.Message);
        });
        j.WriteEndObject();
    });

    public static IEnumerable<(string Name, int Count)> Counts(Model.Entities.Catalog c) =>
    [
        ("layers", c.Layers.Length), ("criteria", c.Criteria.Length), ("technologies", c.Technologies.Length),
        ("scenarios", c.Scenarios.Length), ("predicates", c.Predicates.Length), ("rules", c.Rules.Length),
        ("trees", c.Trees.Length), ("tables", c.Tables.Length), ("cases", c.Cases.Length), ("migrations", c.Migrations.Length),
        ("facts", c.Technologies.Sum(t => t.Facts.Length)),
    ];

    private static void WriteCatalogRef(Utf8JsonWriter j, Model.Entities.Catalog c)
    {
        j.WriteStartObject("catalog");
        j.WriteString("name", c.Manifest.Name);
        j.WriteString("version", c.Manifest.Version);
        j.WriteString("digest", c.Digest);
        j.WriteEndObject();
    }

    /// <summary>A top-level array, one item per technology: <c>jq '.[] | .id'</c> works.</summary>
    public static void WriteList(TextWriter w, Model.Entities.Catalog c, IEnumerable<Technology> items) => Json.Write(w, j =>
    {
        j.WriteStartArray();
        foreach (var t in items)
        {
            j.WriteStartObject();
            j.WriteString("id", t.Id);
            j.WriteString("name", t.Name);
            j.WriteString("layer", t.Layer);
            j.WriteBoolean("core", c.Layer(t.Layer)?.Core ?? false);
            if (t.FactsNamed("isolation").FirstOrDefault()?.Value is WordValue iso)
            {
                j.WriteString("isolation", iso.Word);
            }
            j.WriteString("summary", t.Summary);
            j.WriteNumber("facts", t.Facts.Length);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    });

    public static void WriteTechnology(TextWriter w, Model.Entities.Catalog c, Technology t) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("id", t.Id);
        j.WriteString("name", t.Name);
        j.WriteString("layer", t.Layer);
        j.WriteString("summary", t.Summary);
        if (t.Homepage is { } h)
        {
            j.WriteString("homepage", h.ToString());
        }
        j.WriteStrings("aliases", t.Aliases);
        if (t.Tool is { } tool)
        {
            j.WriteString("tool", tool);
        }
        WriteCatalogRef(j, c);
        j.WriteStartArray("facts");
        foreach (var f in t.Facts)
        {
            WriteFact(j, f);
        }
        j.WriteEndArray();
        WriteStatements(j, "pros", t.Pros);
        WriteStatements(j, "cons", t.Cons);
        j.WriteEndObject();
    });

    /// <summary>`strata catalog coverage -o json`: the per-layer summary and every cell.</summary>
    public static void WriteCoverage(TextWriter w, Model.Entities.Catalog catalog, Engine.Coverage.CoverageReport report, double? required) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("catalog", catalog.Manifest.Name);
        j.WriteString("version", catalog.Manifest.Version);
        j.WriteString("evidence", report.Evidence);
        if (required is { } r)
        {
            j.WriteNumber("required", r);
        }
        j.WriteObjects("layers", report.Layers, l =>
        {
            j.WriteString("layer", l.Layer);
            j.WriteNumber("cells", l.Cells);
            j.WriteNumber("figures", l.Figures);
            j.WriteNumber("unknown", l.Unknown);
            j.WriteNumber("nothing", l.Nothing);
            j.WriteNumber("share", DecisionJson.Round(l.Share));
            if (required is { } req)
            {
                j.WriteBoolean("meets_required", l.Share >= req - 1e-9);
            }
        });
        j.WriteObjects("cells", report.Cells, c =>
        {
            j.WriteString("layer", c.Layer);
            j.WriteString("criterion", c.Criterion);
            j.WriteString("term", c.Term);
            j.WriteString("technology", c.Technology);
            j.WriteString("status", c.Status.ToString().ToLowerInvariant());
            if (c.Value is { } v)
            {
                j.WriteString("value", v);
            }
            if (c.Why is { } why)
            {
                j.WriteString("why", why);
            }
        });
        j.WriteEndObject();
    });

    /// <summary>`strata catalog capabilities -o json`.</summary>
    public static void WriteCapabilities(TextWriter w, Model.Entities.Catalog catalog, IEnumerable<(Model.Entities.CapabilityDefinition Definition, IReadOnlyList<string> Have, IReadOnlyList<(string Technology, string With)> HaveWith, IReadOnlyList<string> Lack, IReadOnlyList<string> Unknown)> rows) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("catalog", catalog.Manifest.Name);
        j.WriteString("version", catalog.Manifest.Version);
        j.WriteObjects("capabilities", rows, r =>
        {
            j.WriteString("id", r.Definition.Id);
            j.WriteString("layer", r.Definition.Layer);
            j.WriteString("summary", r.Definition.Summary);
            j.WriteStrings("synonyms", r.Definition.Synonyms);
            j.WriteStrings("have", r.Have);
            j.WriteObjects("have_with", r.HaveWith, x =>
            {
                j.WriteString("technology", x.Technology);
                j.WriteString("with", x.With);
            });
            j.WriteStrings("lack", r.Lack);
            j.WriteStrings("unknown", r.Unknown);
        });
        j.WriteEndObject();
    });

    public static void WriteFact(Utf8JsonWriter j, Fact f)
    {
        j.WriteStartObject();
        j.WriteString("name", f.Name);
        j.WriteString("value", f.Value.Display());
        switch (f.Value)
        {
            case EstimateValue e:
                WriteEstimate(j, e.Estimate);
                break;
            case WordSetValue ws:
                j.WriteStrings("values", ws.Words);
                break;
            case BoolValue b:
                j.WriteBoolean("bool", b.Value);
                break;
            case StarsValue s:
                j.WriteNumber("stars", s.Stars);
                break;
        }
        if (f.Measures is { } m)
        {
            j.WriteString("measures", m);
        }
        if (f.AsOf is { } asOf)
        {
            j.WriteString("as_of", asOf);
        }
        if (f.Since is { } since)
        {
            j.WriteString("since", since);
        }
        if (f.IsUnknown)
        {
            j.WriteBoolean("unknown", true);
        }
        if (f.Via is { } via)
        {
            j.WriteString("via", via);
        }
        if (f.HoldsWhen is { } when)
        {
            j.WriteString("holds_when", when.Text);
        }
        if (!f.Representative)
        {
            j.WriteBoolean("representative", false);
        }
        WriteProvenance(j, f.Provenance);
        if (f.Status is { } status)
        {
            j.WriteString("status", DecisionText.Status(status));
        }
        if (f.Note is { } note)
        {
            j.WriteString("note", note);
        }
        j.WriteEndObject();
    }

    /// <summary>The interval in base units (seconds, bytes, count, per second, fraction, cores), for scripts.</summary>
    private static void WriteEstimate(Utf8JsonWriter j, Estimate e)
    {
        j.WriteStartObject("estimate");
        j.WriteString("form", e.Form.ToString().ToLowerInvariant());
        j.WriteString("dimension", e.Dimension.Name());
        j.WriteString("base_unit", BaseUnit(e.Dimension));
        if (e.Low is { } low)
        {
            j.WriteNumber("low", low.BaseValue);
        }
        if (e.High is { } high)
        {
            j.WriteNumber("high", high.BaseValue);
        }
        if (e.Bound is { } b)
        {
            j.WriteString("bound", b switch
            {
                BoundOperator.Less => "<",
                BoundOperator.LessOrEqual => "<=",
                BoundOperator.Greater => ">",
                _ => ">=",
            });
        }
        if (e.Form == EstimateForm.Percentiles)
        {
            j.WriteStartObject("percentiles");
            foreach (var (k, q) in e.Percentiles)
            {
                j.WriteNumber(k, q.BaseValue);
            }
            j.WriteEndObject();
        }
        j.WriteEndObject();
    }

    private static string BaseUnit(Dimension d) => d switch
    {
        Dimension.Duration => "s",
        Dimension.Size => "B",
        Dimension.Rate => "/s",
        Dimension.Ratio => "fraction",
        Dimension.Cpu => "cores",
        _ => "1",
    };

    public static void WriteProvenance(Utf8JsonWriter j, Provenance p)
    {
        j.WriteStartObject("provenance");
        j.WriteString("kind", p.Kind);
        j.WriteString("cite", p.Cite());
        switch (p)
        {
            case SeedReference s:
                j.WriteString("seed", s.SeedId);
                j.WriteString("section", s.Section);
                break;
            case SourceReference s:
                j.WriteString("url", s.Url.ToString());
                if (s.Conditions is { } cond)
                {
                    j.WriteString("conditions", cond);
                }
                j.WriteString("grade", s.Grade.ToString().ToLowerInvariant());
                break;
            case Measurement m:
                j.WriteString("host", m.Host);
                j.WriteString("tool", m.Tool);
                if (m.Date is { } d)
                {
                    j.WriteString("date", d);
                }
                if (m.Runs is { } r)
                {
                    j.WriteNumber("runs", r);
                }
                j.WriteBoolean("this_host", m.Here);
                break;
            case CombinedProvenance c:
                j.WriteString("how", c.How);
                j.WriteStartArray("parts");
                foreach (var part in c.Parts)
                {
                    WriteFact(j, part);
                }
                j.WriteEndArray();
                break;
            case ComposedProvenance c:
                j.WriteString("scope", c.Scope);
                j.WriteObjects("parts", c.Parts, part =>
                {
                    j.WriteString("label", part.Label);
                    j.WriteString("technology", part.Technology);
                    j.WritePropertyName("fact");
                    WriteFact(j, part.Fact);
                });
                break;
        }
        j.WriteEndObject();
    }

    private static void WriteStatements(Utf8JsonWriter j, string name, IEnumerable<Statement> statements)
    {
        j.WriteStartArray(name);
        foreach (var s in statements)
        {
            j.WriteStartObject();
            j.WriteString("text", s.Text);
            WriteProvenance(j, s.Provenance);
            if (s.Status is { } st)
            {
                j.WriteString("status", DecisionText.Status(st));
            }
            if (s.Note is { } n)
            {
                j.WriteString("note", n);
            }
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }
}
