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
}
