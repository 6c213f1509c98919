using Strata.Application.Requests;
using Strata.TestSupport;

namespace Strata.Application.Tests;

/// <summary>The operations on one profile besides deciding: explain, compare, report, migrate, diff-evidence, trees.</summary>
public class DecisionsTests
{
    private static readonly StrataApplication App = Shared.App;

    private static DecisionRequest Edge => new(ProfileSource.Scenario("edge"));

    [Fact]
    public void Explain_WinnersRuntimeAlone_CompletesItToTheWinner()
    {
        var winner = App.Decide(Edge).Value!.Winner!;

        var outcome = App.Explain(Edge, $"runtime={winner.Stack.Layers["runtime"][0]}");

        outcome.Kind.ShouldBe(OutcomeKind.Success);
        outcome.Value!.Asked.Layers.Keys.ShouldBe(["runtime"]);
        outcome.Value.Assessment.Stack.ShouldBe(winner.Stack);
        outcome.Value.Assessment.Rank.ShouldBe(1);
    }

    [Fact]
    public void Explain_InfeasibleStack_IsADomainNo()
    {
        // Kata's per-pod overhead (108-153 MiB) breaks the edge profile's < 50 MiB per workload.
        var outcome = App.Explain(Edge, "runtime=kata");

        outcome.Kind.ShouldBe(OutcomeKind.DomainNo);
        outcome.Value!.Assessment.Feasible.ShouldBeFalse();
    }

    [Fact]
    public void Explain_UnknownTechnology_IsBadInputNamingTheStack()
    {
        var outcome = App.Explain(Edge, "runtime=wasmedg");

        outcome.Failed.ShouldBe(RequestPart.Request);
        var p = outcome.Problems.ShouldHaveSingleItem();
        p.Code.ShouldBe(ProblemCodes.BadStack);
        p.Subject.ShouldBe("stack");
        p.Message.ShouldBe("there is no technology 'wasmedg'; did you mean 'wasmedge'?");
    }

    [Fact]
    public void Compare_TwoBadStacks_ReportsBoth()
    {
        var outcome = App.Compare(Edge, "k3z", "layer=k3s");

        outcome.Problems.Select(p => p.Subject).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void Compare_TwoStacks_SaysWhatDecidesBetweenThem()
    {
        var outcome = App.Compare(Edge, "k3s,wasmedge", "k3s,crun");

        outcome.Kind.ShouldBe(OutcomeKind.Success);
        outcome.Value!.Comparison.Deltas.ShouldNotBeEmpty();
    }

    [Fact]
    public void Report_FeasibleProfile_HasAPlan()
    {
        var outcome = App.Report(Edge);

        outcome.Kind.ShouldBe(OutcomeKind.Success);
        outcome.Value!.Plan.ShouldNotBeNull();
    }

    [Fact]
    public void Report_InfeasibleProfile_IsADomainNoWithoutAPlan()
    {
        var outcome = App.Report(new DecisionRequest(ProfileSource.Text("impossible.yaml", Shared.Impossible)));

        outcome.Kind.ShouldBe(OutcomeKind.DomainNo);
        outcome.Value!.Plan.ShouldBeNull();
    }

    [Fact]
    public void Migrate_ProfileWithoutCurrentStack_IsBadInput()
    {
        var outcome = App.Migrate(Edge);

        outcome.Failed.ShouldBe(RequestPart.Profile);
        outcome.Problems.ShouldHaveSingleItem().Code.ShouldBe(ProblemCodes.NoCurrentStack);
    }

    [Fact]
    public void Migrate_FromAStackToTheRecommendedOne_PlansTheSteps()
    {
        var outcome = App.Migrate(Edge, from: "orchestration=kubernetes,runtime=runc,container-engine=docker");

        outcome.Kind.ShouldBe(OutcomeKind.Success);
        outcome.Value!.Changes.ShouldNotBeEmpty();
    }

    [Fact]
    public void Migrate_NothingFeasible_IsADomainNo()
    {
        var outcome = App.Migrate(new DecisionRequest(ProfileSource.Text("impossible.yaml", Shared.Impossible)), from: "orchestration=kubernetes");

        outcome.Kind.ShouldBe(OutcomeKind.DomainNo);
        outcome.Problems.ShouldHaveSingleItem().Code.ShouldBe(ProblemCodes.NothingFeasible);
    }

    [Fact]
    public void DiffEvidence_Scenario_DecidesOnBothPolicies()
    {
        var outcome = App.DiffEvidence(new DecisionRequest(ProfileSource.Scenario("serverless")));

        outcome.Value!.Seed.EvidencePolicy.ShouldBe("seed");
        outcome.Value.Sourced.EvidencePolicy.ShouldBe("sourced");
    }

    [Fact]
    public void WalkTree_UnknownTree_IsBadInputBeforeTheProfileIsRead()
    {
        var outcome = App.WalkTree(new DecisionRequest(ProfileSource.Path("no-such-profile.yaml")), "globl");

        outcome.Diagnostics.ShouldBeEmpty();
        outcome.Problems.ShouldHaveSingleItem().Message.ShouldContain("did you mean 'global'?");
    }

    [Fact]
    public void WalkTree_Example_ReachesAnOutcome()
    {
        var outcome = App.WalkTree(new DecisionRequest(ProfileSource.Path(Path.Combine(RepoPaths.Root, "examples", "edge.yaml"))), "global");

        outcome.Value!.Outcome.Path.ShouldNotBeEmpty();
        outcome.Value.Profile.Name.ShouldBe("edge-platform");
    }
}
