using System.Collections.Immutable;
using Strata.Catalog.Profiles;
using Strata.Catalog.Reading;
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
/// A figure at a measure the vocabulary declares one-sided (a tested scale) is scored over the part of the term's range
/// it allows: at the middle of that part (in the term's scale) in the point estimate, drawn over it in the Monte Carlo.
/// A bound at any other measure is the limit its source guarantees: read as that limit, drawn next to it as before.
/// Expected values are worked out by hand in each test.
/// </summary>
public sealed class BoundScoringTests
{
    /// <summary>Like the scalability term: cluster size in nodes on a log scale from 1 (worst) to 10,000 (best).</summary>
    private static readonly ValueTerm Nodes = new("node-range", ["orchestration"], Aggregate.Min, ["supported-limit", "tested-scale"],
        ScaleKind.Log, Quantity.Count(10000), Quantity.Count(1), ImmutableSortedDictionary<string, double>.Empty, 1);

    /// <summary>A lower-is-better linear term: 0 ms best, 100 ms worst.</summary>
    private static readonly ValueTerm Latency = new("added-latency", ["runtime"], Aggregate.Max, ["request"],
        ScaleKind.Linear, Quantity.FromBase(Dimension.Duration, 0), Quantity.FromBase(Dimension.Duration, 0.100), ImmutableSortedDictionary<string, double>.Empty, 1);

    /// <summary>
    /// A vocabulary declaring tested-scale one-sided (as catalog/vocabulary.yaml does) and, for the upper-bound cases
    /// only, "request" at-most; every other measure (supported-limit, boot) is not.
    /// </summary>
    private static readonly Vocabulary Declared = VocabularyReader.Empty with
    {
        MeasureBounds = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("tested-scale", BoundOperator.GreaterOrEqual),
            KeyValuePair.Create("request", BoundOperator.LessOrEqual)]),
    };

    private static Estimate AtLeast(double n) => Estimate.Bounded(BoundOperator.GreaterOrEqual, Quantity.Count(n));

    private static Estimate Below(double seconds) => Estimate.Bounded(BoundOperator.Less, Quantity.FromBase(Dimension.Duration, seconds));

    private static Fact FactOf(string name, Estimate e, string measures = "tested-scale") =>
        new(name, new EstimateValue(e), new SourceReference(new Uri("https://example.org/report"), null, SourceGrade.Primary), measures);

    [Fact]
    public void Point_LowerBoundAtAOneSidedMeasureOnALogScale_IsTheGeometricMiddleOfWhatItAllows()
    {
        // ">= 1000" on 1..10,000: log10 1000 / log10 10,000 = 0.75 up to 1; the middle 0.875 is 10^3.5 nodes.
        var fact = FactOf("node-range", AtLeast(1000));

        StackScorer.OneSidedRange(Nodes, fact, Declared)!.Value.ShouldBe((0.75, 1.0), new PairTolerance());
        StackScorer.Point(Nodes, fact, Declared).ShouldBe(Math.Pow(10, 3.5), 1e-6);
        StackScorer.Scale(Nodes, StackScorer.Point(Nodes, fact, Declared)).ShouldBe(0.875, 1e-12);
    }

    [Fact]
    public void Point_UpperBoundAtAOneSidedMeasureOnALowerIsBetterLinearScale_IsTheMiddleBetweenTheBoundAndTheBestEnd()
    {
        // "< 20ms" on 100 ms (0) .. 0 ms (1): 20 ms is at 0.8; it allows 0.8..1, whose middle 0.9 is 10 ms.
        var fact = FactOf("added-latency", Below(0.020), "request");

        StackScorer.OneSidedRange(Latency, fact, Declared)!.Value.ShouldBe((0.8, 1.0), new PairTolerance());
        StackScorer.Point(Latency, fact, Declared).ShouldBe(0.010, 1e-12);
    }

    [Fact]
    public void Point_BoundBeyondTheRange_IsTheRangesEnd()
    {
        // ">= 100,000" nodes allows nothing below the term's best (10,000): it scores as the best.
        var fact = FactOf("node-range", AtLeast(100000));

        StackScorer.OneSidedRange(Nodes, fact, Declared)!.Value.ShouldBe((1.0, 1.0), new PairTolerance());
        StackScorer.Point(Nodes, fact, Declared).ShouldBe(10000, 1e-6);
    }

    [Fact]
    public void Point_BoundAtAMeasureNotDeclaredOneSided_IsTheLimitItGuarantees()
    {
        // A documented ">= 1800" supported nodes and a specification's "< 125ms" boot are limits, not tests: read as the limit.
        var supported = FactOf("node-range", AtLeast(1800), "supported-limit");
        var boot = FactOf("added-latency", Below(0.125), "boot");

        StackScorer.OneSidedRange(Nodes, supported, Declared).ShouldBeNull();
        StackScorer.Point(Nodes, supported, Declared).ShouldBe(1800);
        StackScorer.OneSidedRange(Latency, boot, Declared).ShouldBeNull();
        StackScorer.Point(Latency, boot, Declared).ShouldBe(0.125);
    }

    [Fact]
    public void Point_TwoSidedEstimatesAtAOneSidedMeasure_AreTheirCentralValue()
    {
        var range = FactOf("node-range", Estimate.Between(Quantity.Count(100), Quantity.Count(300)));

        StackScorer.OneSidedRange(Nodes, range, Declared).ShouldBeNull();
        StackScorer.Point(Nodes, range, Declared).ShouldBe(200);
        StackScorer.Point(Nodes, FactOf("node-range", Estimate.Point(Quantity.Count(5000)), "supported-limit"), Declared).ShouldBe(5000);
    }

    [Fact]
    public void FigureAt_LowerBoundAtAOneSidedMeasure_IsDrawnOverWhatItAllowsInTheTermsScale()
    {
        // Quantile u of 0.75..1 in the log scale: 10^(4 (0.75 + 0.25 u)).
        var fact = FactOf("node-range", AtLeast(1000));

        MonteCarlo.FigureAt(Nodes, fact, Declared, 0).ShouldBe(1000, 1e-6);
        MonteCarlo.FigureAt(Nodes, fact, Declared, 0.5).ShouldBe(Math.Pow(10, 3.5), 1e-6);
        MonteCarlo.FigureAt(Nodes, fact, Declared, 1).ShouldBe(10000, 1e-6);
    }

    [Fact]
    public void FigureAt_UpperBoundAtAOneSidedMeasure_IsDrawnFromTheBoundToTheBestEnd()
    {
        // "< 20ms" on 100 ms .. 0 ms: u = 0 is the bound itself (0.8 of the scale), u = 1 the best end, 0 ms.
        var fact = FactOf("added-latency", Below(0.020), "request");

        MonteCarlo.FigureAt(Latency, fact, Declared, 0).ShouldBe(0.020, 1e-12);
        MonteCarlo.FigureAt(Latency, fact, Declared, 0.5).ShouldBe(0.010, 1e-12);
        MonteCarlo.FigureAt(Latency, fact, Declared, 1).ShouldBe(0, 1e-12);
    }

    [Fact]
    public void FigureAt_BoundAtAMeasureNotDeclaredOneSided_IsDrawnNextToItsLimit()
    {
        // "< 125ms" between 62.5 and 125 ms (linear); ">= 1800" nodes between 1,800 and 3,600 (log-uniform: the middle is 1800·√2).
        var boot = FactOf("added-latency", Below(0.125), "boot");
        var supported = FactOf("node-range", AtLeast(1800), "supported-limit");

        MonteCarlo.FigureAt(Latency, boot, Declared, 0).ShouldBe(0.0625, 1e-12);
        MonteCarlo.FigureAt(Latency, boot, Declared, 1).ShouldBe(0.125, 1e-12);
        MonteCarlo.FigureAt(Nodes, supported, Declared, 0).ShouldBe(1800, 1e-6);
        MonteCarlo.FigureAt(Nodes, supported, Declared, 0.5).ShouldBe(1800 * Math.Sqrt(2), 1e-6);
        MonteCarlo.FigureAt(Nodes, supported, Declared, 1).ShouldBe(3600, 1e-6);
    }

    [Fact]
    public void FigureAt_Range_IsStillDrawnOverItsOwnInterval()
    {
        var fact = FactOf("node-range", Estimate.Between(Quantity.Count(100), Quantity.Count(10000)));

        MonteCarlo.FigureAt(Nodes, fact, Declared, 0).ShouldBe(100, 1e-9);
        MonteCarlo.FigureAt(Nodes, fact, Declared, 0.5).ShouldBe(1000, 1e-6);
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

    /// <summary>
    /// Decides a scalability-only profile over four orchestrators: 10 and 10,000 supported nodes, a third with
    /// <paramref name="thirdNodeRange"/>, and one with no figure. The catalogue's errors and the profile's diagnostics must be empty.
    /// </summary>
    private static (Strata.Model.Entities.Catalog Catalog, Strata.Engine.Decisions.Decision Decision) DecideScalability(string third, string thirdNodeRange)
    {
        using var dir = new TempCatalog();
        dir.Write("technologies/small.yaml", Orchestrator("small", "measures: supported-limit, value: 10"));
        dir.Write("technologies/large.yaml", Orchestrator("large", "measures: supported-limit, value: 10000"));
        dir.Write($"technologies/{third}.yaml", Orchestrator(third, thirdNodeRange));
        dir.Write("technologies/silent.yaml", Orchestrator("silent", null));
        var load = dir.Load();
        load.Errors.ShouldBeEmpty(string.Join("\n", load.Diagnostics));
        var profile = ProfileLoader.Parse("p.yaml", "profile: bounds\nlayers: [orchestration]\nweights: { scalability: 1 }\n", load.Catalog!);
        profile.Diagnostics.ShouldBeEmpty(string.Join("\n", profile.Diagnostics));
        return (load.Catalog!, new DecisionEngine(load.Catalog!).Decide(profile.Profile!));
    }

    private static double Scalability(Strata.Engine.Decisions.Decision decision, string id) =>
        decision.Ranking.Single(r => r.Layer("orchestration") == id).Criteria.Single(c => c.Criterion == "scalability").Value;

    [Fact]
    public void Decide_PublishedTestedScale_NoLongerScoresBelowNoFigure()
    {
        // Known figures 10 and 10,000 nodes (0.25 and 1 of the scale) put a missing figure at their middle, 0.625.
        // A test that ran 100 nodes read as 100 would score 0.5 and lose to the technology nobody tested; read as
        // ">= 100" it counts at the middle of 0.5..1, 0.75.
        var (catalog, decision) = DecideScalability("tested", "measures: tested-scale, value: 100");
        catalog.Technology("tested")!.Facts.Single(f => f.Name == "node-range").Value.Display().ShouldBe(">= 100");
        Scalability(decision, "tested").ShouldBe(0.75, 1e-9);
        Scalability(decision, "silent").ShouldBe(0.625, 1e-9);
        decision.Ranking.Select(r => r.Layer("orchestration")).ShouldBe(["large", "tested", "silent", "small"]);
    }

    [Fact]
    public void Decide_BoundAtASupportedLimit_KeepsItsLimit()
    {
        // Same catalogue, but the 100 is a documented ">= 100" supported limit: not one-sided by the vocabulary, it reads
        // as 100 (0.5 of the scale) and stays below the technology with no figure (0.625).
        var (_, decision) = DecideScalability("documented", "measures: supported-limit, value: \">= 100\"");
        Scalability(decision, "documented").ShouldBe(0.5, 1e-9);
        Scalability(decision, "silent").ShouldBe(0.625, 1e-9);
        decision.Ranking.Select(r => r.Layer("orchestration")).ShouldBe(["large", "silent", "documented", "small"]);
    }

    private sealed class PairTolerance : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) < 1e-12 && Math.Abs(a.Item2 - b.Item2) < 1e-12;

        public int GetHashCode((double, double) obj) => 0;
    }
}
