using System.Collections.Immutable;
using Strata.Engine.Scoring;

namespace Strata.Engine.Tests;

public class AhpTests
{
    private static ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, double>> M(params (string A, string B, double R)[] pairs) =>
        pairs.GroupBy(p => p.A).ToImmutableSortedDictionary(g => g.Key, g => g.ToImmutableSortedDictionary(p => p.B, p => p.R, StringComparer.Ordinal), StringComparer.Ordinal);

    [Fact]
    public void Weights_ConsistentJudgements_GiveTheImpliedWeightsAndZeroRatio()
    {
        // startup = 2 x resources = 4 x performance, consistently: weights 4/7, 2/7, 1/7.
        var r = Ahp.Weights(M(("startup", "resources", 2), ("startup", "performance", 4), ("resources", "performance", 2)));
        r.Weights["startup"].ShouldBe(4.0 / 7, 1e-9);
        r.Weights["resources"].ShouldBe(2.0 / 7, 1e-9);
        r.Weights["performance"].ShouldBe(1.0 / 7, 1e-9);
        r.ConsistencyRatio.ShouldBe(0, 1e-9);
        r.Consistent.ShouldBeTrue();
    }

    [Fact]
    public void Weights_CircularJudgements_AreInconsistent()
    {
        // a > b, b > c, c > a, each strongly: a cycle no weights can honour.
        var r = Ahp.Weights(M(("startup", "resources", 5), ("resources", "performance", 5), ("performance", "startup", 5)));
        r.ConsistencyRatio.ShouldBeGreaterThan(AhpResult.MaxConsistencyRatio);
        r.Consistent.ShouldBeFalse();
    }

    [Fact]
    public void Weights_SaatysTextbookMatrix_HasTheKnownRatio()
    {
        // A standard 3x3 example: [[1,3,5],[1/3,1,3],[1/5,1/3,1]] -> weights ~(0.637, 0.258, 0.105), CR ~0.033.
        var r = Ahp.Weights(M(("a-cost", "b-safety", 3), ("a-cost", "c-style", 5), ("b-safety", "c-style", 3)));
        r.Weights["a-cost"].ShouldBe(0.637, 0.001);
        r.Weights["b-safety"].ShouldBe(0.258, 0.001);
        r.ConsistencyRatio.ShouldBe(0.033, 0.002);
    }

    [Fact]
    public void Decide_AhpProfile_UsesTheEigenvectorWeights()
    {
        var d = EngineFixture.Decide("profile: ahp\nweights:\n  ahp:\n    startup: { resources: 2, performance: 4 }\n    resources: { performance: 2 }\n");
        d.Weights.Source.ShouldStartWith("AHP");
        d.Weights.Normalised["startup"].ShouldBe(4.0 / 7, 1e-9);
    }
}
