using System.Collections.Immutable;
using Strata.Catalog.Reading;
using Strata.Catalog.Yaml;
using Strata.Model.Conditions;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;
using Strata.Model.Facts;

namespace Strata.Catalog.Profiles;

/// <summary>
/// Reads measured evidence `strata measure --save` wrote and adds it to the catalogue's technologies,
/// so a decision with --evidence measured (or sourced) uses this host's figures.
/// </summary>
public static class MeasurementsLoader
{
    public static (Model.Entities.Catalog? Catalog, ImmutableArray<Diagnostic> Diagnostics) Apply(Model.Entities.Catalog catalog, string path)
    {
        var diagnostics = new List<Diagnostic>();
        if (!File.Exists(path))
        {
            return (null, [new(new(path, 1, 1), Severity.Error, DiagnosticCodes.Io, $"there is no measurements file '{path}' (write one with 'strata measure --save {path}')")]);
        }
        var root = YamlDocumentReader.Read(path, YamlFile.ReadLimited(path), YamlLimits.Default, diagnostics);
        var ctx = new ReadContext(new FileReader(path, diagnostics), catalog.Vocabulary, [], new List<ConditionText>());
        var added = new Dictionary<string, List<Fact>>(StringComparer.Ordinal);
        if (ctx.R.Map(root, "a measurements file", ["measured"]) is { } map)
        {
            foreach (var item in ctx.R.Sequence(ctx.R.Required(map, "measured", "a measurements file"), "measured") ?? [])
            {
                var entry = ctx.R.Map(item, "a measured technology", ["technology", "facts"]);
                if (entry is null)
                {
                    continue;
                }
                var techNode = ctx.R.Required(entry, "technology", "a measured technology");
                var id = ctx.R.Word(techNode, "the technology", catalog.Technologies.Select(t => t.Id).ToList());
                var facts = FactReader.Facts(ctx, ctx.R.Required(entry, "facts", "a measured technology"), $"the measurements of '{id}'");
                if (id is not null)
                {
                    if (facts.Any(f => f.Provenance is not Model.Evidence.Measurement))
                    {
                        ctx.R.Error(entry.Node, DiagnosticCodes.Inconsistent, "a measurements file holds only facts with 'measured' provenance");
                    }
                    // Measured on the host being decided for: these are the figures 'measured here' ranks first.
                    (added.TryGetValue(id, out var list) ? list : added[id] = []).AddRange(
                        facts.Select(f => f.Provenance is Model.Evidence.Measurement m ? f with { Provenance = m with { Here = true } } : f));
                }
            }
        }
        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return (null, [.. diagnostics]);
        }
        // Measurements come first among a technology's facts, so they win ties within their provenance.
        var technologies = catalog.Technologies.Select(t => added.TryGetValue(t.Id, out var f) ? t with { Facts = [.. f, .. t.Facts] } : t).ToImmutableArray();
        return (catalog with { Technologies = technologies }, [.. diagnostics]);
    }
}
