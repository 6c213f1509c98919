using Shouldly;
using Strata.Catalog.Loading;
using Strata.Catalog.Profiles;
using Strata.Model.Diagnostics;
using Xunit;

namespace Strata.Catalog.Tests.Loading;

/// <summary>Constraint forms that used to load and silently mean something else than they say.</summary>
public sealed class ProfileConstraintTests
{
    private static readonly Strata.Model.Entities.Catalog Catalog = CatalogLoader.LoadBundled().Catalog!;

    [Fact]
    public void Parse_IsolationWithEmptyAnyOf_IsAnErrorAtTheList()
    {
        var r = ProfileLoader.Parse("p.yaml", "profile: p\nlayers: [runtime]\nconstraints:\n  isolation: { any_of: [] }\nweights: { startup: 1 }\n", Catalog);
        r.Profile.ShouldBeNull();
        var d = r.Diagnostics.ShouldHaveSingleItem();
        d.Message.ShouldContain("any_of lists no boundary");
        (d.Location.Line, d.Location.Column).ShouldBe((4, 24));
    }

    [Fact]
    public void Parse_ScopeOfAnotherKindOfFigure_IsAnErrorNamingTheScopesThatFit()
    {
        var r = ProfileLoader.Parse("p.yaml", "profile: p\nlayers: [runtime]\nconstraints:\n  cold_start: { max: 100ms, of: per-pod-resident }\nweights: { startup: 1 }\n", Catalog);
        r.Profile.ShouldBeNull();
        var d = r.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCodes.Inconsistent);
        d.Message.ShouldContain("composes memory-overhead figures");
        d.Message.ShouldContain("runtime-start");
        (d.Location.Line, d.Location.Column).ShouldBe((4, 33));
    }

    [Fact]
    public void Parse_ScopeOfTheSameKind_Loads()
    {
        var r = ProfileLoader.Parse("p.yaml", "profile: p\nlayers: [runtime]\nconstraints:\n  cold_start: { max: 100ms, of: runtime }\nweights: { startup: 1 }\n", Catalog);
        r.Diagnostics.ShouldBeEmpty();
        r.Profile.ShouldNotBeNull();
    }
}
