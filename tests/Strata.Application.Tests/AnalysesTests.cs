using Strata.Application.Requests;

namespace Strata.Application.Tests;

/// <summary>The matrix view, the audit and the radar, over the catalogue rather than one profile.</summary>
public class AnalysesTests
{
    private static readonly StrataApplication App = Shared.App;

    [Fact]
    public void Matrix_ScenarioWithAVector_RanksChains()
    {
        var outcome = App.Matrix(MatrixRequest.ForScenario("hybrid"));

        outcome.Value!.Scenario.ShouldBe("hybrid");
        outcome.Value.Ranking.Ranking.ShouldNotBeEmpty();
    }

    [Fact]
    public void Matrix_NegativeComponent_IsBadInput()
    {
        var outcome = App.Matrix(MatrixRequest.ForVector([0, 0, -1, 0, 0, 1]));

        outcome.Problems.ShouldHaveSingleItem().Code.ShouldBe(ProblemCodes.BadVector);
    }

    [Fact]
    public void Matrix_WrongLength_IsBadInputSayingTheLength()
    {
        var outcome = App.Matrix(MatrixRequest.ForVector([0, 1]));

        var p = outcome.Problems.ShouldHaveSingleItem();
        p.Code.ShouldBe(ProblemCodes.BadVector);
        p.Message.ShouldStartWith("The vector has 2 components");
        p.Message.ShouldNotEndWith(".");
    }

    [Fact]
    public void Audit_All_FindsTheSeedsDefects()
    {
        var outcome = App.Audit(CatalogLocation.Bundled);

        outcome.Value!.Audits.ShouldContain(a => a.Table == "seed-004-weighted-evaluation");
        outcome.Kind.ShouldBe(outcome.Value.DefectChangesAWinner ? OutcomeKind.DomainNo : OutcomeKind.Success);
    }

    [Fact]
    public void Audit_UnknownId_IsBadInput()
    {
        App.Audit(CatalogLocation.Bundled, "seed-004-weighted-evaluatio").Problems.ShouldHaveSingleItem().Message
            .ShouldContain("did you mean 'seed-004-weighted-evaluation'?");
    }

    [Fact]
    public void Radar_OneScenario_PlacesTheWinnerInAdopt()
    {
        var outcome = App.Radar(CatalogLocation.Bundled, "edge");

        outcome.Value!.Entries.ShouldContain(e => e.Ring == Engine.Radar.Ring.Adopt);
    }

    [Fact]
    public void Radar_UnknownScenario_IsBadInput()
    {
        App.Radar(CatalogLocation.Bundled, "edgee").Problems.ShouldHaveSingleItem().Code.ShouldBe(ProblemCodes.UnknownScenario);
    }
}
