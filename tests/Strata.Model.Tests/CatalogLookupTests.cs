using System.Collections.Immutable;
using Strata.Model.Entities;

namespace Strata.Model.Tests;

/// <summary>Catalog.Technology is a dictionary lookup that answers as a scan of the technologies in order would.</summary>
public class CatalogLookupTests
{
    private static Technology Tech(string id, string layer) => new(id, id, layer, "", null, [], null, [], [], [], default!);

    private static Model.Entities.Catalog With(params Technology[] technologies) =>
        new(null!, "", null!, [], [], [.. technologies], [], [], [], [], [], [], []);

    [Fact]
    public void Technology_EveryId_IsTheFirstTechnologyWithIt()
    {
        var catalog = With(Tech("k3s", "orchestration"), Tech("crun", "runtime"), Tech("k3s", "runtime"));
        catalog.Technology("k3s")!.Layer.ShouldBe("orchestration");
        catalog.Technology("crun")!.Layer.ShouldBe("runtime");
        catalog.Technology("K3S").ShouldBeNull(); // ids are compared ordinally, as the scan did
        catalog.Technology("nomad").ShouldBeNull();
    }

    [Fact]
    public void Technology_CopyWithOtherTechnologies_LooksUpTheCopysOwn()
    {
        var catalog = With(Tech("k3s", "orchestration"));
        catalog.Technology("k3s").ShouldNotBeNull();
        var copy = catalog with { Technologies = [Tech("nomad", "orchestration")] };
        copy.Technology("k3s").ShouldBeNull();
        copy.Technology("nomad").ShouldNotBeNull();
        catalog.Technology("nomad").ShouldBeNull();
        (catalog with { }).ShouldBe(catalog); // the index is not part of the record
    }

    [Fact]
    public void Technology_DefaultTechnologies_IsNull()
    {
        var catalog = new Model.Entities.Catalog(null!, "", null!, [], [], default, [], [], [], [], [], [], []);
        catalog.Technology("k3s").ShouldBeNull();
    }
}
