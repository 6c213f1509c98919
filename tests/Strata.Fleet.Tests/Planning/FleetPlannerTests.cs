using Strata.Application;
using Strata.Application.Requests;
using Strata.Engine.Decisions;
using Strata.Fleet.Planning;
using Strata.TestSupport;

namespace Strata.Fleet.Tests.Planning;

public class FleetPlannerTests
{
    private static readonly StrataApplication App = new();

    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", name);

    private static FleetPlan Plan(string inventory, string profile, ProfileMap? map = null, IReadOnlyList<IFleetSink>? sinks = null)
    {
        var outcome = new FleetPlanner(App).Plan(new FleetRequest(inventory, profile) { Map = map ?? ProfileMap.Empty }, sinks ?? [], CancellationToken.None);
        outcome.InventoryErrors.ShouldBeEmpty();
        outcome.ProfileFailure.ShouldBeNull();
        return outcome.Plan!;
    }

    private static Decision DecisionFor(NodeClass c, string profile) =>
        App.Decide(new DecisionRequest(ProfileSource.Path(profile)) { ForceAhp = true, Node = FleetPlanner.Override(c.Key) }).Value!;

    [Fact]
    public void Plan_SmallArm64Nodes_NeverGetAStackWhoseFiguresDoNotFit()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "arm.json", Nodes.NodeList(
            Nodes.Node("arm-512", arch: "arm64", memory: "512Mi", cpu: "4"),
            Nodes.Node("arm-1g", arch: "arm64", memory: "1014216Ki", cpu: "4"),
            Nodes.Node("arm-2g", arch: "arm64", memory: "2Gi", cpu: "4")));
        var profile = Example("edge.yaml");
        var plan = Plan(path, profile);
        plan.Nodes.ShouldBe(3);
        foreach (var c in plan.Classes)
        {
            c.Key.Arch.ShouldBe("arm64");
            var decision = DecisionFor(c, profile);
            if (decision.Winner is not { } winner)
            {
                c.Feasible.ShouldBeFalse();
                continue;
            }
            winner.Stack.ShouldBe(c.Stack);
            winner.StackMatches.Concat(winner.Caveats).ShouldNotContain(m => m.Verdict == Verdict.Mismatch);
            decision.Requirements.Constraints["node_memory"].Value.Display().ShouldBe($"{c.Key.MemoryMiB}MiB");
        }
        var oneGig = plan.Classes.Single(c => c.Examples.Contains("arm-1g"));
        oneGig.Key.MemoryMiB.ShouldBeLessThanOrEqualTo(1014216 / 1024);
    }

    [Fact]
    public void Plan_NodesWithoutKvmEvidence_NeverGetFirecrackerOrKata()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "mt.json", Nodes.NodeList(
            Nodes.Node("bare", memory: "64Gi", cpu: "32"),
            Nodes.Node("nfd-no-virt", memory: "64Gi", cpu: "32", labels: Nodes.NfdNoVirt),
            Nodes.Node("vmx", memory: "64Gi", cpu: "32", labels: Nodes.Vmx)));
        var plan = Plan(path, "multi-tenant");
        foreach (var c in plan.Classes.Where(c => !c.Key.Kvm))
        {
            (c.Stack?.TechnologyIds ?? []).ShouldNotContain("kata");
            (c.Stack?.TechnologyIds ?? []).ShouldNotContain("firecracker");
        }
        plan.Classes.Count(c => !c.Key.Kvm).ShouldBe(1);
        plan.Classes.Single(c => !c.Key.Kvm).Nodes.ShouldBe(2);
    }

    [Fact]
    public void Plan_MigCapableGpuUnderASharedGpuProfile_GetsMig()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "gpu.json", Nodes.NodeList(
            Nodes.Node("a100", memory: "1Ti", cpu: "96", labels: Nodes.A100, gpus: "8"),
            Nodes.Node("t4", memory: "192Gi", cpu: "48", labels: [.. Nodes.Vmx, ("nvidia.com/gpu.product", "Tesla-T4"), ("nvidia.com/mig.capable", "false")], gpus: "4")));
        var plan = Plan(path, Example("fleet/shared-gpu.yaml"));
        var a100 = plan.Classes.Single(c => c.Examples.Contains("a100"));
        a100.Stack!.Layers["accelerator"].ShouldBe(["mig"]);
        var t4 = plan.Classes.Single(c => c.Examples.Contains("t4"));
        (t4.Stack?.TechnologyIds ?? []).ShouldNotContain("mig");
    }

    [Fact]
    public void Plan_IdenticalFacts_AreOneClassDecidedOnce()
    {
        using var dir = new TempDir();
        // Capacities a few KiB apart, as real nodes report them, land in one class.
        var path = Nodes.Write(dir, "same.json", Nodes.NodeList(
            Nodes.Node("w1", memory: "16391944Ki", labels: Nodes.Vmx),
            Nodes.Node("w2", memory: "16390012Ki", labels: Nodes.Vmx),
            Nodes.Node("w3", memory: "16388000Ki", labels: Nodes.Vmx)));
        var plan = Plan(path, "microservices");
        plan.Classes.Length.ShouldBe(1);
        plan.Classes[0].Nodes.ShouldBe(3);
        plan.Classes[0].Examples.ShouldBe(["w1", "w2", "w3"]);
    }

    [Fact]
    public void Plan_MapRules_AssignProfilesByLabel()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "mixed.json", Nodes.NodeList(
            Nodes.Node("edge-1", arch: "arm64", memory: "2Gi", cpu: "4", labels: [("node-role.kubernetes.io/edge", "true")]),
            Nodes.Node("worker-1", memory: "32Gi", cpu: "16", labels: Nodes.Vmx)));
        var (map, errors) = ProfileMap.Parse("fleet.map", "# edge boxes\nnode-role.kubernetes.io/edge=true  edge\n");
        errors.ShouldBeEmpty();
        var plan = Plan(path, "microservices", map);
        plan.Classes.Single(c => c.Examples.Contains("edge-1")).Profile.ShouldBe("edge");
        plan.Classes.Single(c => c.Examples.Contains("worker-1")).Profile.ShouldBe("microservices");
    }

    [Fact]
    public void Parse_BadMapRule_SaysWhereAndWhat()
    {
        var (map, errors) = ProfileMap.Parse("fleet.map", "ok=1 edge\n  just-one-word\n=x edge\n");
        map.ShouldBeNull();
        errors.Count.ShouldBe(2);
        errors[0].ShouldStartWith("fleet.map:2:3: error:");
        errors[1].ShouldStartWith("fleet.map:3:1: error:");
    }

    [Fact]
    public void Plan_BrokenProfile_IsBadInputBeforeAnyNodeIsRead()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "n.json", Nodes.NodeList(Nodes.Node("a")));
        var profile = Nodes.Write(dir, "bad.yaml", "profile: x\nconstraints:\n  node_memory: lots\n");
        var outcome = new FleetPlanner(App).Plan(new FleetRequest(path, profile), [], CancellationToken.None);
        outcome.BadInput.ShouldBeTrue();
        outcome.ProfileFailure.ShouldNotBeNull();
        outcome.ProfileFailure!.IsBadInput.ShouldBeTrue();
    }

    [Fact]
    public void Diff_MoreMemory_ChangesTheStackAndSaysWhy()
    {
        using var dir = new TempDir();
        // A K3s server on the box: 512 MiB is below its footprint, 4 GiB is not (an agent fits either).
        (string, string)[] server = [(Strata.Fleet.Inventory.LabelKeys.ControlPlane, "")];
        var before = Nodes.Write(dir, "before.json", Nodes.NodeList(Nodes.Node("edge-1", arch: "arm64", memory: "512Mi", cpu: "4", labels: server), Nodes.Node("gone", arch: "arm64", memory: "512Mi", cpu: "4")));
        var after = Nodes.Write(dir, "after.json", Nodes.NodeList(Nodes.Node("edge-1", arch: "arm64", memory: "4Gi", cpu: "4", labels: server)));
        var planPath = Path.Combine(dir.Path, "plan.jsonl");
        using (var f = File.Create(planPath))
        {
            Plan(before, "edge", sinks: [new Strata.Fleet.Output.NodeLines(f)]);
        }
        var changes = new List<NodeChange>();
        var (diff, errors) = FleetDiff.Load(planPath, changes.Add, Strata.Fleet.Inventory.InventoryLimits.Default);
        errors.ShouldBeEmpty();
        Plan(after, "edge", sinks: [diff!]);
        diff!.Removed.ShouldBe(["gone"]);
        var change = changes.Single();
        change.Node.ShouldBe("edge-1");
        change.Was.ShouldNotBe(change.Now);
        change.Because.ShouldContain(b => b.StartsWith("memory_mib: 512 → 4096", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_TheReadmeExample_GivesMigToA100AndH100NodesAndEdgeProfilesToEdgeNodes()
    {
        var (map, errors) = ProfileMap.Parse("fleet.map", File.ReadAllText(Example("fleet/fleet.map")));
        errors.ShouldBeEmpty();
        var dir = Path.GetDirectoryName(Example("fleet/fleet.map"))!;
        var request = new FleetRequest(Example("fleet/nodes.json"), "edge")
        {
            Map = map!,
            ProfileSourceOf = p => ProfileSource.Path(File.Exists(Path.Combine(dir, p)) ? Path.Combine(dir, p) : p),
        };
        var plan = new FleetPlanner(App).Plan(request, [], CancellationToken.None).Plan!;
        plan.Nodes.ShouldBe(16);
        foreach (var c in plan.Classes)
        {
            if (c.Key.Mig == true)
            {
                c.Profile.ShouldBe("shared-gpu.yaml");
                c.Stack!.Layers["accelerator"].ShouldBe(["mig"]);
            }
            if (c.Examples.Any(e => e.StartsWith("edge-", StringComparison.Ordinal)))
            {
                c.Profile.ShouldBe("edge");
            }
        }
        plan.Classes.ShouldContain(c => c.Key.Mig == true);
    }
}
