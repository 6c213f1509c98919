using System.Text.Json;

namespace Strata.Cli.Tests.Commands;

public class FleetCommandTests
{
    private static string Node(string name, string arch, string memory, string labels = "") =>
        $"{{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{{\"name\":\"{name}\",\"labels\":{{\"kubernetes.io/arch\":\"{arch}\"{labels}}}}}," +
        $"\"status\":{{\"capacity\":{{\"cpu\":\"8\",\"memory\":\"{memory}\"}},\"nodeInfo\":{{\"architecture\":\"{arch}\",\"kernelVersion\":\"6.1.0-21-amd64\"}}}}}}";

    private static string Temp(string name, string content)
    {
        var dir = Directory.CreateTempSubdirectory("strata-fleet-cli-").FullName;
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Plan_EveryNodeFeasible_ExitsZeroAndWritesJsonLines()
    {
        var inventory = Temp("nodes.jsonl", Node("w1", "amd64", "32Gi", ",\"feature.node.kubernetes.io/cpu-cpuid.VMX\":\"true\"") + "\n");
        var r = CliRunner.Run("fleet", "plan", inventory, "--profile", "microservices", "-o", "jsonl");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        var line = JsonDocument.Parse(r.Out.Trim()).RootElement;
        line.GetProperty("node").GetString().ShouldBe("w1");
        line.GetProperty("facts").GetProperty("kvm").GetBoolean().ShouldBeTrue();
        line.GetProperty("stack").EnumerateObject().ShouldNotBeEmpty();
    }

    [Fact]
    public void Plan_SomeNodesInfeasible_ExitsOneAndListsThemByReason()
    {
        var inventory = Temp("nodes.json", "{\"apiVersion\":\"v1\",\"items\":[" + Node("tiny", "arm64", "256Mi") + "],\"kind\":\"List\"}");
        var r = CliRunner.Run("fleet", "plan", inventory, "--profile", "edge", "-o", "json");
        r.ExitCode.ShouldBe(ExitCodes.No, r.Error);
        var plan = JsonDocument.Parse(r.Out).RootElement;
        plan.GetProperty("infeasible_nodes").GetInt64().ShouldBe(1);
        var group = plan.GetProperty("infeasible")[0];
        group.GetProperty("examples")[0].GetString().ShouldBe("tiny");
        group.GetProperty("smallest_relaxation").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Plan_TruncatedInventory_ExitsTwoWithPositionAndWritesNothing()
    {
        var inventory = Temp("cut.json", "{\"apiVersion\":\"v1\",\"items\":[\n" + Node("w1", "amd64", "32Gi")[..60]);
        var outDir = Path.Combine(Path.GetDirectoryName(inventory)!, "out");
        var r = CliRunner.Run("fleet", "plan", inventory, "--profile", "edge", "--manifests", outDir);
        r.ExitCode.ShouldBe(ExitCodes.BadInput);
        r.Error.ShouldContain($"{inventory}:2:");
        r.Error.ShouldContain("error (byte ");
        (Directory.Exists(outDir) ? Directory.GetFiles(outDir) : []).ShouldBeEmpty();
    }

    [Fact]
    public void Plan_UnknownProfile_ExitsTwo()
    {
        var inventory = Temp("nodes.jsonl", Node("w1", "amd64", "32Gi") + "\n");
        CliRunner.Run("fleet", "plan", inventory, "--profile", "no-such-scenario").ExitCode.ShouldBe(ExitCodes.BadInput);
    }

    [Fact]
    public void Synth_SameSeed_SameBytes_AndAValidNodeList()
    {
        var a = CliRunner.Run("fleet", "synth", "--nodes", "50", "--seed", "9");
        var b = CliRunner.Run("fleet", "synth", "--nodes", "50", "--seed", "9");
        a.ExitCode.ShouldBe(ExitCodes.Ok);
        a.Out.ShouldBe(b.Out);
        CliRunner.Run("fleet", "synth", "--nodes", "50", "--seed", "10").Out.ShouldNotBe(a.Out);
        var list = JsonDocument.Parse(a.Out).RootElement;
        list.GetProperty("kind").GetString().ShouldBe("List");
        list.GetProperty("items").GetArrayLength().ShouldBe(50);
    }

    [Fact]
    public void Diff_NothingChanged_ExitsZero()
    {
        var inventory = Temp("nodes.jsonl", Node("w1", "amd64", "32Gi") + "\n");
        var plan = CliRunner.Run("fleet", "plan", inventory, "--profile", "microservices", "-o", "jsonl");
        var old = Temp("plan.jsonl", plan.Out);
        var r = CliRunner.Run("fleet", "diff", old, inventory, "--profile", "microservices");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        r.Out.ShouldStartWith("0 nodes change stack");
    }
}
