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
