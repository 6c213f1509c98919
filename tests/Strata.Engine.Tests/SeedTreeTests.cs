using Strata.Model.Entities;

namespace Strata.Engine.Tests;

/// <summary>The seeds' decision trees, walked on the seeds' own scenarios, give the seeds' own answers.</summary>
public class SeedTreeTests
{
    private static Stack Walk(string tree, string profileYaml) =>
        new DecisionEngine(EngineFixture.Catalog).Walk(EngineFixture.Catalog.Tree(tree)!, EngineFixture.Profile(profileYaml)).Outcome;

    private static void ShouldChoose(Stack outcome, params (string Layer, string Id)[] expected)
    {
        foreach (var (layer, id) in expected)
        {
            outcome.Layers.ShouldContainKey(layer, $"no {layer} in {outcome}");
            outcome.Layers[layer].ShouldContain(id, $"{layer} in {outcome}");
        }
    }

    [Fact]
    public void GlobalTree_EdgeScenario_GivesTheEdgeStackOf17_4_2() =>
        // 003 §17.4.2: K3s, WasmEdge + crun, sqlite, flannel, OPA-Wasm.
        ShouldChoose(Walk("global", "profile: p\nscenario: edge\n"),
            ("orchestration", "k3s"), ("runtime", "wasmedge"), ("datastore", "sqlite"), ("network", "flannel"), ("policy", "opa-wasm"));

    [Fact]
    public void GlobalTree_LargeProductionCluster_GivesTheCloudNativeStackOf17_4_1() =>
        // 003 §17.4.1: Kubernetes, Docker + containerd + runc, etcd, Calico/Cilium.
        ShouldChoose(Walk("global", "profile: p\nscenario: large-scale-production\n"),
            ("orchestration", "kubernetes"), ("runtime", "runc"), ("datastore", "etcd"), ("network", "calico"));

    [Fact]
    public void GlobalTree_Serverless_GivesWasmEdgeOnTheDefaultOrchestrator() =>
        // 003 §17.8.1 level 2 defaults to K3s below 1,000 nodes; level 3 picks WasmEdge for fast cold starts.
        ShouldChoose(Walk("global", "profile: p\nscenario: serverless\n"), ("orchestration", "k3s"), ("runtime", "wasmedge"));

    [Fact]
    public void ScenarioTree_Edge_Is17_8_2() =>
        ShouldChoose(Walk("scenario-edge", "profile: p\nscenario: edge\n"),
            ("orchestration", "k3s"), ("runtime", "wasmedge"), ("datastore", "sqlite"), ("network", "flannel"), ("policy", "opa-wasm"));

    [Theory]
    [InlineData(10, "k3s", "sqlite", "flannel")]
    [InlineData(3000, "kubernetes", "etcd", "calico")]
    public void ScenarioTree_Serverless_FollowsScale(int nodes, string orchestration, string datastore, string network) =>
        // 003 §17.8.2: K3s (small) or Kubernetes (large); sqlite or etcd; flannel or Calico; WasmEdge + crun always.
        ShouldChoose(Walk("scenario-serverless", $"profile: p\nscenario: serverless\nconstraints: {{ nodes: {nodes} }}\n"),
            ("orchestration", orchestration), ("datastore", datastore), ("network", network), ("runtime", "wasmedge"));

    [Theory]
    [InlineData("edge", "k3s", "sqlite")]
    [InlineData("large-scale-production", "kubernetes", "etcd")]
    public void ScenarioTree_AiInference_FollowsLocation(string scenario, string orchestration, string datastore) =>
        // 003 §17.8.2: K3s (edge) or Kubernetes (cloud); sqlite (edge) or etcd (cloud); WasmEdge + GPU plugin.
        ShouldChoose(Walk("scenario-ai-inference", $"profile: p\nscenario: {scenario}\n"),
            ("orchestration", orchestration), ("datastore", datastore), ("runtime", "wasmedge"));

    [Theory]
    [InlineData("profile: p\nscenario: edge\nconstraints: { cold_start: < 50ms, workload_format: wasm }\n", "runtime", "wasmedge")]
    [InlineData("profile: p\nscenario: edge\nconstraints: { cold_start: < 50ms, workload_format: oci }\n", "orchestration", "k3s")]
    [InlineData("profile: p\nscenario: edge\nconstraints: { cold_start: 5s..10s }\n", "orchestration", "k3s")]
    [InlineData("profile: p\nscenario: enterprise\n", "orchestration", "kubernetes")]
    public void ExtensionTree_Edge_Is000_6_2(string profile, string layer, string id) =>
        ShouldChoose(Walk("extension-edge", profile), (layer, id));

    [Theory]
    [InlineData("profile: p\nscenario: serverless\nconstraints: { cold_start: < 50ms }\n", "runtime", "firecracker")]
    [InlineData("profile: p\nscenario: serverless\nconstraints: { cold_start: 5s..10s }\n", "serverless", "knative")]
    [InlineData("profile: p\nscenario: enterprise\n", "orchestration", "kubernetes")]
    public void ExtensionTree_Serverless_Is000_6_2(string profile, string layer, string id) =>
        ShouldChoose(Walk("extension-serverless", profile), (layer, id));

    [Fact]
    public void CombinationLandscape_AmpleResourcesAndLargeScale_IsKubernetesDockerEtcd() =>
        // 003 §17.2.1: ample resources -> Kubernetes + Docker + runc; large scale -> Kubernetes + etcd.
        ShouldChoose(Walk("combination-landscape", "profile: p\nconstraints: { nodes: 2000, node_memory: 64GiB }\n"),
            ("orchestration", "kubernetes"), ("runtime", "runc"), ("datastore", "etcd"));
}
