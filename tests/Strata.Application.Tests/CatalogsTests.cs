using Strata.Application.Requests;
using Strata.TestSupport;

namespace Strata.Application.Tests;

/// <summary>The catalogue itself: validate, list, show, synthesise.</summary>
public class CatalogsTests
{
    private static readonly StrataApplication App = Shared.App;

    [Fact]
    public void Validate_BrokenCatalogue_IsBadInputAndStillShowsTheValidation()
    {
        using var dir = new TempCatalog();
        dir.Write("technologies/tiny.yaml", "id: tiny\nname: Tiny\nlayer: runtimes\n");

        var outcome = App.Validate(CatalogLocation.InDirectory(dir.Dir));

        outcome.Kind.ShouldBe(OutcomeKind.BadInput);
        outcome.Value!.Result.Success.ShouldBeFalse();
        outcome.Value.Source.ShouldBe(dir.Dir);
        outcome.Diagnostics.ShouldBe(outcome.Value.Result.Diagnostics);
    }

    [Fact]
    public void ListTechnologies_UnknownLayer_IsBadInputWithTheLayers()
    {
        var p = App.ListTechnologies(CatalogLocation.Bundled, "runtimes").Problems.ShouldHaveSingleItem();

        p.Code.ShouldBe(ProblemCodes.UnknownLayer);
        p.Message.ShouldContain("did you mean 'runtime'?");
    }

    [Fact]
    public void ListTechnologies_OneLayer_ListsOnlyIt()
    {
        App.ListTechnologies(CatalogLocation.Bundled, "runtime").Value!.Technologies.ShouldAllBe(t => t.Layer == "runtime");
    }

    [Fact]
    public void ShowTechnology_UnknownId_IsBadInput()
    {
        App.ShowTechnology(CatalogLocation.Bundled, "firecrackr").Problems.ShouldHaveSingleItem().Code.ShouldBe(ProblemCodes.UnknownTechnology);
    }

    [Fact]
    public void WriteSyntheticCatalog_NonEmptyDirectory_IsBadInput()
    {
        using var dir = new TempCatalog();

        App.WriteSyntheticCatalog(dir.Dir, 10, 1).Problems.ShouldHaveSingleItem().Code.ShouldBe(ProblemCodes.NotEmpty);
    }
}
