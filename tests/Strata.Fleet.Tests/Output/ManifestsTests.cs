using System.Text.Json;
using k8s;
using k8s.Models;
using Strata.Application;
using Strata.Fleet.Output;
using Strata.Fleet.Planning;

namespace Strata.Fleet.Tests.Output;

public class ManifestsTests
{
    [Fact]
    public void Finish_WritesRuntimeClassesTheKubernetesModelsAccept_AndALabelPlan()
    {
        var app = new StrataApplication();
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "n.json", Nodes.NodeList(
            Nodes.Node("w1", memory: "32Gi", cpu: "16", labels: Nodes.Vmx),
            Nodes.Node("w2", memory: "32Gi", cpu: "16", labels: [.. Nodes.Vmx, ("strata.dev/runtime", "stale")]),
            Nodes.Node("vm1", memory: "8Gi", cpu: "4")));
        var outDir = Path.Combine(dir.Path, "out");
        FleetPlan plan;
        IReadOnlyList<string> classes;
        long labelled;
        using (var files = new AtomicFiles())
        {
            using (var manifests = new Manifests(files, outDir))
            {
                plan = new FleetPlanner(app).Plan(new FleetRequest(path, "multi-tenant"), [manifests], CancellationToken.None).Plan!;
                classes = manifests.Finish(plan, app.LoadCatalog(Application.Requests.CatalogLocation.Bundled).Value!, "sourced");
                labelled = manifests.Labelled;
            }
            Directory.GetFiles(outDir).ShouldAllBe(f => Path.GetFileName(f).StartsWith('.'));
            files.Commit();
        }
        classes.ShouldNotBeEmpty();
        foreach (var file in classes)
        {
            var yaml = File.ReadAllText(Path.Combine(outDir, file));
            var rc = KubernetesYaml.Deserialize<V1RuntimeClass>(yaml, strict: true);
            rc.ApiVersion.ShouldBe("node.k8s.io/v1");
            rc.Kind.ShouldBe("RuntimeClass");
            var runtime = rc.Metadata.Name;
            plan.Classes.ShouldContain(c => c.Runtime == runtime);
            rc.Handler.ShouldBe(RuntimeHandlers.For(runtime)!.Name);
            rc.Scheduling.NodeSelector["strata.dev/runtime"].ShouldBe(runtime);
            rc.Metadata.Annotations["strata.dev/handler-source"].ShouldStartWith("https://");
            if (rc.Overhead is { } overhead)
            {
                overhead.PodFixed["memory"].ToInt64().ShouldBeGreaterThan(0);
                rc.Metadata.Annotations["strata.dev/overhead-source"].ShouldNotBeNullOrWhiteSpace();
            }
        }
        var patches = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, Manifests.PatchesName))).RootElement;
        // Every node whose runtime has a RuntimeClass is labelled; w2's stale label is replaced or removed either way.
        var withHandler = plan.Classes.Where(c => c.Runtime is { } r && RuntimeHandlers.For(r) is not null).ToList();
        var workers = plan.Classes.Single(c => c.Examples.Contains("w1"));
        var expected = withHandler.Sum(c => c.Nodes) + (withHandler.Contains(workers) ? 0 : 1);
        labelled.ShouldBe(expected);
        patches.GetArrayLength().ShouldBe((int)expected);
        foreach (var p in patches.EnumerateArray())
        {
            p.GetProperty("patch").GetProperty("metadata").GetProperty("labels").TryGetProperty("strata.dev/runtime", out _).ShouldBeTrue();
        }
        var script = File.ReadAllText(Path.Combine(outDir, Manifests.ScriptName));
        script.ShouldStartWith("#!/bin/sh");
        script.ShouldContain(withHandler.Contains(workers)
            ? $"kubectl label --overwrite nodes 'w1' 'w2' strata.dev/runtime={workers.Runtime}"
            : "kubectl label --overwrite nodes 'w2' strata.dev/runtime-");
        Directory.GetFiles(outDir).ShouldNotContain(f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesNothing()
    {
        using var dir = new TempDir();
        using (var files = new AtomicFiles())
        {
            files.Create(Path.Combine(dir.Path, "a.yaml")).WriteByte(1);
        }
        Directory.GetFiles(dir.Path).ShouldBeEmpty();
    }
}
