using System.Text.Json;
using Strata.TestSupport;

namespace Strata.Cli.Tests.Commands;

public class RecommendCommandTests
{
    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", name);

    [Fact]
    public void Recommend_EdgeExampleJson_FollowsTheContract()
    {
        var r = CliRunner.Run("recommend", Example("edge.yaml"), "-o", "json");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        root.GetProperty("profile").GetString().ShouldBe("edge-platform");
        root.GetProperty("catalog").GetProperty("version").GetString().ShouldNotBeNullOrEmpty();
        root.GetProperty("catalog").GetProperty("digest").GetString()!.ShouldStartWith("sha256:");
        var first = root.GetProperty("ranking")[0];
        first.GetProperty("rank").GetInt32().ShouldBe(1);
        first.GetProperty("stack").GetProperty("orchestration").GetString().ShouldBe("k3s");
        first.GetProperty("score").GetDouble().ShouldBeInRange(0, 1);
        first.GetProperty("verdict").GetString().ShouldBeOneOf("match", "partial");
        foreach (var c in first.GetProperty("criteria").EnumerateObject())
        {
            c.Value.GetDouble().ShouldBeInRange(0, 1);
        }
        var runc = root.GetProperty("eliminated").EnumerateArray().First(e => e.GetProperty("technology").GetString() == "runc");
        runc.GetProperty("layer").GetString().ShouldBe("runtime");
        runc.GetProperty("constraint").GetString().ShouldBe("cold_start");
        runc.GetProperty("expected").GetString().ShouldNotBeNullOrEmpty();
        runc.GetProperty("actual").GetString().ShouldNotBeNullOrEmpty();
        runc.GetProperty("verdict").GetString().ShouldBe("mismatch");
        root.GetProperty("derived").EnumerateArray().ShouldAllBe(d => d.GetProperty("provenance").GetProperty("kind").GetString() != null);
    }

    [Fact]
    public void Recommend_ScenarioId_WorksAsAProfile()
    {
        var r = CliRunner.Run("recommend", "edge", "-o", "json");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        r.Out.ShouldContain("\"scenario\": \"edge\"");
    }

    [Fact]
    public void Recommend_Twice_IsByteIdentical() =>
        CliRunner.Run("recommend", Example("serverless.yaml"), "-o", "json").Out.ShouldBe(CliRunner.Run("recommend", Example("serverless.yaml"), "-o", "json").Out);

    [Fact]
    public void Recommend_Infeasible_ExitsOneAndNamesTheConflict()
    {
        using var dir = new TempCatalog(withBase: false);
        var file = dir.Write("impossible.yaml", "profile: impossible\nconstraints:\n  cold_start: < 1ms\n  isolation: \">= vm\"\n");
        var r = CliRunner.Run("recommend", file);
        r.ExitCode.ShouldBe(ExitCodes.No);
        r.Out.ShouldContain("Nothing is feasible");
        r.Out.ShouldContain("cold_start, isolation");
    }

    [Fact]
    public void Recommend_BadProfile_ReportsEveryProblemWithPositionsAndExitsTwo()
    {
        using var dir = new TempCatalog(withBase: false);
        var file = dir.Write("bad.yaml", "profile: bad\nscenario: edgy\nconstraints:\n  cold_start: < 100mss\n  nodez: 3\n");
        var r = CliRunner.Run("recommend", file, "-o", "json");
        r.ExitCode.ShouldBe(ExitCodes.BadInput);
        r.Out.ShouldBeEmpty();
        r.Error.ShouldContain($"{file}:2:11: error[dangling-reference]");
        r.Error.ShouldContain("did you mean 'edge'?");
        r.Error.ShouldContain($"{file}:4:15: error[unknown-unit]");
        r.Error.ShouldContain($"{file}:5:3: error[unknown-field]");
        r.Error.ShouldContain("did you mean 'nodes'?");
    }

    [Fact]
    public void Recommend_UnknownProfile_SuggestsAScenario()
    {
        var r = CliRunner.Run("recommend", "edg");
        r.ExitCode.ShouldBe(ExitCodes.BadInput);
        r.Error.ShouldContain("did you mean 'edge'?");
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    public void Recommend_HumanFormats_ShowTheChoiceAndTheEliminations(string format)
    {
        var r = CliRunner.Run("recommend", Example("edge.yaml"), "-o", format);
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        r.Out.ShouldContain("k3s");
        r.Out.ShouldContain("runc");
        r.Out.ShouldContain("cold_start");
    }
}

public class TreeCommandTests
{
    [Fact]
    public void Tree_GlobalOnTheEdgeExample_TakesTheEdgePathToK3s()
    {
        var r = CliRunner.Run("tree", "global", Path.Combine(RepoPaths.Root, "examples", "edge.yaml"), "-o", "json");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("outcome").GetProperty("orchestration").GetString().ShouldBe("k3s");
        doc.RootElement.GetProperty("path").EnumerateArray().Select(s => s.GetProperty("node").GetString()).ShouldContain("edge-path");
    }

    [Fact]
    public void Tree_Unknown_ListsTheTrees()
    {
        var r = CliRunner.Run("tree", "globl", "edge");
        r.ExitCode.ShouldBe(ExitCodes.BadInput);
        r.Error.ShouldContain("did you mean 'global'?");
    }
}
