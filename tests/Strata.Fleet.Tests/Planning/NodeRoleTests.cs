using Strata.Application;
using Strata.Application.Requests;
using Strata.Engine.Decisions;
using Strata.Fleet.Classes;
using Strata.Fleet.Inventory;
using Strata.Fleet.Planning;

namespace Strata.Fleet.Tests.Planning;

public class NodeRoleTests
{
    private static readonly StrataApplication App = new();

    private static readonly (string, string)[] ControlPlane = [(LabelKeys.ControlPlane, "")];

    private static FleetPlan Plan(string inventory, string profile)
    {
        var outcome = new FleetPlanner(App).Plan(new FleetRequest(inventory, profile), [], CancellationToken.None);
        outcome.InventoryErrors.ShouldBeEmpty();
        outcome.ProfileFailure.ShouldBeNull();
        return outcome.Plan!;
    }

    private static Decision DecisionFor(NodeClass c, string profile) =>
        App.Decide(new DecisionRequest(ProfileSource.Path(profile)) { ForceAhp = true, Node = FleetPlanner.Override(c.Key) }).Value!;

    [Fact]
    public void Plan_OneGibArm64Agent_GetsAStackWhoseAgentFootprintFits()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "edge.json", Nodes.NodeList(Nodes.Node("edge-1g", arch: "arm64", memory: "1014216Ki", cpu: "4")));
        var plan = Plan(path, "edge");
        var c = plan.Classes.Single();
        c.Key.Role.ShouldBe(NodeRole.Agent);
        c.Feasible.ShouldBeTrue();
        var decision = DecisionFor(c, "edge");
        decision.Requirements.Constraints["control_plane"].Value.Display().ShouldBe("remote");
        var memory = decision.Winner!.StackMatches.Where(m => m.Constraint == "node_memory").ToList();
        memory.ShouldNotBeEmpty();
        memory.ShouldAllBe(m => m.Verdict != Verdict.Mismatch && m.Expected.Contains("worker", StringComparison.Ordinal));
        // Offline with a remote control plane: the stack carries an edge extension for its orchestrator.
        c.With.ShouldContain(w => w.StartsWith("kubeedge ", StringComparison.Ordinal) || w.StartsWith("openyurt ", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_OneGibControlPlaneNode_HasNoStack()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "cp.json", Nodes.NodeList(Nodes.Node("cp-1g", arch: "arm64", memory: "1014216Ki", cpu: "4", labels: ControlPlane)));
        var c = Plan(path, "edge").Classes.Single();
        c.Key.Role.ShouldBe(NodeRole.Server);
        c.Feasible.ShouldBeFalse();
        c.Relaxation.ShouldContain("node_memory");
        DecisionFor(c, "edge").Requirements.Constraints.ContainsKey("control_plane").ShouldBeFalse();
    }

    [Fact]
    public void Plan_LegacyMasterLabel_IsAServer()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "m.json", Nodes.NodeList(Nodes.Node("m", labels: [(LabelKeys.Master, "true")])));
        Plan(path, "edge").Classes.Single().Key.Role.ShouldBe(NodeRole.Server);
    }

    [Fact]
    public void Plan_SameHardwareDifferentRoles_FallIntoDifferentClasses()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "mixed.json", Nodes.NodeList(
            Nodes.Node("cp-1", memory: "16Gi", labels: ControlPlane),
            Nodes.Node("w-1", memory: "16Gi"),
            Nodes.Node("w-2", memory: "16Gi")));
        var plan = Plan(path, "edge");
        plan.Classes.Length.ShouldBe(2);
        plan.Classes.Single(c => c.Key.Role == NodeRole.Server).Examples.ShouldBe(["cp-1"]);
        plan.Classes.Single(c => c.Key.Role == NodeRole.Agent).Nodes.ShouldBe(2);
    }

    [Fact]
    public void Override_ProfileThatStatesControlPlane_KeepsIt()
    {
        using var dir = new TempDir();
        var profile = Nodes.Write(dir, "local.yaml", "profile: local\nscenario: edge\nconstraints: { control_plane: local }\n");
        var key = new NodeClassKey(0, "arm64", 960, 4000, false, null, null, null, null, NodeRole.Agent);
        var decision = App.Decide(new DecisionRequest(ProfileSource.Path(profile)) { ForceAhp = true, Node = FleetPlanner.Override(key) }).Value!;
        decision.Requirements.Constraints["control_plane"].Value.Display().ShouldBe("local");
    }

    [Fact]
    public void Read_CsvRoleColumn_ServerAgentOrUnknown()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "nodes.csv",
            "name,arch,memory,cpu,role\n" +
            "s,arm64,1Gi,4,server\n" +
            "a,arm64,1Gi,4,agent\n" +
            "u,arm64,1Gi,4,\n" +
            "x,arm64,1Gi,4,boss\n");
        var outcome = new FleetPlanner(App).Plan(new FleetRequest(path, "edge"), [], CancellationToken.None);
        var error = outcome.InventoryErrors.ShouldHaveSingleItem();
        (error.Line, error.Column).ShouldBe((5L, 5L));
        error.Message.ShouldContain("role must be server, agent or empty");

        Nodes.Write(dir, "nodes.csv", "name,arch,memory,cpu,role\ns,arm64,1Gi,4,server\na,arm64,1Gi,4,agent\nu,arm64,1Gi,4,\n");
        var plan = Plan(path, "edge");
        plan.Classes.Length.ShouldBe(3);
        NodeClass Of(string node) => plan.Classes.Single(c => c.Examples.Contains(node));
        Of("s").Key.Role.ShouldBe(NodeRole.Server);
        Of("a").Key.Role.ShouldBe(NodeRole.Agent);
        Of("u").Key.Role.ShouldBeNull();
        Of("a").Feasible.ShouldBeTrue();
        // Unknown is decided as today: as if the control plane were on the node.
        Of("u").Feasible.ShouldBe(Of("s").Feasible);
    }
}
