using System.Collections.Immutable;
using System.Globalization;
using Strata.Application.Requests;
using Strata.Catalog.Profiles;
using Strata.Engine;
using Strata.Engine.Evidence;
using Strata.Engine.Scoring;
using Strata.Host.Probe;
using Strata.Model.Conditions;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;

namespace Strata.Application;

/// <summary>
/// The one way in. Every way of asking Strata something — a CLI command, an HTTP request, a fleet's node
/// class — calls one of these methods with a request and gets an <see cref="Outcome{T}"/>: the decision or
/// analysis as data, or diagnostics. Nothing here writes to a console or formats text for people (except
/// the sentences of diagnostics and problems); rendering is the caller's separate step.
/// Safe to share between threads: catalogues are cached immutably, and each request gets its own engine.
/// </summary>
public sealed partial class StrataApplication
{
    public StrataApplication()
        : this(new CatalogCache(), TimeProvider.System)
    {
    }

    public StrataApplication(CatalogCache catalogs, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(catalogs);
        ArgumentNullException.ThrowIfNull(clock);
        Catalogs = catalogs;
        Clock = clock;
    }

    /// <summary>The catalogues this application has loaded, each once.</summary>
    public CatalogCache Catalogs { get; }

    public TimeProvider Clock { get; }

    /// <summary>Today as YYYY-MM-DD (local time): the date a probe is stamped with, and a report's or radar's default date.</summary>
    public string Today => Clock.GetLocalNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The catalogue at <paramref name="location"/> (loaded once, then cached). Bad input when the directory
    /// does not exist or the catalogue has errors; its warnings are not repeated here (they are about the
    /// catalogue, not a request: <see cref="Validate"/> reports them).
    /// </summary>
    public Outcome<Model.Entities.Catalog> LoadCatalog(CatalogLocation location)
    {
        if (NoSuchDirectory(location) is { } missing)
        {
            return Outcome.BadInput<Model.Entities.Catalog>(RequestPart.Catalogue, missing);
        }
        var result = Catalogs.Get(location);
        return result.Catalog is { } catalog
            ? Outcome.Success(catalog)
            : Outcome.BadInput<Model.Entities.Catalog>(RequestPart.Catalogue, result.Diagnostics, CatalogueSummary(result, location));
    }

    private static Problem? NoSuchDirectory(CatalogLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Directory is { } dir && !Directory.Exists(dir) ? new Problem(ProblemCodes.NoCatalogue, Messages.NoCatalogue(dir)) : null;
    }

    private static Problem? UnknownEvidence(string evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return FactSelector.Names.Contains(evidence) ? null : new Problem(ProblemCodes.UnknownEvidence, Messages.UnknownEvidence(evidence, FactSelector.Names));
    }

    private static Problem CatalogueSummary(Catalog.Loading.CatalogLoadResult result, CatalogLocation location) =>
        new(ProblemCodes.InvalidCatalogue, Messages.CatalogueSummary(result.Errors.Count(), result.Warnings.Count(), result.FileCount), location.Name);

    /// <summary>What a decision on a profile starts from: the catalogue (with measurements), the profile (with host facts) and an engine of its own.</summary>
    private sealed record DecisionInputs(Model.Entities.Catalog Catalog, Profile Profile, DecisionEngine Engine);

    /// <summary>
    /// Loads what a decision needs, in the order a user fixes it: the catalogue, measurements, the profile,
    /// host facts, then the AHP weights' consistency. Stops at the first part that is bad input.
    /// </summary>
    private Outcome<DecisionInputs> Prepare(DecisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (UnknownEvidence(request.Evidence) is { } evidence)
        {
            return Outcome.BadInput<DecisionInputs>(RequestPart.Request, evidence);
        }
        var catalogue = LoadCatalog(request.Catalog);
        if (catalogue.Value is not { } catalog)
        {
            return catalogue.As<DecisionInputs>();
        }
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        if (request.Measurements is { } file)
        {
            var (withMeasurements, measured) = MeasurementsLoader.Apply(catalog, file);
            diagnostics.AddRange(measured);
            if (withMeasurements is null)
            {
                return Outcome.BadInput<DecisionInputs>(RequestPart.Measurements, diagnostics.ToImmutable());
            }
            catalog = withMeasurements;
        }
        var (loaded, problem) = LoadProfile(request.Profile, catalog);
        diagnostics.AddRange(loaded?.Diagnostics ?? []);
        if (loaded?.Profile is not { } profile)
        {
            return Outcome.BadInput<DecisionInputs>(RequestPart.Profile, diagnostics.ToImmutable(), problem is null ? [] : [problem]);
        }
        if (request.Host is { } hostSource)
        {
            var (host, hostProblem) = ResolveHost(hostSource, diagnostics);
            if (host is null)
            {
                return Outcome.BadInput<DecisionInputs>(RequestPart.Host, diagnostics.ToImmutable(), hostProblem is null ? [] : [hostProblem]);
            }
            profile = profile with { Host = profile.Host.SetItems(host) };
        }
        if (request.Node is { } node)
        {
            profile = ApplyNode(profile, node, catalog);
        }
        if (request.AsOfReference && profile.Reference?.AsOf is { } year)
        {
            // Replayed as of its year: what was released later is excluded, and what later releases brought is not seen.
            profile = profile with { Exclude = profile.Exclude.SetItems(ReleasedAfter(catalog, year)) };
            catalog = catalog.AsOf(year);
        }
        if (request.Weights is { } weights)
        {
            var wrong = weights.Where(w => catalog.Criteria.All(c => c.Id != w.Key) || !double.IsFinite(w.Value) || w.Value < 0)
                .Select(w => new Problem(ProblemCodes.BadWeight, Messages.BadWeight(w.Key, w.Value, catalog.Criteria.Select(c => c.Id)))).ToArray();
            if (wrong.Length > 0 || weights.Values.Sum() <= 0)
            {
                return Outcome.BadInput<DecisionInputs>(RequestPart.Weights, diagnostics.ToImmutable(),
                    wrong.Length > 0 ? [.. wrong] : [new Problem(ProblemCodes.BadWeight, Messages.ZeroWeights)]);
            }
            // Numbers given with the request replace whatever the profile stated: numbers, AHP ratios or an order.
            profile = profile with { Weights = weights, Ahp = profile.Ahp.Clear(), Statements = null };
        }
        if (!request.ForceAhp && !profile.Ahp.IsEmpty && Ahp.Weights(profile.Ahp) is { Consistent: false } ahp)
        {
            return Outcome.BadInput<DecisionInputs>(RequestPart.Weights, diagnostics.ToImmutable(),
                new Problem(ProblemCodes.InconsistentWeights, Messages.InconsistentWeights(ahp.ConsistencyRatio), profile.Source));
        }
        var engine = new DecisionEngine(catalog)
        {
            Facts = FactSelector.For(request.Evidence), Strict = request.Strict, RelaxationSearch = request.Relaxations,
            ExplainRanking = request.ExplainRanking, Cancel = request.Cancel,
        };
        return Outcome.Success(new DecisionInputs(catalog, profile, engine), diagnostics.ToImmutable());
    }

    /// <summary>
    /// Technologies whose first public release (the catalogue's earliest stated year, with its source) came after
    /// <paramref name="year"/>; one without a stated year, or with only a bound ("&lt;= 2017"), is kept.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, Exclusion>> ReleasedAfter(Model.Entities.Catalog catalog, int year)
    {
        foreach (var tech in catalog.Technologies)
        {
            var earliest = tech.Facts.Where(f => f.Name == "first-public-release")
                .Select(f => (Fact: f, Year: Model.Facts.Fact.YearOf(f.Value.Display())))
                .Where(v => v.Year is not null)
                .OrderBy(v => v.Year)
                .FirstOrDefault();
            if (earliest.Year is { } released && released > year)
            {
                yield return new(tech.Id, new Exclusion(released, year, earliest.Fact.Provenance));
            }
        }
    }

    /// <summary>
    /// The profile as it holds on one node: the node's constraints over the profile's, its defaults where neither the
    /// profile nor its scenario states the field, the node's host block instead of the profile's.
    /// </summary>
    private static Profile ApplyNode(Profile profile, NodeOverride node, Model.Entities.Catalog catalog)
    {
        if (node.Host.Keys.FirstOrDefault(k => !ProfileFields.HostKeys.Contains(k)) is { } badHost)
        {
            throw new ArgumentException($"'{badHost}' is not a host fact ({string.Join(", ", ProfileFields.HostKeys)}).", nameof(node));
        }
        if (node.Constraints.Values.Keys.Concat(node.Defaults.Values.Keys).FirstOrDefault(k => !ProfileFields.ConstraintFields.Any(f => f.Name == k)) is { } badField)
        {
            throw new ArgumentException($"'{badField}' is not a constraint field.", nameof(node));
        }
        var constraints = profile.Constraints.Values.SetItems(node.Constraints.Values);
        var scenario = profile.Scenario is { } sid ? catalog.Scenario(sid) : null;
        bool Stated(string field) => constraints.ContainsKey(field)
            || scenario?.Requirements?.Value.Values.ContainsKey(field) == true
            || scenario?.SeedRequirements?.Value.Values.ContainsKey(field) == true;
        constraints = constraints.SetItems(node.Defaults.Values.Where(d => !Stated(d.Key)));
        return profile with
        {
            Constraints = new ConstraintSet(constraints),
            Host = node.Host.WithComparers(StringComparer.Ordinal),
        };
    }

    /// <summary>The profile with its diagnostics, or a problem when a scenario id names no scenario.</summary>
    private static (ProfileLoadResult? Loaded, Problem? Problem) LoadProfile(ProfileSource source, Model.Entities.Catalog catalog) => source switch
    {
        ProfileSource.FromPath p => (ProfileLoader.Load(p.PathOrScenario, catalog), null),
        ProfileSource.FromText t => (ProfileLoader.Parse(t.Name, t.Yaml, catalog), null),
        ProfileSource.FromScenario s => catalog.Scenario(s.Id) is { } scenario
            ? (new ProfileLoadResult(ProfileLoader.FromScenario(scenario), []), null)
            : (null, new Problem(ProblemCodes.UnknownScenario, Messages.UnknownScenario(s.Id, catalog.Scenarios.Select(x => x.Id)))),
        _ => throw new ArgumentException($"Unknown profile source {source.GetType().Name}.", nameof(source)),
    };

    /// <summary>Host facts from their source; null (with diagnostics or a problem) when they cannot be read.</summary>
    private (ImmutableSortedDictionary<string, bool>? Host, Problem? Problem) ResolveHost(HostSource source, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        switch (source)
        {
            case HostSource.Probed:
                // Only the host facts matter here: skip the tool versions (up to 16 processes).
                return (new HostProbe { ToolNames = [] }.Run(deep: false, Today).HostFacts, null);
            case HostSource.FromFile f:
                var (host, read) = HostFileLoader.Load(f.Path);
                diagnostics.AddRange(read);
                return (host, null);
            case HostSource.FromFacts given:
                var unknown = given.Facts.Keys.FirstOrDefault(k => !ProfileFields.HostKeys.Contains(k));
                return unknown is null
                    ? (given.Facts, null)
                    : (null, new Problem(ProblemCodes.UnknownHostFact, Messages.UnknownHostFact(unknown, ProfileFields.HostKeys)));
            default:
                throw new ArgumentException($"Unknown host source {source.GetType().Name}.", nameof(source));
        }
    }
}
