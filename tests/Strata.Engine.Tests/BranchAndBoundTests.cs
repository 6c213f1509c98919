using Strata.Catalog.Loading;
using Strata.Catalog.Profiles;
using Strata.Catalog.Synthetic;

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
}
