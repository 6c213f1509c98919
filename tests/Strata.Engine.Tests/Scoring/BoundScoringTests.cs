using System.Collections.Immutable;
using Strata.Catalog.Profiles;
using Strata.Engine.Decisions;
using Strata.Engine.Robustness;
using Strata.Engine.Scoring;
using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Facts;
using Strata.Model.Quantities;
using Strata.TestSupport;

namespace Strata.Engine.Tests.Scoring;

/// <summary>
/// A one-sided figure is scored over the part of the term's range it allows: at the middle of that part (in the term's
/// scale) in the point estimate, drawn over it in the Monte Carlo. Expected values are worked out by hand in each test.
/// </summary>
public sealed class BoundScoringTests
{
    /// <summary>Like the scalability term: cluster size in nodes on a log scale from 1 (worst) to 10,000 (best).</summary>
    private static readonly ValueTerm Nodes = new("node-range", ["orchestration"], Aggregate.Min, ["supported-limit", "tested-scale"],
        ScaleKind.Log, Quantity.Count(10000), Quantity.Count(1), ImmutableSortedDictionary<string, double>.Empty, 1);

    /// <summary>A lower-is-better linear term: 0 ms best, 100 ms worst.</summary>
    private static readonly ValueTerm Latency = new("added-latency", ["runtime"], Aggregate.Max, ["request"],
        ScaleKind.Linear, Quantity.FromBase(Dimension.Duration, 0), Quantity.FromBase(Dimension.Duration, 0.100), ImmutableSortedDictionary<string, double>.Empty, 1);

    private static Estimate AtLeast(double n) => Estimate.Bounded(BoundOperator.GreaterOrEqual, Quantity.Count(n));

    private static Fact FactOf(string name, Estimate e) =>
        new(name, new EstimateValue(e), new SourceReference(new Uri("https://example.org/report"), null, SourceGrade.Primary), "tested-scale");

    [Fact]
    public void Point_LowerBoundOnALogScale_IsTheGeometricMiddleOfWhatItAllows()
    {
        // ">= 1000" on 1..10,000: log10 1000 / log10 10,000 = 0.75 up to 1; the middle 0.875 is 10^3.5 nodes.
        var e = AtLeast(1000);

        StackScorer.AllowedRange(Nodes, e)!.Value.ShouldBe((0.75, 1.0), new PairTolerance());
        StackScorer.Point(Nodes, e).ShouldBe(Math.Pow(10, 3.5), 1e-6);
        StackScorer.Scale(Nodes, StackScorer.Point(Nodes, e)).ShouldBe(0.875, 1e-12);
    }

    [Fact]
    public void Point_UpperBoundOnALowerIsBetterLinearScale_IsTheMiddleBetweenTheBoundAndTheBestEnd()
    {
        // "< 20ms" on 100 ms (0) .. 0 ms (1): 20 ms is at 0.8; it allows 0.8..1, whose middle 0.9 is 10 ms.
        var e = Estimate.Bounded(BoundOperator.Less, Quantity.FromBase(Dimension.Duration, 0.020));

        var (low, high) = StackScorer.AllowedRange(Latency, e)!.Value;
        (low, high).ShouldBe((0.8, 1.0), new PairTolerance());
        StackScorer.Point(Latency, e).ShouldBe(0.010, 1e-12);
    }

    [Fact]
    public void Point_BoundBeyondTheRange_IsTheRangesEnd()
    {
        // ">= 100,000" nodes allows nothing below the term's best (10,000): it scores as the best.
        StackScorer.AllowedRange(Nodes, AtLeast(100000))!.Value.ShouldBe((1.0, 1.0), new PairTolerance());
        StackScorer.Point(Nodes, AtLeast(100000)).ShouldBe(10000, 1e-6);
    }

    [Fact]
    public void Point_TwoSidedEstimates_AreTheirCentralValue()
    {
        var range = Estimate.Between(Quantity.Count(100), Quantity.Count(300));

        StackScorer.AllowedRange(Nodes, range).ShouldBeNull();
        StackScorer.Point(Nodes, range).ShouldBe(200);
        StackScorer.Point(Nodes, Estimate.Point(Quantity.Count(5000))).ShouldBe(5000);
    }

    [Fact]
    public void FigureAt_LowerBound_IsDrawnOverWhatItAllowsInTheTermsScale()
    {
        // Quantile u of 0.75..1 in the log scale: 10^(4 (0.75 + 0.25 u)).
        var fact = FactOf("node-range", AtLeast(1000));

        MonteCarlo.FigureAt(Nodes, fact, 0).ShouldBe(1000, 1e-6);
        MonteCarlo.FigureAt(Nodes, fact, 0.5).ShouldBe(Math.Pow(10, 3.5), 1e-6);
        MonteCarlo.FigureAt(Nodes, fact, 1).ShouldBe(10000, 1e-6);
    }

    [Fact]
    public void FigureAt_UpperBound_IsDrawnFromTheBoundToTheBestEnd()
    {
        // "< 20ms" on 100 ms .. 0 ms: u = 0 is the bound itself (0.8 of the scale), u = 1 the best end, 0 ms.
        var fact = FactOf("added-latency", Estimate.Bounded(BoundOperator.Less, Quantity.FromBase(Dimension.Duration, 0.020))) with { Measures = "request" };

        MonteCarlo.FigureAt(Latency, fact, 0).ShouldBe(0.020, 1e-12);
        MonteCarlo.FigureAt(Latency, fact, 0.5).ShouldBe(0.010, 1e-12);
        MonteCarlo.FigureAt(Latency, fact, 1).ShouldBe(0, 1e-12);
    }

    [Fact]
    public void FigureAt_Range_IsStillDrawnOverItsOwnInterval()
    {
        var fact = FactOf("node-range", Estimate.Between(Quantity.Count(100), Quantity.Count(10000)));

        MonteCarlo.FigureAt(Nodes, fact, 0).ShouldBe(100, 1e-9);
        MonteCarlo.FigureAt(Nodes, fact, 0.5).ShouldBe(1000, 1e-6);
    }

    private static string Orchestrator(string id, string? nodeRange) => $$"""
        id: {{id}}
        name: {{id}}
        layer: orchestration
        summary: "A test orchestrator."
        facts:
          - { name: ha, value: true, source: { url: "https://example.org/{{id}}", grade: primary } }
        {{(nodeRange is null ? "" : $"  - {{ name: node-range, {nodeRange}, source: {{ url: \"https://example.org/{id}/scale\", grade: primary }} }}")}}
        """;

    [Fact]
    public void Decide_PublishedTestedScale_NoLongerScoresBelowNoFigure()
    {
        // Known figures 10 and 10,000 nodes (0.25 and 1 of the scale) put a missing figure at their middle, 0.625.
        // A test that ran 100 nodes read as 100 would score 0.5 and lose to the technology nobody tested; read as
        // ">= 100" it counts at the middle of 0.5..1, 0.75.
        using var dir = new TempCatalog();
        dir.Write("technologies/small.yaml", Orchestrator("small", "measures: supported-limit, value: 10"));
        dir.Write("technologies/large.yaml", Orchestrator("large", "measures: supported-limit, value: 10000"));
        dir.Write("technologies/tested.yaml", Orchestrator("tested", "measures: tested-scale, value: 100"));
        dir.Write("technologies/silent.yaml", Orchestrator("silent", null));
        var load = dir.Load();
        load.Errors.ShouldBeEmpty(string.Join("\n", load.Diagnostics));
        var catalog = load.Catalog!;
        catalog.Technology("tested")!.Facts.Single(f => f.Name == "node-range").Value.Display().ShouldBe(">= 100");
        var profile = ProfileLoader.Parse("p.yaml", "profile: bounds\nlayers: [orchestration]\nweights: { scalability: 1 }\n", catalog);
        profile.Diagnostics.ShouldBeEmpty(string.Join("\n", profile.Diagnostics));

        var decision = new DecisionEngine(catalog).Decide(profile.Profile!);

        double Scalability(string id) => decision.Ranking.Single(r => r.Layer("orchestration") == id).Criteria.Single(c => c.Criterion == "scalability").Value;
        Scalability("tested").ShouldBe(0.75, 1e-9);
        Scalability("silent").ShouldBe(0.625, 1e-9);
        decision.Ranking.Select(r => r.Layer("orchestration")).ShouldBe(["large", "tested", "silent", "small"]);
    }

    private sealed class PairTolerance : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) < 1e-12 && Math.Abs(a.Item2 - b.Item2) < 1e-12;

        public int GetHashCode((double, double) obj) => 0;
    }
}
