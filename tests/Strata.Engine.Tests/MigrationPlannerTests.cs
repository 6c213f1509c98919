using Strata.Engine.Migration;
using System.Collections.Immutable;
using Strata.Model.Entities;
using Strata.TestSupport;

namespace Strata.Engine.Tests;

public class MigrationPlannerTests
{
    private static readonly string Yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "edge-migration.yaml"));

    [Fact]
    public void Plan_KubernetesRuncEdgeProfile_FollowsTheSeedsPathTowardTheRecommendedK3sStack()
    {
        var profile = EngineFixture.Profile(Yaml);
        // One node of 512 MiB-2 GiB: a single host under systemd may rank first; among cluster stacks the seed's path
        // goes to K3s on SQLite, which has the top score of the stacks with a cluster orchestrator.
        var d = EngineFixture.Decide(profile);
        var best = d.Ranking.First(r => r.Layer("orchestration") == "k3s" && r.Layer("datastore") == "sqlite");
        best.Score.ShouldBe(d.Ranking.Where(r => r.Layer("orchestration") is "k3s" or "kubernetes").Max(r => r.Score), 1e-9);
        var target = best.Stack;
        var plan = MigrationPlanner.Plan(EngineFixture.Catalog, profile, profile.Current!, target);

        plan.Changes.ShouldContain(c => c.Layer == "orchestration" && c.From == "kubernetes" && c.To == "k3s" && c.Path == "seed-003-kubernetes-to-k3s");
        var k3sSteps = plan.Steps.Where(s => s.Path == "seed-003-kubernetes-to-k3s").ToList();
        k3sSteps.Select(s => s.Order).ShouldBeInOrder(SortDirection.Ascending);
        k3sSteps.First().Text.ShouldStartWith("Assess");
        k3sSteps.Last().Text.ShouldStartWith("Deploy");
        k3sSteps.ShouldAllBe(s => s.Provenance.Cite() == "003 §17.7.2" && s.Rollback.Length > 0);
        // nodes: 1 and no HA: the etcd -> sqlite step applies; the datastore change is covered by that path.
        k3sSteps.ShouldContain(s => s.Text.Contains("etcd -> sqlite", StringComparison.Ordinal) && s.Applies.StartsWith("yes", StringComparison.Ordinal));
        plan.Changes.Single(c => c.Layer == "datastore").Path.ShouldBe("seed-003-kubernetes-to-k3s");
        plan.Warnings.ShouldContain(w => w.Aspect == "datastore");
        plan.Evolution!.CurrentStage.ShouldBeLessThan(plan.Evolution.TargetStage);
    }

    [Fact]
    public void Plan_DockerToWasmEdge_UsesTheSecondPathAndWarnsAboutImages()
    {
        var profile = EngineFixture.Profile("profile: w\nscenario: edge\n");
        var from = new Stack(new Dictionary<string, System.Collections.Immutable.ImmutableArray<string>>
        {
            ["orchestration"] = ["k3s"], ["container-engine"] = ["docker"], ["runtime"] = ["runc"],
        }.ToImmutableSortedDictionary(StringComparer.Ordinal));
        var to = new Stack(new Dictionary<string, System.Collections.Immutable.ImmutableArray<string>>
        {
            ["orchestration"] = ["k3s"], ["runtime"] = ["wasmedge"],
        }.ToImmutableSortedDictionary(StringComparer.Ordinal));
        var plan = MigrationPlanner.Plan(EngineFixture.Catalog, profile, from, to);
        plan.Steps.Where(s => s.Path == "seed-003-docker-to-wasmedge").Select(s => s.Text).ShouldContain(t => t.Contains("wasm32-wasi", StringComparison.Ordinal));
        plan.Warnings.ShouldContain(w => w.Aspect == "docker_images" && w.Verdict == "caveat");
    }
}
