using System.Text.RegularExpressions;
using Strata.Catalog.Loading;
using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Facts;
using Strata.TestSupport;

namespace Strata.Catalog.Tests.Bundled;

/// <summary>The shipped catalogue loads cleanly and holds what the seeds and the research say.</summary>
public class BundledCatalogTests
{
    private static readonly Lazy<Model.Entities.Catalog> Loaded = new(() =>
    {
        var r = CatalogLoader.LoadBundled();
        r.Diagnostics.ShouldBeEmpty(string.Join("\n", r.Diagnostics));
        return r.Catalog!;
    });

    private static Model.Entities.Catalog C => Loaded.Value;

    [Fact]
    public void LoadBundled_HasNoErrorsOrWarnings() => C.Technologies.ShouldNotBeEmpty();

    [Fact]
    public void LoadBundled_Twice_GivesTheSameDigest() =>
        CatalogLoader.LoadBundled().Catalog!.Digest.ShouldBe(C.Digest);

    [Fact]
    public void BundledResources_MatchTheCatalogueDirectory()
    {
        var onDisk = CatalogLoader.LoadDirectory(RepoPaths.Catalog);
        onDisk.Catalog!.Digest.ShouldBe(C.Digest, "the build embeds catalog/; rebuild after editing it");
    }

    public static TheoryData<string, string> RequiredTechnologies()
    {
        var data = new TheoryData<string, string>();
        foreach (var (id, layer) in Expectations.RequiredTechnologies)
        {
            data.Add(id, layer);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredTechnologies))]
    public void Technology_RequiredId_IsInItsLayer(string id, string layer) =>
        C.Technology(id).ShouldNotBeNull().Layer.ShouldBe(layer);

    [Fact]
    public void Layers_CoverTheFiveOfTAndTheExtensions()
    {
        C.Layers.Where(l => l.Core).Select(l => l.Id).Order().ShouldBe(["datastore", "network", "orchestration", "policy", "runtime"]);
        foreach (var id in new[] { "serverless", "service-mesh", "tenancy", "observability", "accelerator", "gateway", "cross-domain-network", "edge-extension" })
        {
            C.Layer(id).ShouldNotBeNull(id);
        }
    }

    [Fact]
    public void Scenarios_AreTheThirteenWithWeights()
    {
        C.Scenarios.Select(s => s.Id).Order().ShouldBe(new[]
        {
            "edge", "serverless", "ai-inference", "multi-tenant", "hybrid", "enterprise", "microservices", "dl-training",
            "multi-tenant-gpu", "large-scale-production", "industrial-iot", "online-gaming", "5g-mec",
        }.Order());
        C.Scenarios.ShouldAllBe(s => s.Weights != null && s.Weights.Value.Count > 0);
    }

    [Fact]
    public void Scenario_Edge_HasTheSeed004Weights()
    {
        var w = C.Scenario("edge")!.Weights!;
        w.Value["startup"].ShouldBe(0.3);
        w.Value["resources"].ShouldBe(0.3);
        w.Value["performance"].ShouldBe(0.2);
        w.Value["compatibility"].ShouldBe(0.2);
        w.Provenance.Cite().ShouldBe("004 §3.2");
    }

    [Fact]
    public void Scenarios_Vectors_AreThoseOf001()
    {
        C.Scenario("edge")!.Vector!.Value.ShouldBe([0, 0, 0, 1, 0, 0]);
        C.Scenario("serverless")!.Vector!.Value.ShouldBe([0, 0, 0, 0, 1, 0]);
        C.Scenario("ai-inference")!.Vector!.Value.ShouldBe([0, 0, 0, 0, 1, 0]);
        C.Scenario("multi-tenant")!.Vector!.Value.ShouldBe([0, 0, 0, 0, 0, 1]);
        C.Scenario("hybrid")!.Vector!.Value.ShouldBe([0.1, 0.1, 0.3, 0.2, 0.2, 0.1]);
    }

    [Fact]
    public void Isolation_OrderIsDefinedWeakestFirst()
    {
        C.Vocabulary.IsolationOrder.ShouldBe(["process", "container", "wasm", "sandbox", "microvm", "vm"]);
        foreach (var (id, cls) in new[] { ("runc", "container"), ("crun", "container"), ("wasmedge", "wasm"), ("gvisor", "sandbox"), ("kata", "microvm"), ("firecracker", "microvm"), ("vm", "vm") })
        {
            C.Technology(id)!.FactsNamed("isolation").Select(f => ((WordValue)f.Value).Word).ShouldContain(cls, id);
        }
    }

    [Fact]
    public void Firecracker_HasSeedAndPrimarySourceFacts()
    {
        var kinds = C.Technology("firecracker")!.Facts.Select(f => f.Provenance.Kind).Distinct().ToList();
        kinds.ShouldContain("seed");
        kinds.ShouldContain("source");
    }

    /// <summary>The seed claims that research/facts.md grades are in the catalogue with that grade.</summary>
    [Theory]
    [InlineData("k3s", "control-plane-memory", ClaimStatus.Contradicted)]
    [InlineData("k3s", "node-range", ClaimStatus.Contradicted)]
    [InlineData("wasmedge", "density", ClaimStatus.Contradicted)]
    [InlineData("docker", "density", ClaimStatus.Contradicted)]
    [InlineData("etcd", "datastore-latency", ClaimStatus.Unsupported)]
    [InlineData("sqlite", "datastore-latency", ClaimStatus.Unsupported)]
    [InlineData("kyverno", "policy-eval-latency", ClaimStatus.Contradicted)]
    [InlineData("opa", "policy-eval-latency", ClaimStatus.Unsupported)]
    public void SeedClaim_GradedByResearch_CarriesItsStatus(string tech, string fact, ClaimStatus status) =>
        C.Technology(tech)!.FactsNamed(fact).ShouldContain(f => f.Provenance is SeedReference && f.Status == status);

    [Fact]
    public void SeedClaim_WasmEdgeSixMillisecondColdStart_IsUnsupported() =>
        C.Technology("wasmedge")!.FactsNamed("startup")
            .ShouldContain(f => f.Provenance is SeedReference && f.Status == ClaimStatus.Unsupported && f.Value.Display().Contains("6ms", StringComparison.Ordinal));

    [Fact]
    public void SeedClaim_GatekeeperWasmEngine_IsContradicted()
    {
        var g = C.Technology("gatekeeper")!;
        var statuses = g.Facts.Select(f => f.Status).Concat(g.Pros.Concat(g.Cons).Select(s => s.Status));
        statuses.ShouldContain(ClaimStatus.Contradicted);
    }

    [Fact]
    public void Technologies_QuantityFacts_AllSayWhatTheyMeasure() =>
        C.Technologies.SelectMany(t => t.Facts).Where(f => f.Value is EstimateValue).ShouldAllBe(f => f.Measures != null);

    [Fact]
    public void Technologies_MostHaveFactsFromAPrimarySource()
    {
        var core = C.Technologies.Where(t => C.Layer(t.Layer)!.Core).ToList();
        core.Count(t => t.Facts.Any(f => f.Provenance is SourceReference)).ShouldBe(core.Count);
    }

    /// <summary>Every "NNN §x.y" the catalogue cites is a heading of that seed file.</summary>
    [Fact]
    public void SeedReferences_NameSectionsThatExist()
    {
        var headings = C.Vocabulary.Seeds.ToDictionary(s => s.Id, s =>
            File.ReadAllLines(Path.Combine(RepoPaths.Seeds, s.File))
                .Where(l => l.StartsWith('#'))
                .Select(l => Regex.Match(l, @"^#+\s+(\d+(?:\.\d+)*)").Groups[1].Value)
                .Where(v => v.Length > 0)
                .ToHashSet(StringComparer.Ordinal));
        var cited = AllProvenances().OfType<SeedReference>().Distinct().ToList();
        cited.Count.ShouldBeGreaterThan(50);
        var missing = cited.Where(s => !headings[s.SeedId].Contains(s.Section)).Select(s => s.Cite()).ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void SeedReferences_CoverEverySeedFile() =>
        AllProvenances().OfType<SeedReference>().Select(s => s.SeedId).Distinct().Order().ShouldBe(["000", "001", "002", "003", "004"]);

    private static IEnumerable<Provenance> AllProvenances() =>
        C.Technologies.SelectMany(t => t.Facts.Select(f => f.Provenance).Concat(t.Pros.Select(p => p.Provenance)).Concat(t.Cons.Select(p => p.Provenance)))
            .Concat(C.Scenarios.Select(s => s.Provenance))
            .Concat(C.Rules.Select(r => r.Provenance))
            .Concat(C.Trees.Select(t => t.Provenance))
            .Concat(C.Tables.Select(t => t.Provenance))
            .Concat(C.Cases.Select(c => c.Provenance))
            .Concat(C.Cases.SelectMany(c => c.Claims.Select(f => f.Provenance)))
            .Concat(C.Migrations.Select(m => m.Provenance))
            .Concat(C.Predicates.Select(p => p.Provenance));
}
