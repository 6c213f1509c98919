using Strata.Engine.Decisions;
using Strata.Engine.Evidence;
using Strata.Engine.Matching;
using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Facts;
using Strata.Model.Quantities;

namespace Strata.Engine.Tests;

/// <summary>M(T,R): match, partial and mismatch for each way of comparing.</summary>
public class SpecMatcherTests
{
    private static Technology Tech(string fact, string value, string measures = "unspecified") => new(
        "t", "T", "runtime", "", null, [], null,
        [new Fact(fact, new EstimateValue(QuantityParser.ParseEstimate(value).Value), new SeedReference("003", "17.3.2"), measures)],
        [], [], new("t.yaml", 1, 1));

    private static Verdict Match(string constraint, string required, Technology tech)
    {
        var catalog = EngineFixture.Catalog;
        var def = catalog.Vocabulary.Constraints[constraint];
        var field = Strata.Model.Conditions.ProfileFields.All.First(f => f.Name == constraint);
        var value = new QuantityConstraint(QuantityParser.ParseEstimate(required, field.Dimension).Value);
        return new SpecMatcher(catalog, FactSelector.SeedFirst).Match(tech, def, new EffectiveConstraint(constraint, value, RequirementOrigin.Profile)).Verdict;
    }

    [Theory]
    [InlineData("50ms", "< 100ms", Verdict.Match)]
    [InlineData("< 50ms", "< 50ms", Verdict.Match)]
    [InlineData("100ms", "< 100ms", Verdict.Mismatch)]
    [InlineData("100ms", "<= 100ms", Verdict.Match)]
    [InlineData("6ms..10ms", "< 100ms", Verdict.Match)]
    [InlineData("50ms..200ms", "< 100ms", Verdict.Partial)]
    [InlineData("1s..2s", "< 100ms", Verdict.Mismatch)]
    [InlineData("<= 125ms", "< 100ms", Verdict.Partial)]
    [InlineData("{ p50: 12ms, p99: 60ms }", "< 100ms", Verdict.Match)]
    public void AtMost_ColdStart(string techValue, string required, Verdict expected)
    {
        var tech = techValue.StartsWith('{')
            ? new Technology("t", "T", "runtime", "", null, [], null,
                [new Fact("startup", new EstimateValue(Estimate.FromPercentiles(new Dictionary<string, Quantity>
                {
                    ["p50"] = QuantityParser.ParseQuantity("12ms").Value,
                    ["p99"] = QuantityParser.ParseQuantity("60ms").Value,
                })), new SeedReference("003", "17.3.2"), "unspecified")], [], [], new("t.yaml", 1, 1))
            : Tech("startup", techValue);
        Match("cold_start", required, tech).ShouldBe(expected);
    }

    [Theory]
    [InlineData("~250MB", "512MiB..2GiB", Verdict.Match)]
    [InlineData("1GB", "512MiB..2GiB", Verdict.Partial)]
    [InlineData("4GB", "512MiB..2GiB", Verdict.Mismatch)]
    public void Fits_NodeMemory(string demand, string capacity, Verdict expected)
    {
        var tech = new Technology("o", "O", "orchestration", "", null, [], null,
            [new Fact("node-memory", new EstimateValue(QuantityParser.ParseEstimate(demand).Value), new SeedReference("003", "17.3.1"), "unspecified")],
            [], [], new("o.yaml", 1, 1));
        Match("node_memory", capacity, tech).ShouldBe(expected);
    }

    [Theory]
    [InlineData("1..1000", "500", Verdict.Match)]
    [InlineData("1..1000", "2000", Verdict.Mismatch)]
    [InlineData("1..1000", "500..2000", Verdict.Partial)]
    // Tested at 1,800 nodes or more: that proves 1,000, not 5,000 (an open lower bound is not evidence of more).
    [InlineData(">= 1800", "1000", Verdict.Match)]
    [InlineData(">= 1800", "5000", Verdict.Partial)]
    public void AtLeast_Nodes(string range, string nodes, Verdict expected)
    {
        var tech = new Technology("o", "O", "orchestration", "", null, [], null,
            [new Fact("node-range", new EstimateValue(QuantityParser.ParseEstimate(range).Value), new SeedReference("003", "17.3.1"), "tested-scale")],
            [], [], new("o.yaml", 1, 1));
        Match("nodes", nodes, tech).ShouldBe(expected);
    }

    [Fact]
    public void Match_TechnologyWithoutTheFigure_IsUnknownNeverASilentMatch()
    {
        var tech = new Technology("t", "T", "runtime", "", null, [], null, [], [], [], new("t.yaml", 1, 1));
        Match("cold_start", "< 100ms", tech).ShouldBe(Verdict.Unknown);
    }

    [Fact]
    public void Match_OnlyMeasurementsThatCount_AreCompared()
    {
        // A limit per node (pods per node) says nothing about how many nodes a cluster may have: nodes ignores it.
        var tech = new Technology("o", "O", "orchestration", "", null, [], null,
            [new Fact("node-range", new EstimateValue(QuantityParser.ParseEstimate("5000").Value), new SeedReference("003", "17.3.1"), "per-node-limit")],
            [], [], new("o.yaml", 1, 1));
        Match("nodes", "1000", tech).ShouldBe(Verdict.Unknown);
    }
}
