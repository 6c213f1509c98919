using Strata.Engine.Matrix;
using Strata.Model.Entities;

namespace Strata.Engine.Tests;

/// <summary>001's matrix view: the catalogue's maturity rows reproduce the seed's four rankings and its hybrid stack.</summary>
public class MatrixViewTests
{
    [Theory]
    [InlineData("edge", "seed-001-ranking-edge")]
    [InlineData("serverless", "seed-001-ranking-serverless")]
    [InlineData("ai-inference", "seed-001-ranking-ai-inference")]
    [InlineData("multi-tenant", "seed-001-ranking-multi-tenant")]
    public void Rank_ScenarioVector_ReproducesTheSeedsRanking(string scenario, string tableId)
    {
        var catalog = EngineFixture.Catalog;
        var m = MatrixView.Rank(catalog, catalog.Scenario(scenario)!.Vector!.Value, scenario);
        var seed = catalog.Table(tableId)!.Rows
            .Select(r => (Chain: r["chain"]!.Value.Display(), Score: ((NumberCell)r["score"]!.Value).Number, Rank: (int)((NumberCell)r["rank"]!.Value).Number))
            .OrderBy(r => r.Rank).ToList();
        m.Ranking.Select(r => r.Chain).ShouldBe(seed.Select(s => s.Chain));
        m.Ranking.Select(r => Math.Round(r.Score, 6)).ShouldBe(seed.Select(s => s.Score));
        m.Ranking.ShouldAllBe(r => r.UnknownShare == 0);
    }

    [Fact]
    public void Rank_ServerlessAndAiShareAVector_YetUseDifferentMatrixSets()
    {
        var catalog = EngineFixture.Catalog;
        catalog.Scenario("serverless")!.Vector!.Value.ShouldBe(catalog.Scenario("ai-inference")!.Vector!.Value);
        MatrixView.Rank(catalog, catalog.Scenario("ai-inference")!.Vector!.Value, "ai-inference").Set.ShouldBe("ai-inference");
        MatrixView.Rank(catalog, catalog.Scenario("serverless")!.Vector!.Value, "serverless").Set.ShouldBe("general");
    }

    [Fact]
    public void Rank_HybridVector_TopFiveAreTheSeedsHybridStack()
    {
        // 001 §37.9.5: Stack_hybrid = K8s + K3s + WasmEdge + OPA + Capsule, chosen "by weighted score".
        var catalog = EngineFixture.Catalog;
        var m = MatrixView.Rank(catalog, catalog.Scenario("hybrid")!.Vector!.Value, "hybrid");
        m.Ranking.Take(5).Select(r => r.Technology).Order().ShouldBe(["capsule", "k3s", "kubernetes", "opa", "wasmedge"]);
        // Half the hybrid vector falls on components no ranking of the seed fixes: said, not hidden.
        m.Ranking[0].UnknownShare.ShouldBe(0.5, 1e-9);
        m.Notes.ShouldContain(n => n.Contains("unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void Rank_WrongLength_IsRejected() =>
        Should.Throw<ArgumentException>(() => MatrixView.Rank(EngineFixture.Catalog, [1, 0, 0]));
}
