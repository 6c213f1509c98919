using Strata.Engine.Conditions;
using Strata.Model.Conditions;

namespace Strata.Engine.Tests;

public class ConditionEvaluatorTests
{
    private static Truth Eval(string condition, string profileYaml)
    {
        var p = EngineFixture.Profile(profileYaml);
        var view = new ProfileView(p.Scenario, p.Constraints, p.Host);
        return new ConditionEvaluator(EngineFixture.Catalog, view).Evaluate(ConditionParser.Parse(condition).Value);
    }

    [Theory]
    [InlineData("nodes > 1000", "profile: p\nconstraints: { nodes: 2000 }\n", Truth.True)]
    [InlineData("nodes > 1000", "profile: p\nconstraints: { nodes: 3 }\n", Truth.False)]
    [InlineData("nodes > 1000", "profile: p\nconstraints: { nodes: 500..2000 }\n", Truth.Unknown)]
    [InlineData("nodes > 1000", "profile: p\n", Truth.Unknown)]
    [InlineData("nodes > 1000", "profile: p\nconstraints: { nodes: \"> 1000\" }\n", Truth.True)]
    [InlineData("nodes <= 1000", "profile: p\nconstraints: { nodes: \"> 1000\" }\n", Truth.False)]
    [InlineData("cold_start < 100ms", "profile: p\nconstraints: { cold_start: \"< 100ms\" }\n", Truth.True)]
    [InlineData("ha", "profile: p\n", Truth.False)]
    [InlineData("not host.kvm", "profile: p\n", Truth.Unknown)]
    [InlineData("not host.kvm", "profile: p\nhost: { kvm: false }\n", Truth.True)]
    [InlineData("device_access contains usb", "profile: p\nconstraints: { device_access: [usb, pci] }\n", Truth.True)]
    [InlineData("scenario in [edge, 5g-mec]", "profile: p\nscenario: 5g-mec\n", Truth.True)]
    [InlineData("cold_start <= 100ms", "profile: p\nconstraints: { cold_start: < 50ms }\n", Truth.True)]
    [InlineData("offline or nodes > 1000", "profile: p\nconstraints: { offline: true }\n", Truth.True)]
    [InlineData("offline and nodes > 1000", "profile: p\nconstraints: { offline: true }\n", Truth.Unknown)]
    public void Evaluate_ThreeValued(string condition, string profile, Truth expected) =>
        Eval(condition, profile).ShouldBe(expected);

    [Fact]
    public void Evaluate_Predicate_ReadsItsCondition() =>
        Eval("resource-constrained", "profile: p\nconstraints: { node_memory: 1GiB }\n").ShouldBe(Truth.True);
}
