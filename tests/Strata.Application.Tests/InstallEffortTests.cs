using Strata.Application.Requests;

namespace Strata.Application.Tests;

/// <summary>
/// The operability terms for install, upgrade and authoring effort (CRDs a default install adds, the language
/// policies are written in) and the secondary-network attachments that need a meta-plugin, on the bundled
/// catalogue: each test states what a platform engineer expects, never one stack's score.
/// </summary>
public class InstallEffortTests
{
    private static readonly StrataApplication App = Shared.App;

    private static Engine.Decisions.Decision Decide(string yaml)
    {
        var outcome = App.Decide(new DecisionRequest(ProfileSource.Text("install-effort.yaml", yaml)));
        outcome.Problems.ShouldBeEmpty();
        return outcome.Value!;
    }

    private static double Operability(Engine.Decisions.RankedStack stack) =>
        stack.Criteria.Single(c => c.Criterion == "operability").Value;

    private static Engine.Decisions.RankedStack Choice(Engine.Decisions.Decision d, string layer, string id) =>
        d.Ranking.First(r => r.Stack.Layers[layer][0] == id);

    [Fact]
    public void PolicyOperability_YamlPoliciesBeatRegoTemplates()
    {
        // Kyverno and Gatekeeper are both admission webhooks whose policies are CRD resources; Kyverno's are YAML
        // (or CEL), Gatekeeper's ConstraintTemplates carry Rego (or CEL): a language to learn.
        var d = Decide("profile: p\nlayers: [policy]\nneeds: [admission-control]\nweights: { operability: 1 }\n");

        Operability(Choice(d, "policy", "kyverno")).ShouldBeGreaterThan(Operability(Choice(d, "policy", "gatekeeper")));
    }

    [Fact]
    public void NetworkOperability_FewerCrdsIsLessToUpgrade()
    {
        // Calico's operator install adds 32 CRDs, flannel's manifest none: the same daemon count, less API to migrate.
        var d = Decide("profile: p\nlayers: [network]\nweights: { operability: 1 }\n");

        Operability(Choice(d, "network", "flannel")).ShouldBeGreaterThan(Operability(Choice(d, "network", "calico")));
    }

    [Theory]
    [InlineData("sr-iov")]
    [InlineData("macvlan")]
    [InlineData("ipvlan")]
    public void SecondaryAttachment_ComesWithItsMetaPlugin(string attachment)
    {
        // A secondary interface is attached by a meta-plugin from a NetworkAttachmentDefinition: Multus comes along.
        var d = Decide("profile: p\nlayers: [network, secondary-network]\nweights: { operability: 1 }\n");

        var stack = Choice(d, "secondary-network", attachment);
        stack.Supporting.ShouldContain(s => s.Technology == "multus" && s.For == attachment);
    }

    [Fact]
    public void SecondaryOperability_ADevicePluginIsOneMoreDaemon()
    {
        // SR-IOV runs its device plugin on every node besides Multus; MACVLAN is a binary Multus calls.
        var d = Decide("profile: p\nlayers: [network, secondary-network]\nweights: { operability: 1 }\n");

        Operability(Choice(d, "secondary-network", "macvlan")).ShouldBeGreaterThan(Operability(Choice(d, "secondary-network", "sr-iov")));
    }

    [Fact]
    public void SecondaryNetworkPerformance_SrIovAheadOfMacvlan()
    {
        // Same test, same hardware (OpenShift 4.20 Telco Core): SR-IOV 98.6 % of line rate, MACVLAN 93.9 %.
        var d = Decide("profile: p\nlayers: [network, secondary-network]\nweights: { performance: 1 }\n");

        d.Winner.ShouldNotBeNull();
        d.Winner.Stack.Layers["secondary-network"][0].ShouldBe("sr-iov");
        Choice(d, "secondary-network", "sr-iov").Rank.ShouldBeLessThan(Choice(d, "secondary-network", "macvlan").Rank);
    }

    [Fact]
    public void Multus_IsNeverTheLayersChoice()
    {
        // Multus attaches networks; it carries no data path of its own.
        var d = Decide("profile: p\nlayers: [network, secondary-network]\nweights: { operability: 1 }\n");

        d.Ranking.ShouldNotContain(r => r.Stack.Layers["secondary-network"].Contains("multus"));
    }

    [Fact]
    public void ClusterInstallEffort_CountsOnlyForAFleetOfClusters()
    {
        // One cluster: installing it is a one-off, and K3s and kubeadm tie on the components they run. A cluster in each
        // of 2,000 sites: every install and upgrade repeats per cluster, K3s's one command against kubeadm's 8 and 7 steps.
        static string Site(string extra) => $"profile: p\nlayers: [orchestration]\nconstraints: {{ nodes: 3, control_plane: local{extra} }}\nweights: {{ operability: 1 }}\n";
        var one = Decide(Site(""));
        var fleet = Decide(Site(", clusters: 2000"));

        Operability(Choice(one, "orchestration", "k3s")).ShouldBe(Operability(Choice(one, "orchestration", "kubernetes")), 1e-9);
        Operability(Choice(fleet, "orchestration", "k3s")).ShouldBeGreaterThan(Operability(Choice(fleet, "orchestration", "kubernetes")) + 0.05);
        fleet.Winner!.Stack.Layers["orchestration"][0].ShouldBe("k3s");
        fleet.TopTie.ShouldBeNull();
    }

    [Fact]
    public void Exclude_ForbidsTheTechnologyAndSaysSo()
    {
        var d = Decide("profile: p\nlayers: [policy]\nneeds: [admission-control]\nexclude: [kyverno]\nweights: { operability: 1 }\n");

        d.Ranking.ShouldNotContain(r => r.Stack.Layers["policy"][0] == "kyverno");
        var e = d.Eliminated.Single(x => x.Technology == "kyverno");
        e.Constraint.ShouldBe("exclude");
        e.Reason.ShouldContain("the profile excludes it");
    }

    [Fact]
    public void Exclude_AnUnknownIdIsAnErrorAtItsPosition()
    {
        var outcome = App.Decide(new DecisionRequest(ProfileSource.Text("x.yaml", "profile: p\nlayers: [policy]\nexclude: [kyvernoo]\n")));

        outcome.IsBadInput.ShouldBeTrue();
        var d = outcome.Diagnostics.Single(x => x.Severity == Model.Diagnostics.Severity.Error);
        (d.Location.Line, d.Location.Column).ShouldBe((3, 11));
        d.Message.ShouldContain("kyverno");
    }

    [Fact]
    public void AsOfReference_ReplaysTheDecisionAmongWhatExistedThen()
    {
        // K3s was first released in February 2019: a 2017 decision could not have chosen it.
        const string Yaml = "profile: p\nlayers: [orchestration]\nconstraints: { clusters: 1800 }\nweights: { operability: 1 }\n" +
            "reference:\n  system: s\n  as_of: 2017\n  sources: [{ url: \"https://example.org/a\", title: t, read: r }]\n  chose: { orchestration: kubernetes }\n";
        var replay = App.Decide(new DecisionRequest(ProfileSource.Text("r.yaml", Yaml)) { AsOfReference = true }).Value!;
        var today = App.Decide(new DecisionRequest(ProfileSource.Text("r.yaml", Yaml))).Value!;

        replay.Winner!.Stack.Layers["orchestration"][0].ShouldBe("kubernetes");
        replay.Eliminated.Single(e => e.Technology == "k3s").Reason.ShouldContain("first publicly released 2019, after the decision (2017)");
        today.Ranking.ShouldContain(r => r.Stack.Layers["orchestration"][0] == "k3s");
    }

    [Fact]
    public void AsOfReference_DoesNotSeeWhatALaterReleaseBrought()
    {
        // Linkerd's VM workloads came with 2.15 (February 2024): a mesh for VMs chosen in 2020 could not have been Linkerd.
        const string Yaml = "profile: p\nlayers: [service-mesh]\nneeds: [vm-workloads]\nweights: { operability: 1 }\n" +
            "reference:\n  system: s\n  as_of: 2020\n  sources: [{ url: \"https://example.org/a\", title: t, read: r }]\n  chose: { service-mesh: istio }\n";
        var replay = App.Decide(new DecisionRequest(ProfileSource.Text("r.yaml", Yaml)) { AsOfReference = true }).Value!;
        var today = App.Decide(new DecisionRequest(ProfileSource.Text("r.yaml", Yaml))).Value!;

        today.Ranking.ShouldContain(r => r.Stack.Layers["service-mesh"][0] == "linkerd");
        replay.Ranking.ShouldNotContain(r => r.Stack.Layers["service-mesh"][0] == "linkerd");
        replay.Eliminated.ShouldContain(e => e.Technology == "linkerd");
    }

    [Fact]
    public void CatalogAsOf_DropsOnlyFactsDatedLater()
    {
        var catalog = Catalog.Loading.CatalogLoader.LoadBundled().Catalog!;
        var linkerd = catalog.Technology("linkerd")!;
        var then = catalog.AsOf(2020).Technology("linkerd")!;

        linkerd.Facts.ShouldContain(f => f.Since == "2024-02-21");
        then.Facts.Length.ShouldBe(linkerd.Facts.Length - linkerd.Facts.Count(f => f.Since == "2024-02-21"));
        catalog.AsOf(2024).ShouldBeSameAs(catalog);
    }
}
