using Strata.Catalog.Loading;
using Strata.Catalog.Profiles;
using Strata.Engine.Decisions;
using Strata.Model.Entities;

namespace Strata.Engine.Tests;

/// <summary>The bundled catalogue, loaded once, and helpers to decide on a profile written inline.</summary>
public static class EngineFixture
{
    private static readonly Lazy<Model.Entities.Catalog> Loaded = new(() => CatalogLoader.LoadBundled().Catalog!);

    public static Model.Entities.Catalog Catalog => Loaded.Value;

    public static Profile Profile(string yaml)
    {
        var r = ProfileLoader.Parse("test-profile.yaml", yaml, Catalog);
        r.Diagnostics.ShouldBeEmpty(string.Join("\n", r.Diagnostics));
        return r.Profile!;
    }

    public static Decision Decide(string yaml) => new DecisionEngine(Catalog).Decide(Profile(yaml));

    public static Decision Decide(Profile profile) => new DecisionEngine(Catalog).Decide(profile);

    /// <summary>Decides with the seed's figures first: how the seeds' own answers are reproduced.</summary>
    public static Decision DecideOnSeed(string yaml) => DecideOnSeed(Profile(yaml));

    public static Decision DecideOnSeed(Profile profile) => new DecisionEngine(Catalog) { Facts = Evidence.FactSelector.SeedFirst }.Decide(profile);

    public static string Runtime(this RankedStack r) => r.Stack.Layers["runtime"][0];

    public static string Layer(this RankedStack r, string layer) => r.Stack.Layers[layer][0];
}
