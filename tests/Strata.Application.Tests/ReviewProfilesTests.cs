using Strata.Application.Requests;
using Strata.TestSupport;

namespace Strata.Application.Tests;

/// <summary>
/// The catalogue review's small profiles (examples/review, docs/review-findings.md): each checks what the
/// reviewer, a platform engineer, expects of the answer — a set of acceptable choices, never one stack's score.
/// </summary>
public class ReviewProfilesTests
{
    private static readonly StrataApplication App = Shared.App;

    private static Engine.Decisions.Decision Decide(string profile)
    {
        var path = File.Exists(Path.Combine(RepoPaths.Root, "examples", "review", profile))
            ? Path.Combine(RepoPaths.Root, "examples", "review", profile)
            : profile;
        var outcome = App.Decide(new DecisionRequest(ProfileSource.Path(path)));
        outcome.Problems.ShouldBeEmpty();
        return outcome.Value!;
    }

    [Theory]
    // 5: MIG slices are consumed by ordinary containers; 3: a runtime without a device fact never wins.
    [InlineData("mig.yaml", "accelerator", "mig")]
    [InlineData("mig.yaml", "runtime", "runc,crun,youki")]
    // 3, 4, 5: GPU training runs bare-metal containers with the NVIDIA stack.
    [InlineData("dl-gpu.yaml", "accelerator", "nvidia-container-toolkit")]
    [InlineData("dl-gpu.yaml", "runtime", "runc,crun,youki")]
    // 7: a hardened Wasm runtime is how untrusted multi-tenant Wasm runs.
    [InlineData("wasm-mt.yaml", "runtime", "wasmtime,wasmedge")]
    // 9: one 512 MiB box runs containers without an orchestrator; 512 MiB agents with a remote server run K3s agents.
    [InlineData("edge-512.yaml", "orchestration", "systemd")]
    [InlineData("fleet-512-agents.yaml", "orchestration", "k3s")]
    // 8: a PCI device (an SR-IOV VF) goes to an ordinary pod through a device plugin.
    [InlineData("cnf-sriov.yaml", "runtime", "runc,crun,youki")]
    // 8: SR-IOV VFs are a secondary interface beside the primary CNI (Multus), never the cluster network itself.
    [InlineData("cnf-sriov.yaml", "secondary-network", "sr-iov")]
    [InlineData("cnf-sriov.yaml", "network", "calico,cilium,flannel,kube-router,canal")]
    // 11: one server per site runs K3s's embedded SQLite (a fifth of embedded etcd's disk IOPS), not etcd.
    [InlineData("5g-mec", "datastore", "sqlite")]
    [InlineData("industrial-iot", "datastore", "sqlite")]
    // 1: a 3,000-node always-connected HA platform is upstream Kubernetes.
    [InlineData("ha3000.yaml", "orchestration", "kubernetes")]
    // 6, 15: no full VM as the pod runtime where the workload does not ask for another OS.
    [InlineData("microservices", "runtime", "runc,crun,youki,gvisor,kata")]
    [InlineData("dl-training", "runtime", "runc,crun,youki")]
    [InlineData("ai-inference", "runtime", "runc,crun,youki,kata")]
    public void Winner_IsOneAnExpertWouldSign(string profile, string layer, string acceptable)
    {
        var decision = Decide(profile);

        decision.Winner.ShouldNotBeNull($"{profile} has no feasible stack");
        decision.Winner.Stack.Layers[layer][0].ShouldBeOneOf(acceptable.Split(','));
    }

    [Fact]
    public void PolicyOnly_OpaWasm_IsNotAnAdmissionEngine()
    {
        // 12: an OPA Wasm module is evaluated inside an application; it does not answer admission requests.
        var decision = Decide("policy-only.yaml");

        decision.Ranking.ShouldNotContain(r => r.Stack.Layers["policy"][0] == "opa-wasm" && r.Rank == 1);
    }

    [Fact]
    public void EdgeNode_BestClusterStack_KeepsK3sBundledFlannel()
    {
        // 10: the CNI's per-node daemon counts on a node of at most 2 GiB: Calico and Cilium do not fit beside a 2 GB
        // server, and flannel comes with K3s at no extra cost.
        var decision = Decide(Path.Combine(RepoPaths.Root, "examples", "edge.yaml"));

        decision.Ranking.First(r => r.Stack.Layers.ContainsKey("network")).Stack.Layers["network"][0].ShouldBeOneOf("flannel", "canal");
        decision.Eliminated.ShouldContain(e => e.Technology == "calico" && e.Constraint == "node_memory");
        decision.Eliminated.ShouldContain(e => e.Technology == "cilium" && e.Constraint == "node_memory");
    }

    [Fact]
    public void FactoryOffline_KubernetesStaysFeasible()
    {
        // 1: offline with the control plane on site asks nothing of the distribution.
        var decision = Decide("factory-offline.yaml");

        decision.Ranking.ShouldContain(r => r.Stack.Layers["orchestration"][0] == "kubernetes");
    }

    [Fact]
    public void RuntimeResources_FirecrackerIsNotLighterThanRunc()
    {
        // 2: a microVM per pod costs VMM + guest kernel + agent, never the VMM alone.
        var ranking = Decide("rt-res.yaml").Ranking;
        int RankOf(string id) => ranking.First(r => r.Stack.Layers["runtime"][0] == id).Rank;

        RankOf("firecracker").ShouldBeGreaterThan(RankOf("runc"));
        RankOf("kata").ShouldBeGreaterThan(RankOf("runc"));
    }

    [Fact]
    public void UnstatedCondition_SaysItWasAssumed_AndForbidsOutsideTheLayersAreNotListed()
    {
        var decision = Decide("rt-res.yaml");

        // systemd is an orchestrator: a runtime-only decision has no use for the rule that forbids it.
        decision.Requirements.Derived.ShouldNotContain(d => d.Rule == "systemd-only-single-host");
        Decide("enterprise").Requirements.Derived.Single(d => d.Rule == "systemd-only-single-host")
            .Condition.ShouldBe("nodes > 1 (not stated, so assumed)");
    }
}
