using System.Collections.Immutable;
using Strata.Application.Requests;
using Strata.Model.Diagnostics;
using Strata.TestSupport;

namespace Strata.Application.Tests;

/// <summary>What every decision starts from: the catalogue, measurements, the profile, host facts and the weights' consistency.</summary>
public class StrataApplicationTests
{
    private static readonly StrataApplication App = Shared.App;

    [Fact]
    public void Decide_ProfileTextWithAnError_ReportsLineAndColumnInsideTheText()
    {
        var yaml = "profile: web\nconstraints:\n  nodes: 3\n  cold_start: < 100 parsecs\n";

        var outcome = App.Decide(new DecisionRequest(ProfileSource.Text("request body", yaml)));

        outcome.Kind.ShouldBe(OutcomeKind.BadInput);
        outcome.Failed.ShouldBe(RequestPart.Profile);
        outcome.Value.ShouldBeNull();
        var d = outcome.Diagnostics.ShouldHaveSingleItem();
        d.Severity.ShouldBe(Severity.Error);
        d.Location.ShouldBe(new SourceLocation("request body", 4, 15));
    }

    [Fact]
    public void Decide_ProfileTextOfAnExample_DecidesAsTheFileDoes()
    {
        var path = Path.Combine(RepoPaths.Root, "examples", "edge.yaml");

        var fromFile = App.Decide(new DecisionRequest(ProfileSource.Path(path)));
        var fromText = App.Decide(new DecisionRequest(ProfileSource.Text("edge.yaml", File.ReadAllText(path))));

        fromText.Kind.ShouldBe(OutcomeKind.Success);
        fromText.Value!.Profile.Source.ShouldBe("edge.yaml");
        fromText.Value.Winner!.Stack.ShouldBe(fromFile.Value!.Winner!.Stack);
        fromText.Value.Ranking.Select(r => r.Score).ShouldBe(fromFile.Value.Ranking.Select(r => r.Score));
    }

    [Fact]
    public void Check_BadInputs_FailAsDecideFailsThem()
    {
        DecisionRequest[] requests =
        [
            new(ProfileSource.Text("request body", "profile: web\nconstraints:\n  cold_start: < 100 parsecs\n")),
            new(ProfileSource.Scenario("edgee")),
            new(ProfileSource.Path("no-such-profile.yaml")),
            new(ProfileSource.Text("ahp.yaml", Shared.InconsistentAhp)),
            new(ProfileSource.Scenario("edge")) { Evidence = "rumour" },
        ];

        foreach (var request in requests)
        {
            var decided = App.Decide(request);
            var checkedOnly = App.Check(request);

            checkedOnly.Kind.ShouldBe(OutcomeKind.BadInput);
            checkedOnly.Failed.ShouldBe(decided.Failed);
            checkedOnly.Diagnostics.ShouldBe(decided.Diagnostics);
            checkedOnly.Problems.ShouldBe(decided.Problems);
        }
    }

    [Fact]
    public void Check_GoodRequest_GivesTheProfileWithTheRequestApplied()
    {
        // Forced inconsistent AHP passes; the given host facts replace the profile's.
        var request = new DecisionRequest(ProfileSource.Text("ahp.yaml", Shared.InconsistentAhp))
        {
            ForceAhp = true,
            Host = HostSource.Given(ImmutableSortedDictionary<string, bool>.Empty.Add("kvm", false)),
        };

        var outcome = App.Check(request);

        outcome.Kind.ShouldBe(OutcomeKind.Success);
        outcome.Value!.Name.ShouldBe("ahp");
        outcome.Value.Source.ShouldBe("ahp.yaml");
        outcome.Value.Host["kvm"].ShouldBeFalse();
        outcome.Value.Ahp.Keys.ShouldBe(["performance", "resources", "startup"]);
    }

    [Fact]
    public void Decide_ScenarioId_DecidesThatScenario()
    {
        var outcome = App.Decide(new DecisionRequest(ProfileSource.Scenario("edge")));

        outcome.Kind.ShouldBe(OutcomeKind.Success);
        outcome.Diagnostics.ShouldBeEmpty();
        outcome.Value!.Profile.Scenario.ShouldBe("edge");
        outcome.Value.Winner.ShouldNotBeNull();
        outcome.Value.Robustness.ShouldBeNull();
    }

    [Fact]
    public void Decide_UnknownScenarioId_IsBadInputWithTheNearestId()
    {
        var outcome = App.Decide(new DecisionRequest(ProfileSource.Scenario("edgee")));

        outcome.Kind.ShouldBe(OutcomeKind.BadInput);
        outcome.Failed.ShouldBe(RequestPart.Profile);
        var p = outcome.Problems.ShouldHaveSingleItem();
        p.Code.ShouldBe(ProblemCodes.UnknownScenario);
        p.Message.ShouldContain("did you mean 'edge'?");
    }

    [Fact]
    public void Decide_PathThatIsNeitherFileNorScenario_IsADiagnosticAtThatPath()
    {
        var outcome = App.Decide(new DecisionRequest(ProfileSource.Path("no-such-profile.yaml")));

        outcome.Kind.ShouldBe(OutcomeKind.BadInput);
        outcome.Diagnostics.ShouldHaveSingleItem().Location.ShouldBe(new SourceLocation("no-such-profile.yaml", 1, 1));
    }

    [Fact]
    public void Decide_InconsistentAhp_IsBadInputUnlessForced()
    {
        var request = new DecisionRequest(ProfileSource.Text("ahp.yaml", Shared.InconsistentAhp));

        var refused = App.Decide(request);
        var forced = App.Decide(request with { ForceAhp = true });

        refused.Kind.ShouldBe(OutcomeKind.BadInput);
        refused.Failed.ShouldBe(RequestPart.Weights);
        var p = refused.Problems.ShouldHaveSingleItem();
        p.Code.ShouldBe(ProblemCodes.InconsistentWeights);
        p.Subject.ShouldBe("ahp.yaml");
        p.Message.ShouldContain("consistency ratio");
        forced.Kind.ShouldBe(OutcomeKind.Success);
    }

    [Fact]
    public void Decide_InfeasibleProfile_IsADomainNoWithRelaxations()
    {
        var outcome = App.Decide(new DecisionRequest(ProfileSource.Text("impossible.yaml", Shared.Impossible)));

        outcome.Kind.ShouldBe(OutcomeKind.DomainNo);
        outcome.Problems.ShouldBeEmpty();
        outcome.Value!.Feasible.ShouldBeFalse();
        outcome.Value.Relaxations.Select(r => r.Relax[0]).ShouldContain("cold_start");
        outcome.Value.Relaxations.ShouldAllBe(r => !r.Admits.IsEmpty);
    }

    [Fact]
    public void Decide_WithRobustness_AnalysesTheDecision()
    {
        var outcome = App.Decide(new DecisionRequest(ProfileSource.Scenario("edge")) { Robustness = new(Samples: 50, Seed: 7) });

        outcome.Value!.Robustness!.MonteCarlo!.Seed.ShouldBe(7);
    }

    [Fact]
    public void Decide_MissingCatalogueDirectory_IsBadInput()
    {
        var outcome = App.Decide(new DecisionRequest(ProfileSource.Scenario("edge")) { Catalog = CatalogLocation.InDirectory("/no/such/catalogue") });

        outcome.Failed.ShouldBe(RequestPart.Catalogue);
        outcome.Problems.ShouldHaveSingleItem().Code.ShouldBe(ProblemCodes.NoCatalogue);
    }

    [Fact]
    public void Decide_BrokenCatalogue_IsBadInputWithItsDiagnosticsAndASummary()
    {
        using var dir = new TempCatalog();
        var file = dir.Write("technologies/tiny.yaml", "id: tiny\nname: Tiny\nlayer: runtimes\n");

        var outcome = App.Decide(new DecisionRequest(ProfileSource.Scenario("edge")) { Catalog = CatalogLocation.InDirectory(dir.Dir) });

        outcome.Failed.ShouldBe(RequestPart.Catalogue);
        outcome.Diagnostics.ShouldContain(d => d.Location.File == file && d.Severity == Severity.Error);
        var summary = outcome.Problems.ShouldHaveSingleItem();
        summary.Code.ShouldBe(ProblemCodes.InvalidCatalogue);
        summary.Subject.ShouldBe(dir.Dir);
    }

    [Fact]
    public void Decide_UnknownEvidencePolicy_IsBadInput()
    {
        var outcome = App.Decide(new DecisionRequest(ProfileSource.Scenario("edge")) { Evidence = "sourcd" });

        outcome.Problems.ShouldHaveSingleItem().Message.ShouldContain("did you mean 'sourced'?");
    }

    [Fact]
    public void Decide_GivenHostFacts_OverrideTheProfilesHostBlock()
    {
        var facts = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("kvm", false)]);

        var outcome = App.Decide(new DecisionRequest(ProfileSource.Scenario("edge")) { Host = HostSource.Given(facts) });

        outcome.Value!.Profile.Host["kvm"].ShouldBeFalse();
    }

    [Fact]
    public void Decide_UnknownGivenHostFact_IsBadInput()
    {
        var facts = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("kvmm", true)]);

        var outcome = App.Decide(new DecisionRequest(ProfileSource.Scenario("edge")) { Host = HostSource.Given(facts) });

        outcome.Failed.ShouldBe(RequestPart.Host);
        outcome.Problems.ShouldHaveSingleItem().Message.ShouldContain("did you mean 'kvm'?");
    }

    [Fact]
    public void Decide_HostFileWithAnError_IsBadInputAtItsPlace()
    {
        using var dir = new TempCatalog(withBase: false);
        var file = dir.Write("host.yaml", "host:\n  kvm: maybe\n");

        var outcome = App.Decide(new DecisionRequest(ProfileSource.Scenario("edge")) { Host = HostSource.File(file) });

        outcome.Failed.ShouldBe(RequestPart.Host);
        outcome.Diagnostics.ShouldHaveSingleItem().Location.ShouldBe(new SourceLocation(file, 2, 8));
    }

    [Fact]
    public void Decide_MeasurementsOfAnUnknownTechnology_IsBadInput()
    {
        using var dir = new TempCatalog(withBase: false);
        var file = dir.Write("m.yaml", "measured:\n  - technology: runcc\n    facts: []\n");

        var outcome = App.Decide(new DecisionRequest(ProfileSource.Scenario("edge")) { Measurements = file });

        outcome.Failed.ShouldBe(RequestPart.Measurements);
        outcome.Diagnostics.ShouldContain(d => d.Location.File == file && d.Message.Contains("'runc'"));
    }

    [Fact]
    public void Decide_ManyRequestsAtOnce_AnswerAsOneAtATime()
    {
        string[] scenarios = ["edge", "serverless", "ai-inference", "multi-tenant", "hybrid", "edge", "serverless", "hybrid"];
        var one = scenarios.Select(s => App.Decide(new DecisionRequest(ProfileSource.Scenario(s))).Value!).ToList();

        var many = scenarios.AsParallel().AsOrdered().WithDegreeOfParallelism(8)
            .Select(s => App.Decide(new DecisionRequest(ProfileSource.Scenario(s))).Value!).ToList();

        many.Select(d => d.Winner!.Stack).ShouldBe(one.Select(d => d.Winner!.Stack));
        many.Select(d => d.Ranking.Length).ShouldBe(one.Select(d => d.Ranking.Length));
    }

    [Fact]
    public void Today_IsTheClocksLocalDate()
    {
        var app = new StrataApplication(new CatalogCache(), new FixedClock(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero)));

        app.Today.ShouldBe("2026-03-04");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
