using Strata.Engine.Evidence;
using System.Collections.Immutable;
using Strata.Application.Requests;
using Strata.Application.Results;
using Strata.Catalog.Synthetic;

namespace Strata.Application;

// The catalogue itself: check it, list and show what it holds, write a synthetic one.
public sealed partial class StrataApplication
{
    /// <summary>The catalogue checked, with every diagnostic (warnings too). Bad input when it has errors; the validation is there either way.</summary>
    public Outcome<CatalogValidation> Validate(CatalogLocation location)
    {
        if (NoSuchDirectory(location) is { } missing)
        {
            return Outcome.BadInput<CatalogValidation>(RequestPart.Catalogue, missing);
        }
        var result = Catalogs.Get(location);
        var validation = new CatalogValidation(location.Name, result);
        return result.Success
            ? Outcome.Success(validation, result.Diagnostics)
            : new Outcome<CatalogValidation>(OutcomeKind.BadInput, validation, result.Diagnostics, [CatalogueSummary(result, location)]) { Failed = RequestPart.Catalogue };
    }

    /// <summary>The catalogue's technologies, or those of one layer.</summary>
    public Outcome<TechnologyList> ListTechnologies(CatalogLocation location, string? layer = null)
    {
        var catalogue = LoadCatalog(location);
        if (catalogue.Value is not { } catalog)
        {
            return catalogue.As<TechnologyList>();
        }
        if (layer is not null && catalog.Layer(layer) is null)
        {
            return Outcome.BadInput<TechnologyList>(RequestPart.Request, new Problem(ProblemCodes.UnknownLayer,
                Messages.UnknownLayer(layer, catalog.Layers.Select(l => l.Id), catalog.OrderedLayers.Select(l => l.Id))));
        }
        return Outcome.Success(new TechnologyList(catalog, [.. catalog.Technologies.Where(t => layer is null || t.Layer == layer)]));
    }

    /// <summary>
    /// Per layer profiles decide, which technologies have a figure for each criterion term that reads the layer,
    /// which have an explicit "unknown" and which have nothing; <paramref name="required"/> (0..1) makes a layer
    /// below that share of figures a domain "no".
    /// </summary>
    public Outcome<CatalogCoverage> Coverage(CatalogLocation location, string? layer = null, string evidence = "sourced", double? required = null)
    {
        if (UnknownEvidence(evidence) is { } unknown)
        {
            return Outcome.BadInput<CatalogCoverage>(RequestPart.Request, unknown);
        }
        if (required is < 0 or > 1 || required is double.NaN)
        {
            return Outcome.BadInput<CatalogCoverage>(RequestPart.Request, new Problem(ProblemCodes.OutOfRange, Messages.RequiredShare(required.Value)));
        }
        var catalogue = LoadCatalog(location);
        if (catalogue.Value is not { } catalog)
        {
            return catalogue.As<CatalogCoverage>();
        }
        if (layer is not null && catalog.Layer(layer) is null)
        {
            return Outcome.BadInput<CatalogCoverage>(RequestPart.Request, new Problem(ProblemCodes.UnknownLayer,
                Messages.UnknownLayer(layer, catalog.Layers.Select(l => l.Id), catalog.OrderedLayers.Select(l => l.Id))));
        }
        var coverage = new CatalogCoverage(catalog, Engine.Coverage.DataCoverage.Compute(catalog, FactSelector.For(evidence), layer), required);
        return Outcome.Answer(coverage, !coverage.BelowRequired.Any());
    }

    /// <summary>The capability vocabulary, each capability with the technologies of its layer that have it, lack it or do not say.</summary>
    public Outcome<CapabilityTable> Capabilities(CatalogLocation location, string? layer = null)
    {
        var catalogue = LoadCatalog(location);
        if (catalogue.Value is not { } catalog)
        {
            return catalogue.As<CapabilityTable>();
        }
        if (layer is not null && catalog.Layer(layer) is null)
        {
            return Outcome.BadInput<CapabilityTable>(RequestPart.Request, new Problem(ProblemCodes.UnknownLayer,
                Messages.UnknownLayer(layer, catalog.Layers.Select(l => l.Id), catalog.OrderedLayers.Select(l => l.Id))));
        }
        var index = new Engine.Capabilities.CapabilityIndex(catalog, FactSelector.Sourced);
        var order = catalog.OrderedLayers.Select(l => l.Id).ToList();
        var rows = catalog.Vocabulary.Capabilities.Values
            .Where(c => layer is null || c.Layer == layer)
            .OrderBy(c => order.IndexOf(c.Layer) is var i && i < 0 ? int.MaxValue : i).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c =>
            {
                var techs = catalog.Technologies.Where(t => t.Layer == c.Layer).Select(t => t.Id).Order(StringComparer.Ordinal).ToList();
                var with = techs.Where(t => index.Has(t, c.Id) != true).SelectMany(t => index.ViaFor(t, c.Id).Select(v => (t, v))).ToImmutableArray();
                return new CapabilityRow(c,
                    [.. techs.Where(t => index.Has(t, c.Id) == true)],
                    with,
                    [.. techs.Where(t => index.Has(t, c.Id) == false && with.All(w => w.t != t))],
                    [.. techs.Where(t => index.Has(t, c.Id) is null && with.All(w => w.t != t))]);
            })
            .ToImmutableArray();
        return Outcome.Success(new CapabilityTable(catalog, rows));
    }

    /// <summary>One technology: every fact with its provenance.</summary>
    public Outcome<TechnologyDetail> ShowTechnology(CatalogLocation location, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var catalogue = LoadCatalog(location);
        if (catalogue.Value is not { } catalog)
        {
            return catalogue.As<TechnologyDetail>();
        }
        return catalog.Technology(id) is { } technology
            ? Outcome.Success(new TechnologyDetail(catalog, technology))
            : Outcome.BadInput<TechnologyDetail>(RequestPart.Request,
                new Problem(ProblemCodes.UnknownTechnology, Messages.UnknownTechnology(id, catalog.Technologies.Select(t => t.Id))));
    }

    /// <summary>A synthetic catalogue of <paramref name="technologies"/> technologies for scale tests, written into a new or empty directory.</summary>
    public Outcome<SyntheticCatalogWritten> WriteSyntheticCatalog(string path, int technologies, int seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            return Outcome.BadInput<SyntheticCatalogWritten>(RequestPart.Request, new Problem(ProblemCodes.NotEmpty, Messages.NotEmpty(path)));
        }
        var rules = SyntheticCatalog.Write(path, technologies, seed);
        return Outcome.Success(new SyntheticCatalogWritten(path, technologies, rules, seed));
    }
}
