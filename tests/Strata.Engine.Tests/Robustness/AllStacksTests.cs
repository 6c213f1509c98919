using Strata.Engine.Robustness;
using Strata.TestSupport;

namespace Strata.Engine.Tests.Robustness;

public class AllStacksTests
{
    private static string Example(string name) => File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", name));

    /// <summary>
    /// The all-stacks pass and the candidates' pass now draw the same model (every figure on its own), so over the
    /// same stacks they must agree on how often each one ranks first, up to sampling noise: the candidates' pass takes
    /// all stacks but one here (the last of hundreds, which never wins), and with 4,000 samples each a probability's
    /// standard error is under 0.008. The order case is the edge profile decided by a priority order (SMAA-2 weights).
    /// </summary>
    [Theory]
    [InlineData("edge.yaml", false, false)]
    [InlineData("edge.yaml", false, true)]
    [InlineData("edge.yaml", true, false)]
    public void RunAll_AgreesWithTheCandidatesPass_OnEveryStacksFirstRank(string example, bool sampleWeights, bool order)
    {
        var yaml = Example(example);
        if (order)
        {
            yaml = yaml.Replace("weights: { startup: 0.3, resources: 0.3, performance: 0.2, compatibility: 0.2 }",
                "weights:\n  order: [resources, startup, performance, compatibility]", StringComparison.Ordinal);
            yaml.ShouldContain("order:");
        }
        var engine = new DecisionEngine(EngineFixture.Catalog);
        var d = engine.Decide(EngineFixture.Profile(yaml));
        var r = engine.Analyse(d, new RobustnessOptions(Samples: 4000, Seed: 5, Candidates: d.Ranking.Length - 1, SampleWeights: sampleWeights));
        var all = r.AllStacks!;
        all.Stacks.ShouldBe(d.Ranking.Length);
        all.Winners.Sum(w => w.Probability).ShouldBe(1, 1e-9);
        var left = d.Ranking[d.Ranking.Length - 1].Stack;
        all.Winners.ShouldNotContain(w => w.Stack.Equals(left) && w.Probability > 0.005, "the stack the candidates leave out");
        var top = r.MonteCarlo!.Acceptability.ToDictionary(a => a.Stack, a => a.RankProbabilities[0]);
        var report = string.Join("\n", all.Winners.Select(w => $"{w.Stack}: all {w.Probability:F4} top {top.GetValueOrDefault(w.Stack):F4} score {d.Ranking.First(x => x.Stack.Equals(w.Stack)).Score:R}"))
            + "\n--\n" + string.Join("\n", top.Where(t => t.Value > 0).Select(t => $"{t.Key}: top {t.Value:F4} score {d.Ranking.First(x => x.Stack.Equals(t.Key)).Score:R}"));
        foreach (var w in all.Winners)
        {
            w.Probability.ShouldBe(top.GetValueOrDefault(w.Stack), 0.04, report);
        }
        foreach (var (stack, p) in top.Where(t => t.Value > 0.04))
        {
            all.Winners.ShouldContain(w => w.Stack.Equals(stack), $"{stack} ranks first in {p:P1} of the candidates' samples");
        }
    }
}
