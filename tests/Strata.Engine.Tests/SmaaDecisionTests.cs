using Strata.Engine.Robustness;
using Strata.TestSupport;

namespace Strata.Engine.Tests;

/// <summary>A decision on a priority order: the table at the rank-order centroid, the choice over every weighting the order allows.</summary>
public class SmaaDecisionTests
{
    private static readonly string ByOrder = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "edge-by-order.yaml"));

    private static Decisions.Decision Decide(string yaml, int samples = 600, int seed = 42) =>
        new DecisionEngine(EngineFixture.Catalog).DecideFully(EngineFixture.Profile(yaml), new RobustnessOptions(Samples: samples, Seed: seed));

    [Fact]
    public void Decide_Order_TableUsesTheRankOrderCentroidAndNamesIt()
    {
        var d = Decide(ByOrder);
        d.Weights.Partial.ShouldBeTrue();
        d.Weights.PointEstimate.ShouldBe("rank-order centroid");
        d.Weights.Source.ShouldBe("rank-order centroid of resources > startup > availability > maturity");
        // ROC of four: (25, 13, 7, 3) / 48.
        d.Weights.Normalised["resources"].ShouldBe(25.0 / 48, 1e-12);
        d.Weights.Normalised["startup"].ShouldBe(13.0 / 48, 1e-12);
        d.Weights.Normalised["availability"].ShouldBe(7.0 / 48, 1e-12);
        d.Weights.Normalised["maturity"].ShouldBe(3.0 / 48, 1e-12);
    }

    [Fact]
    public void Decide_Order_ChosenHasTheHighestFirstRankAcceptability_AndCentralWeightsKeepTheOrder()
    {
        var d = Decide(ByOrder);
        var mc = d.Robustness!.MonteCarlo!;
        mc.WeightSpace!.ToString().ShouldBe("resources > startup > availability > maturity");
        var best = mc.Acceptability.Max(a => a.RankProbabilities[0]);
        d.ChosenAcceptability!.RankProbabilities[0].ShouldBe(best);
        d.Chosen!.Stack.ShouldBe(d.ChosenAcceptability.Stack);
        mc.Acceptability.Sum(a => a.RankProbabilities[0]).ShouldBe(1, 1e-9);
        foreach (var a in mc.Acceptability.Where(a => a.RankProbabilities[0] > 0))
        {
            var w = a.CentralWeights.ShouldNotBeNull();
            w.Values.Sum().ShouldBe(1, 1e-9);
            // A mean of weightings that keep the order keeps it.
            w["resources"].ShouldBeGreaterThan(w["startup"]);
            w["startup"].ShouldBeGreaterThan(w["availability"]);
            w["availability"].ShouldBeGreaterThan(w["maturity"]);
            a.Confidence!.Value.ShouldBeInRange(0, 1);
        }
        mc.Acceptability.Where(a => a.RankProbabilities[0] == 0).ShouldAllBe(a => a.CentralWeights == null);
    }

    [Fact]
    public void Decide_Order_SameSeedSameResult()
    {
        static string Print(Decisions.Decision d) => string.Join("\n", d.Robustness!.MonteCarlo!.Acceptability.Select(a =>
            $"{a.Stack}: {string.Join(",", a.RankProbabilities)} | {string.Join(",", a.CentralWeights?.Select(kv => $"{kv.Key}={kv.Value:R}") ?? [])} | {a.Confidence:R}"));
        Print(Decide(ByOrder, seed: 9)).ShouldBe(Print(Decide(ByOrder, seed: 9)));
        Print(Decide(ByOrder, seed: 9)).ShouldNotBe(Print(Decide(ByOrder, seed: 10)));
    }

    [Fact]
    public void Decide_PointWeights_ChosenIsTheTablesFirst_AndNoCentralWeights()
    {
        var d = Decide(File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "edge.yaml")), samples: 200);
        d.Weights.Partial.ShouldBeFalse();
        d.Chosen.ShouldBe(d.Winner);
        d.ChosenAcceptability.ShouldBeNull();
        d.Robustness!.MonteCarlo!.Acceptability.ShouldAllBe(a => a.CentralWeights == null && a.Confidence == null);
    }

    [Fact]
    public void Decide_Swing_NormalisesThePoints()
    {
        var d = Decide("profile: s\nscenario: edge\nweights:\n  swing: { startup: 100, resources: 60, maturity: 20 }\n", samples: 100);
        d.Weights.Partial.ShouldBeFalse();
        d.Weights.PointEstimate.ShouldBe("swing normalisation");
        d.Weights.Normalised["startup"].ShouldBe(100.0 / 180, 1e-12);
        d.Weights.Normalised["maturity"].ShouldBe(20.0 / 180, 1e-12);
        d.Chosen.ShouldBe(d.Winner);
    }
}
