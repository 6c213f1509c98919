using System.Collections.Immutable;
using Strata.Engine.Robustness;
using Strata.Model.Weights;

namespace Strata.Engine.Tests;

/// <summary>The SMAA-2 weight sampler draws uniformly from exactly the weightings the statements allow.</summary>
public class OrdinalWeightsTests
{
    private static WeightStatements With(WeightStatements s, params WeightBound[] bounds) => s with { Bounds = [.. bounds] };

    private static List<double[]> Draw(OrdinalWeights sampler, int n, int seed)
    {
        var random = new Random(seed);
        var result = new List<double[]>(n);
        for (var i = 0; i < n; i++)
        {
            var w = new double[sampler.Criteria.Length];
            sampler.TrySample(random, w).ShouldBeTrue();
            result.Add(w);
        }
        return result;
    }

    [Fact]
    public void Sample_StrictOrderOfThree_MeanIsTheRankOrderCentroid()
    {
        // Uniform on {a > b > c} has mean (11/18, 5/18, 2/18). Each weight lies in [0, 1], so its standard deviation is at
        // most 1/2 and the standard error of a mean of 100,000 samples at most 0.5/√100000 ≈ 0.0016; 0.008 is five of them.
        const int n = 100_000;
        var sampler = OrdinalWeights.For(WeightStatements.FromOrder(["a"], ["b"], ["c"]));
        var samples = Draw(sampler, n, seed: 7);
        double[] expected = [11.0 / 18, 5.0 / 18, 2.0 / 18];
        for (var k = 0; k < 3; k++)
        {
            samples.Average(w => w[k]).ShouldBe(expected[k], 0.008);
        }
        var centroid = sampler.Centroid();
        centroid["a"].ShouldBe(11.0 / 18, 1e-12);
        centroid["b"].ShouldBe(5.0 / 18, 1e-12);
        centroid["c"].ShouldBe(2.0 / 18, 1e-12);
        sampler.CentroidName.ShouldBe("rank-order centroid");
    }

    [Fact]
    public void Sample_StrictOrderOfThree_IsUniformOnTheOrderedSimplex()
    {
        // Uniform on {a > b > c}: the share with c > 1/6 is the volume of that corner; the ordered simplex with
        // c ≥ t is the same simplex shrunk by (1 - 3t), so the share is (1 - 3t)² = 1/4 at t = 1/6.
        var samples = Draw(OrdinalWeights.For(WeightStatements.FromOrder(["a"], ["b"], ["c"])), 40_000, seed: 3);
        // A share of 40,000 draws has standard error at most 0.5/200 = 0.0025; 0.0125 is five of them.
        ((double)samples.Count(w => w[2] > 1.0 / 6)).ShouldBe(10_000, 500);
    }

    [Fact]
    public void Sample_TiesAndBounds_EverySampleSatisfiesEveryStatement()
    {
        var statements = With(WeightStatements.FromOrder(["r"], ["s", "o"], ["m"], ["x"]),
            new WeightBound("s", BoundDirection.AtLeast, 2, "m"), new WeightBound("r", BoundDirection.AtMost, 1.5, "s"));
        var sampler = OrdinalWeights.For(statements);
        foreach (var w in Draw(sampler, 20_000, seed: 11))
        {
            w.Sum().ShouldBe(1, 1e-9);
            w.ShouldAllBe(x => x >= 0);
            var (r, s, o, m, x) = (w[0], w[1], w[2], w[3], w[4]);
            s.ShouldBe(o, 1e-15);            // tied criteria weigh the same
            r.ShouldBeGreaterThanOrEqualTo(s);
            s.ShouldBeGreaterThanOrEqualTo(m);
            m.ShouldBeGreaterThanOrEqualTo(x);
            s.ShouldBeGreaterThanOrEqualTo(2 * m - 1e-12);
            r.ShouldBeLessThanOrEqualTo(1.5 * s + 1e-12);
        }
        var centroid = sampler.Centroid();
        centroid["s"].ShouldBeGreaterThanOrEqualTo(2 * centroid["m"]);
        sampler.CentroidName.ShouldStartWith("centroid of the weightings");
    }

    [Fact]
    public void Centroid_TiedPair_IsTheGeneralisedRankOrderCentroid()
    {
        // Groups of 2 and 1: N = (2, 3), so v₁ = (1/2)(1/2 + 1/3) = 5/12 each for the pair, v₂ = (1/2)(1/3) = 1/6.
        var sampler = OrdinalWeights.For(WeightStatements.FromOrder(["a", "b"], ["c"]));
        var c = sampler.Centroid();
        c["a"].ShouldBe(5.0 / 12, 1e-12);
        c["b"].ShouldBe(5.0 / 12, 1e-12);
        c["c"].ShouldBe(1.0 / 6, 1e-12);
        var samples = Draw(sampler, 50_000, seed: 5);
        samples.Average(w => w[2]).ShouldBe(1.0 / 6, 0.008);
        samples.ShouldAllBe(w => w[0] == w[1] && w[0] >= w[2]);
    }

    [Fact]
    public void Sample_BoundsWithoutOrder_WeighOnlyTheirCriteria()
    {
        // Over {startup, maturity} alone, startup >= 2·maturity leaves maturity uniform on [0, 1/3]: mean 1/6.
        var sampler = OrdinalWeights.For(new WeightStatements([], System.Collections.Immutable.ImmutableSortedDictionary<string, double>.Empty,
            [new WeightBound("startup", BoundDirection.AtLeast, 2, "maturity")]));
        sampler.Criteria.ShouldBe(["startup", "maturity"]);
        // maturity ≤ 1/3: a third of the simplex meets the bound (20,000 pilot draws, standard error ≈ 0.0033).
        sampler.AcceptanceRate().ShouldBe(1.0 / 3, 0.02);
        var samples = Draw(sampler, 30_000, seed: 4);
        samples.ShouldAllBe(w => w[0] >= 2 * w[1] - 1e-12);
        // Standard error ≤ 0.5/√30000 ≈ 0.003; 0.015 is five of them. The centroid is a mean of 20,000 such draws.
        samples.Average(w => w[1]).ShouldBe(1.0 / 6, 0.015);
        sampler.Centroid()["maturity"].ShouldBe(1.0 / 6, 0.015);
    }

    [Fact]
    public void AcceptanceRate_BoundAgainstTheOrder_IsZero()
    {
        var contradiction = With(WeightStatements.FromOrder(["a"], ["b"]), new WeightBound("b", BoundDirection.AtLeast, 2, "a"));
        OrdinalWeights.For(contradiction).AcceptanceRate().ShouldBe(0);
        OrdinalWeights.For(WeightStatements.FromOrder(["a"], ["b"])).AcceptanceRate().ShouldBe(1);
    }

    [Fact]
    public void TrySample_SameSeed_SameWeights()
    {
        var sampler = OrdinalWeights.For(With(WeightStatements.FromOrder(["a"], ["b", "c"], ["d"]), new WeightBound("a", BoundDirection.AtLeast, 3, "d")));
        var first = Draw(sampler, 500, seed: 42).SelectMany(w => w).ToArray();
        var again = Draw(sampler, 500, seed: 42).SelectMany(w => w).ToArray();
        again.ShouldBe(first);
        Draw(sampler, 500, seed: 43).SelectMany(w => w).ToArray().ShouldNotBe(first);
    }

    [Fact]
    public void Statements_ToString_ReadsAsGiven()
    {
        With(WeightStatements.FromOrder(["resources"], ["startup", "offline"], ["maturity"]), new WeightBound("startup", BoundDirection.AtLeast, 2, "maturity"))
            .ToString().ShouldBe("resources > startup = offline > maturity; startup >= 2 * maturity");
    }

    [Fact]
    public void Smaa_TwoAlternativesTwoCriteria_MatchesTheHandComputation()
    {
        // Order a > b: w_b is uniform on [0, 1/2], w_a = 1 - w_b. X scores (1, 0), Y scores (0.4, 0.8): Y wins when
        // 0.4(1 - w_b) + 0.8 w_b > 1 - w_b, i.e. w_b > 3/7, a share (1/2 - 3/7)/(1/2) = 1/7 of the weightings. Y's central
        // weights are the mean over w_b in (3/7, 1/2): w_b = 13/28, w_a = 15/28; X's over [0, 3/7): w_b = 3/14.
        // With exact scores each wins at its own central weights: confidence factor 1.
        var rows = Smaa.Decide([[1, 0], [0.4, 0.8]], OrdinalWeights.For(WeightStatements.FromOrder(["a"], ["b"])), 70_000, seed: 1);
        // Standard error of a share of 70,000 draws ≤ 0.5/√70000 ≈ 0.0019; of a mean in an interval of width ≤ 1/2, ≤ 0.25/√(n·share).
        rows[1].FirstRank.ShouldBe(1.0 / 7, 0.01);
        rows[0].FirstRank.ShouldBe(6.0 / 7, 0.01);
        rows[1].CentralWeights!.Value[1].ShouldBe(13.0 / 28, 0.005);
        rows[1].CentralWeights!.Value[0].ShouldBe(15.0 / 28, 0.005);
        rows[0].CentralWeights!.Value[1].ShouldBe(3.0 / 14, 0.005);
        rows[0].Confidence.ShouldBe(1);
        rows[1].Confidence.ShouldBe(1);
    }

    [Fact]
    public void Smaa_DominatedAlternative_NeverRanksFirst()
    {
        var rows = Smaa.Decide([[5, 5, 4], [3, 2, 5]], OrdinalWeights.For(WeightStatements.FromOrder(["a"], ["b"], ["c"])), 5_000, seed: 2);
        rows[0].FirstRank.ShouldBe(1);
        rows[1].FirstRank.ShouldBe(0);
        rows[1].CentralWeights.ShouldBeNull();
        rows[1].Confidence.ShouldBe(0);
    }
}
