using Strata.Engine.Decisions;
using Strata.Engine.Robustness;
using Strata.TestSupport;

namespace Strata.Engine.Tests;

public class RobustnessTests
{
    private static readonly string Edge = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "edge.yaml"));

    private static (Decision Decision, RobustnessReport Report) Analyse(string yaml, RobustnessOptions? options = null)
    {
        var engine = new DecisionEngine(EngineFixture.Catalog);
        var d = engine.Decide(EngineFixture.Profile(yaml));
        return (d, engine.Analyse(d, options ?? new RobustnessOptions(Samples: 500)));
    }

    /// <summary>The winner under weights where criterion k is t and the others are rescaled proportionally.</summary>
    private static Model.Entities.Stack WinnerAt(Decision d, string criterion, double t)
    {
        var wk = d.Ranking[0].Criteria.Single(c => c.Criterion == criterion).Weight;
        double Score(RankedStack s) => s.Criteria.Sum(c => c.Value * (c.Criterion == criterion ? t : c.Weight * (1 - t) / (1 - wk)));
        return d.Ranking.OrderByDescending(Score).ThenBy(s => s.Rank).First().Stack;
    }

    [Fact]
    public void WeightStability_Intervals_AreExact()
    {
        var (d, r) = Analyse(Edge);
        r.WeightStability.ShouldNotBeEmpty();
        foreach (var w in r.WeightStability.Where(w => w.Weight > 0))
        {
            w.Low.ShouldBeLessThanOrEqualTo(w.Weight);
            w.High.ShouldBeGreaterThanOrEqualTo(w.Weight);
            // Inside the interval the winner holds...
            WinnerAt(d, w.Criterion, w.Low + (w.Weight - w.Low) * 0.01).ShouldBe(d.Winner!.Stack, $"{w.Criterion} just above its low end");
            WinnerAt(d, w.Criterion, w.High - (w.High - w.Weight) * 0.01).ShouldBe(d.Winner!.Stack, $"{w.Criterion} just below its high end");
            // ...and just past an end, the named stack takes over.
            if (w.Below is { } below)
            {
                WinnerAt(d, w.Criterion, w.Low - 1e-6).ShouldBe(below);
            }
            if (w.Above is { } above)
            {
                WinnerAt(d, w.Criterion, w.High + 1e-6).ShouldBe(above);
            }
        }
    }

    [Fact]
    public void MonteCarlo_SameSeed_SameResult_AndProbabilitiesAddUp()
    {
        var (_, a) = Analyse(Edge, new RobustnessOptions(Samples: 300, Seed: 7));
        var (_, b) = Analyse(Edge, new RobustnessOptions(Samples: 300, Seed: 7));
        var ma = a.MonteCarlo!;
        ma.Acceptability.Select(x => x.RankProbabilities.ToArray()).ShouldBe(b.MonteCarlo!.Acceptability.Select(x => x.RankProbabilities.ToArray()));
        ma.Samples.ShouldBe(300);
        ma.Seed.ShouldBe(7);
        foreach (var s in ma.Acceptability)
        {
            s.RankProbabilities.Sum().ShouldBe(1, 1e-9);
        }
        for (var rank = 0; rank < ma.Candidates; rank++)
        {
            ma.Acceptability.Sum(s => s.RankProbabilities[rank]).ShouldBe(1, 1e-9);
        }
    }

    [Fact]
    public void MonteCarlo_TiedStacks_ShareTheFirstRank()
    {
        // calico and cilium have the same figures on every weighted criterion: neither may take rank 1 every time.
        var (d, r) = Analyse(Edge);
        d.Ties.ShouldNotBeEmpty();
        r.MonteCarlo!.WinnerConfidence.ShouldBeLessThan(0.9);
    }

    [Fact]
    public void AllStacks_CoversEveryFeasibleStack_TiesShareEqually_AndIsSeeded()
    {
        // Datastores have no start-up term, and no start-up figure separates the orchestrators here: a tie at the top by
        // construction, among more feasible stacks than the Monte Carlo candidates (so the all-stacks pass runs).
        const string tiedProfile = "profile: tie\nscenario: edge\nlayers: [orchestration, runtime, datastore]\nconstraints:\n  nodes: 3\nweights: { startup: 1 }\n";
        var (d, a) = Analyse(tiedProfile, new RobustnessOptions(Samples: 640, Seed: 3, Candidates: 5));
        var (_, b) = Analyse(tiedProfile, new RobustnessOptions(Samples: 640, Seed: 3, Candidates: 5));
        var all = a.AllStacks!;
        all.Stacks.ShouldBe(d.Ranking.Length);
        all.Samples.ShouldBe(640);
        all.Winners.Sum(w => w.Probability).ShouldBe(1, 1e-9);
        all.Winners.ShouldBe(b.AllStacks!.Winners);
        // The stacks tied with the winner on the weighted criteria share first place with it, not 100 % to the first
        // listed: each tied stack wins some samples (not exactly equal shares, since their missing figures are drawn
        // independently, technology by technology).
        var tie = d.TopTie.ShouldNotBeNull();
        var p = all.Winners.Where(w => w.Stack.Equals(d.Winner!.Stack)).ShouldHaveSingleItem().Probability;
        p.ShouldBeLessThan(0.9);
        foreach (var tied in d.Ranking.Take(tie.LastRank))
        {
            all.Winners.ShouldContain(w => w.Stack.Equals(tied.Stack) && w.Probability > 0.02, tied.Stack.ToString());
        }
    }

    [Fact]
    public void AllStacks_IsLeftOut_WhenTheCandidatesAreAlreadyEveryStack()
    {
        var (d, r) = Analyse(Edge, new RobustnessOptions(Samples: 100, Candidates: 100_000));
        r.MonteCarlo!.Candidates.ShouldBe(d.Ranking.Length);
        r.AllStacks.ShouldBeNull();
    }

    [Fact]
    public void Pareto_TheWinnerIsOnTheFront_AndNoFrontMemberIsDominated()
    {
        var (d, r) = Analyse(Edge);
        r.Pareto.ShouldContain(d.Winner!.Stack);
        var weighted = d.Winner.Criteria.Select((c, i) => (c, i)).Where(x => x.c.Weight > 0).Select(x => x.i).ToArray();
        var front = d.Ranking.Where(s => r.Pareto.Contains(s.Stack)).ToList();
        foreach (var a in front)
        {
            d.Ranking.ShouldNotContain(b => weighted.All(i => b.Criteria[i].Value >= a.Criteria[i].Value) && weighted.Any(i => b.Criteria[i].Value > a.Criteria[i].Value + 1e-12));
        }
    }

    [Fact]
    public void Methods_TopsisIsComputed()
    {
        var (d, r) = Analyse(Edge);
        r.Methods!.WeightedSum.ShouldBe(d.Winner!.Stack);
        r.Methods.TopsisCloseness.ShouldBeInRange(0, 1);
    }

    [Fact]
    public void Relaxations_InfeasibleProfile_FindsTheSmallestSets()
    {
        var engine = new DecisionEngine(EngineFixture.Catalog);
        var profile = EngineFixture.Profile("profile: impossible\nconstraints:\n  cold_start: < 1ms\n  isolation: \">= vm\"\n");
        var d = engine.Decide(profile);
        var relaxations = engine.Relaxations(profile, d);
        // Relaxing isolation alone does not help (no stack starts a workload in under 1 ms); relaxing the start-up
        // limit does. Every relaxation offered is a smallest one and admits some stack.
        relaxations.Select(x => string.Join("+", x.Relax)).ShouldContain("cold_start");
        relaxations.Select(x => string.Join("+", x.Relax)).ShouldNotContain("isolation");
        relaxations.ShouldAllBe(x => x.Relax.Length == 1);
        relaxations.ShouldAllBe(x => !x.Admits.IsEmpty);
        relaxations.Single(x => x.Relax[0] == "cold_start").Admits.ShouldAllBe(s => s.Layers["runtime"][0] == "vm");
    }

    [Theory]
    [InlineData("profile: impossible\nconstraints:\n  cold_start: < 1ms\n  isolation: \">= vm\"\n")]
    [InlineData("profile: tiny\nconstraints:\n  node_memory: 64MiB\n  isolation: \">= vm\"\n  cold_start: < 1ms\n")]
    [InlineData("profile: tiny-arm\nconstraints:\n  arch: arm64\n  node_memory: 256MiB\n  cold_start: < 5ms\nhost:\n  kvm: false\n")]
    public void Relaxations_FirstOnly_IsTheFirstOfTheFullSearch(string yaml)
    {
        var engine = new DecisionEngine(EngineFixture.Catalog);
        var profile = EngineFixture.Profile(yaml);
        var d = engine.Decide(profile);
        d.Feasible.ShouldBeFalse();
        var all = engine.Relaxations(profile, d);
        all.ShouldNotBeEmpty();
        var first = engine.Relaxations(profile, d, search: RelaxationSearch.First);
        first.Length.ShouldBe(1);
        first[0].Relax.ShouldBe(all[0].Relax);
        first[0].Admits.ShouldBe(all[0].Admits);
        first[0].Scores.ShouldBe(all[0].Scores);
        // The engine's option reaches DecideFully, and the decision is otherwise the same.
        var fully = new DecisionEngine(EngineFixture.Catalog) { RelaxationSearch = RelaxationSearch.First }.DecideFully(profile, null);
        fully.Relaxations.Select(r => string.Join("+", r.Relax)).ShouldBe([string.Join("+", all[0].Relax)]);
        new DecisionEngine(EngineFixture.Catalog).DecideFully(profile, null).Relaxations.Length.ShouldBe(all.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("profile: impossible\nconstraints:\n  cold_start: < 1ms\n  isolation: \">= vm\"\n")]
    public void DecideFully_WithoutExplainingTheRanking_KeepsRankingConflictsAndRelaxations(string? yaml)
    {
        var profile = EngineFixture.Profile(yaml ?? Edge);
        var full = new DecisionEngine(EngineFixture.Catalog).DecideFully(profile, null);
        var bare = new DecisionEngine(EngineFixture.Catalog) { ExplainRanking = false }.DecideFully(profile, null);
        bare.Ranking.Select(r => (r.Stack.ToString(), r.Score, r.Verdict, r.Caveats.Length, r.Supporting.Length))
            .ShouldBe(full.Ranking.Select(r => (r.Stack.ToString(), r.Score, r.Verdict, r.Caveats.Length, r.Supporting.Length)));
        bare.Eliminated.Select(e => e.Reason).ShouldBe(full.Eliminated.Select(e => e.Reason));
        bare.Conflicts.Select(c => string.Join("+", c.Constraints)).ShouldBe(full.Conflicts.Select(c => string.Join("+", c.Constraints)));
        bare.Relaxations.Select(r => string.Join("+", r.Relax)).ShouldBe(full.Relaxations.Select(r => string.Join("+", r.Relax)));
        bare.Trees.ShouldBeEmpty();
        bare.LayerReasons.ShouldBeEmpty();
        bare.DecisiveFacts.ShouldBeEmpty();
        if (full.Feasible)
        {
            full.Trees.ShouldNotBeEmpty();
            full.LayerReasons.ShouldNotBeEmpty();
            // Robustness reads the state an explained decision keeps: asking for it explains anyway.
            var robust = new DecisionEngine(EngineFixture.Catalog) { ExplainRanking = false }.DecideFully(profile, new RobustnessOptions(Samples: 100));
            robust.Robustness.ShouldNotBeNull();
            robust.LayerReasons.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public void Relaxations_FeasibleProfile_HasNone()
    {
        var engine = new DecisionEngine(EngineFixture.Catalog);
        var profile = EngineFixture.Profile(Edge);
        engine.Relaxations(profile, engine.Decide(profile)).ShouldBeEmpty();
    }
}
