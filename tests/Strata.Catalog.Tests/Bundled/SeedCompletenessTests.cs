using Strata.Catalog.Loading;
using Strata.Model.Entities;
using Strata.Model.Evidence;

namespace Strata.Catalog.Tests.Bundled;

/// <summary>Every table, tree and case of the seeds is in the catalogue, with the seed's row counts.</summary>
public class SeedCompletenessTests
{
    private static readonly Lazy<Model.Entities.Catalog> Loaded = new(() => CatalogLoader.LoadBundled().Catalog!);
    private static Model.Entities.Catalog C => Loaded.Value;

    /// <summary>Table id, seed section, rows the seed's table has.</summary>
    public static TheoryData<string, string, int> Tables => new()
    {
        { "seed-000-edge-technologies", "000 §2.2", 4 },
        { "seed-000-serverless-technologies", "000 §3.2", 4 },
        { "seed-000-ai-inference-technologies", "000 §4.2", 4 },
        { "seed-000-multi-tenant-technologies", "000 §5.2", 4 },
        { "seed-000-scenario-matrix", "000 §6.1", 4 },
        { "seed-001-ranking-edge", "001 §37.9.1", 6 },
        { "seed-001-ranking-serverless", "001 §37.9.2", 5 },
        { "seed-001-ranking-ai-inference", "001 §37.9.3", 4 },
        { "seed-001-ranking-multi-tenant", "001 §37.9.4", 4 },
        { "seed-002-case-matrix", "002 §3", 7 },
        { "seed-003-combination-schemes", "003 §17.2.2", 5 },
        { "seed-003-maturity-orchestration", "003 §17.2.4.1", 2 },
        { "seed-003-maturity-runtime", "003 §17.2.4.2", 5 },
        { "seed-003-maturity-storage-network", "003 §17.2.4.3", 5 },
        { "seed-003-maturity-policy", "003 §17.2.4.4", 4 },
        { "seed-003-orchestration-match", "003 §17.3.1", 2 },
        { "seed-003-runtime-match", "003 §17.3.2", 2 },
        { "seed-003-datastore-match", "003 §17.3.3", 3 },
        { "seed-003-network-match", "003 §17.3.3", 3 },
        { "seed-003-policy-match", "003 §17.3.4", 4 },
        { "seed-003-case-summary", "003 §17.5.9", 4 },
        { "seed-003-decision-dimensions", "003 §17.6.1", 6 },
        { "seed-003-decision-matrix", "003 §17.6.3", 4 },
        { "seed-003-compatibility-matrix", "003 §17.7.3", 4 },
        { "seed-004-business-requirements", "004 §2.1", 5 },
        { "seed-004-technical-constraints", "004 §2.2", 6 },
        { "seed-004-operations-requirements", "004 §2.3", 3 },
        { "seed-004-weighted-evaluation", "004 §3.2", 3 },
        { "seed-004-cost-comparison", "004 §5.3", 2 },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Table_FromTheSeed_IsPresentWithItsRows(string id, string section, int rows)
    {
        var t = C.Table(id).ShouldNotBeNull(id);
        t.Provenance.Cite().ShouldBe(section);
        t.Rows.Length.ShouldBe(rows);
    }

    [Fact]
    public void Table_004WeightedEvaluation_KeepsTheSeedsPrintedTotals()
    {
        // The seed prints 3.4 / 4.6 / 3.5; the weights give 3.3 / 4.6 / 3.7 (PRODUCT.md). The catalogue
        // keeps the claim so that the audit can find the defect.
        var t = C.Table("seed-004-weighted-evaluation")!;
        t.Rows.Select(r => ((NumberCell)r["total"]!.Value).Number).ShouldBe([3.4, 4.6, 3.5]);
        t.Evaluation!.Weights.Values.Sum().ShouldBe(1.0, 1e-9);
        var recomputed = t.Rows.Select(r => t.Evaluation.Weights.Sum(w => w.Value * ((NumberCell)r[w.Key]!.Value).Number)).ToList();
        recomputed.Select(x => Math.Round(x, 2)).ShouldBe([3.3, 4.6, 3.7]);
    }

    [Fact]
    public void Table_003DecisionMatrix_StatesOnlyAPriorityOrder()
    {
        var e = C.Table("seed-003-decision-matrix")!.Evaluation!;
        e.Weights.ShouldBeEmpty();
        e.Priority.ShouldBe(["resources", "startup", "availability", "maturity"]);
        C.Table("seed-003-decision-matrix")!.Rows.Select(r => ((NumberCell)r["total"]!.Value).Number).ShouldBe([24, 18, 12, 10]);
    }

    [Fact]
    public void Cases_CoverEveryCaseOfTheSeeds()
    {
        var sections = C.Cases.SelectMany(c => new[] { c.Provenance }.Concat(c.Outcome is null ? [] : [c.Outcome.Provenance]))
            .OfType<SeedReference>().Select(s => s.Cite()).ToHashSet();
        foreach (var s in new[]
        {
            "003 §17.5.1", "003 §17.5.2", "003 §17.5.3", "003 §17.5.4", "003 §17.5.5", "003 §17.5.6", "003 §17.5.7", "003 §17.5.8",
            "001 §37.9.1", "001 §37.9.2", "001 §37.9.3", "001 §37.9.4", "001 §37.9.5",
        })
        {
            sections.ShouldContain(s);
        }
        C.Cases.Count(c => c.Id.StartsWith("seed-002-", StringComparison.Ordinal)).ShouldBe(4);
    }

    [Fact]
    public void Case_004EdgePlatform_HasThreeOptionsAndTheSeedsOutcome()
    {
        var c = C.Case("seed-004-edge-platform")!;
        c.Options.Length.ShouldBe(3);
        c.Outcome!.Stack.Layers["runtime"].ShouldBe(["wasmedge"]);
        c.Outcome.Stack.Layers["orchestration"].ShouldBe(["k3s"]);
        c.Evaluation.ShouldBe("seed-004-weighted-evaluation");
        c.Profile.Constraints.Values.Keys.ShouldContain("cold_start");
    }

    [Fact]
    public void Trees_IncludeEveryTreeOfTheSeeds()
    {
        foreach (var (id, section) in new[]
        {
            ("global", "003 §17.8.1"), ("scenario-edge", "003 §17.8.2"), ("scenario-serverless", "003 §17.8.2"), ("scenario-ai-inference", "003 §17.8.2"),
            ("layer-orchestration", "003 §17.3.1"), ("layer-runtime", "003 §17.3.2"), ("extension-edge", "000 §6.2"), ("extension-serverless", "000 §6.2"),
            ("combination-landscape", "003 §17.2.1"),
        })
        {
            C.Tree(id).ShouldNotBeNull(id).Provenance.Cite().ShouldBe(section);
        }
    }

    [Fact]
    public void Tree_Global_HasSixLevelsChained()
    {
        var t = C.Tree("global")!;
        var levels = 0;
        var seen = new HashSet<string>();
        var frontier = new Queue<string>([t.Root]);
        // Count the distinct questions along the chain of levels (level-N nodes ask one question each).
        while (frontier.TryDequeue(out var id))
        {
            if (!seen.Add(id))
            {
                continue;
            }
            var n = t.Node(id)!;
            foreach (var b in n.Branches)
            {
                frontier.Enqueue(b.Next);
            }
            if (n.Then is { } then)
            {
                frontier.Enqueue(then);
            }
        }
        levels = t.Nodes.Count(n => n.Question is not null && n.Branches.Length > 0 && n.Id.StartsWith("level-", StringComparison.Ordinal));
        levels.ShouldBeGreaterThanOrEqualTo(6);
        seen.Count.ShouldBe(t.Nodes.Length);
    }

    [Fact]
    public void Migrations_HoldTheEvolutionAndBothMigrationPaths()
    {
        var evolution = C.Migrations.Single(m => m.Kind == MigrationKind.Evolution);
        evolution.Stages.Length.ShouldBe(5);
        C.Migrations.Where(m => m.Kind == MigrationKind.Migration).ShouldAllBe(m => m.Steps.Length == 6);
        C.Migrations.Count(m => m.Kind == MigrationKind.Migration).ShouldBe(2);
    }

    [Fact]
    public void Rules_EncodeTheDeviceAndKernelRulesOf002AndTheCompatibilityRules()
    {
        var ids = C.Rules.Select(r => r.Id).ToHashSet();
        foreach (var id in new[] { "sqlite-requires-k3s", "firecracker-needs-kvm", "kata-needs-kvm", "wasmedge-needs-host", "many-services-need-mesh", "devices-need-virtualization", "multi-os-needs-vm", "untrusted-multi-tenant-sandbox" })
        {
            ids.ShouldContain(id);
        }
        C.Rules.Single(r => r.Id == "many-services-need-mesh").Then!.AddLayers.ShouldContain("service-mesh");
    }
}
