using Strata.Catalog.Loading;
using Strata.Catalog.Profiles;
using Strata.Catalog.Synthetic;
using Strata.Engine.Decisions;

namespace Strata.Engine.Tests;

/// <summary>Branch and bound finds exactly the stacks enumeration ranks first.</summary>
public sealed class BranchAndBoundTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "strata-synth-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(40, 1, "{ startup: 0.3, resources: 0.3, performance: 0.2, maturity: 0.2 }")]
    [InlineData(40, 2, "{ startup: 1, isolation: 1, scalability: 1, availability: 1 }")]
    [InlineData(35, 3, "{ performance: 2, cost: 1, operability: 1, maturity: 3 }")]
    public void Search_SyntheticCatalogue_MatchesEnumeration(int technologies, int seed, string weights)
    {
        SyntheticCatalog.Write(_dir, technologies, seed);
        var load = CatalogLoader.LoadDirectory(_dir);
        load.Diagnostics.ShouldBeEmpty(string.Join("\n", load.Diagnostics));
        var catalog = load.Catalog!;
        var profile = ProfileLoader.Parse("p.yaml", $"profile: p\nlayers: [orchestration, runtime, datastore, network, policy]\nweights: {weights}\n", catalog).Profile!;

        var enumerated = new DecisionEngine(catalog) { EnumerationLimit = long.MaxValue }.Decide(profile);
        var searched = new DecisionEngine(catalog) { EnumerationLimit = 1 }.Decide(profile);

        enumerated.Search.ShouldBe("enumeration");
        searched.Search.ShouldBe("branch-and-bound");
        searched.SearchNodes.ShouldBeLessThan(searched.TotalCombinations);
        var k = searched.Ranking.Length;
        k.ShouldBe(Composition.StackComposer.SearchTop);
        // The same scores in the same order; the stacks too, except where the k-th place is tied.
        searched.Ranking.Select(r => Math.Round(r.Score, 9)).ShouldBe(enumerated.Ranking.Take(k).Select(r => Math.Round(r.Score, 9)));
        var kth = enumerated.Ranking[k - 1].Score;
        searched.Ranking.Where(r => r.Score > kth + 1e-9).Select(r => r.Stack)
            .ShouldBe(enumerated.Ranking.Take(k).Where(r => r.Score > kth + 1e-9).Select(r => r.Stack));
        // Ranked as the decision ranks: the stacks known to meet every requirement first.
        searched.Ranking.Select(r => r.Verdict).ShouldBe(enumerated.Ranking.Take(k).Select(r => r.Verdict));
    }

    /// <summary>
    /// The bound is sound on catalogues the search has not been tuned on: random synthetic catalogues (fixed seeds) under a
    /// scenario's requirements, whose stack-level figures, capability rules and unknowns are what the search prunes on,
    /// and random weights. Branch and bound must rank exactly what enumerating every combination ranks first, and finish.
    /// </summary>
    [Theory]
    [InlineData(20, 11, "edge")]
    [InlineData(25, 12, "edge")]
    [InlineData(20, 13, "serverless")]
    [InlineData(25, 14, "microservices")]
    [InlineData(20, 15, "multi-tenant")]
    [InlineData(25, 16, "industrial-iot")]
    public void Search_RandomCatalogueUnderScenario_MatchesExhaustiveEnumeration(int technologies, int seed, string scenario)
    {
        SyntheticCatalog.Write(_dir, technologies, seed);
        var catalog = CatalogLoader.LoadDirectory(_dir).Catalog!;
        var random = new Random(seed);
        var criteria = new[] { "startup", "resources", "performance", "maturity", "compatibility", "cost", "operability", "isolation" };
        var weights = string.Join(", ", criteria.Where(_ => random.NextDouble() < 0.6).Select(c => $"{c}: {1 + random.Next(5)}"));
        var profile = ProfileLoader.Parse("p.yaml", $"profile: p\nscenario: {scenario}\nlayers: [orchestration, runtime, datastore, network, policy]\n"
            + (weights.Length == 0 ? "" : $"weights: {{ {weights} }}\n"), catalog).Profile!;

        var enumerated = new DecisionEngine(catalog) { EnumerationLimit = long.MaxValue }.Decide(profile);
        var searched = new DecisionEngine(catalog) { EnumerationLimit = 1 }.Decide(profile);

        searched.Search.ShouldBe("branch-and-bound");
        searched.SearchComplete.ShouldBeTrue();
        var k = Math.Min(Composition.StackComposer.SearchTop, enumerated.Ranking.Length);
        searched.Ranking.Length.ShouldBe(k);
        searched.Ranking.Select(r => (r.Verdict, Math.Round(r.Score, 9))).ShouldBe(enumerated.Ranking.Take(k).Select(r => (r.Verdict, Math.Round(r.Score, 9))),
            $"weights {{ {weights} }}, {enumerated.TotalCombinations} combinations");
        if (k > 0)
        {
            // Above the k-th place's score (where ties may be cut in another order), the same stacks.
            var kth = enumerated.Ranking[k - 1];
            bool Ahead(RankedStack r) => (r.Verdict == Verdict.Match && kth.Verdict != Verdict.Match) || (r.Verdict == kth.Verdict && r.Score > kth.Score + 1e-9);
            searched.Ranking.Where(Ahead).Select(r => r.Stack).ShouldBe(enumerated.Ranking.Take(k).Where(Ahead).Select(r => r.Stack));
        }
    }
}
