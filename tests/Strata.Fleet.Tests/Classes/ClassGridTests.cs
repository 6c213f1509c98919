using Strata.Application;
using Strata.Application.Requests;
using Strata.Fleet.Classes;

namespace Strata.Fleet.Tests.Classes;

public class ClassGridTests
{
    private static readonly ClassGrid Grid = ClassGrid.From(new StrataApplication().LoadCatalog(CatalogLocation.Bundled).Value!);

    [Fact]
    public void MemoryClass_JustAboveAFigure_StaysAboveIt()
    {
        // K3s' documented server minimum is 2 GB (1907.3 MiB): a node of 1910 MiB fits it, and so must its class.
        Grid.MemoryClass(1910d * 1024 * 1024).ShouldBe(1908);
    }

    [Fact]
    public void MemoryClass_JustAboveAConditionThreshold_StaysAboveIt()
    {
        // resource-constrained reads node_memory <= 2GiB: a node of 2100 MiB is not resource-constrained.
        Grid.MemoryClass(2100d * 1024 * 1024).ShouldBeGreaterThan(2048);
    }

    [Fact]
    public void MemoryClass_NeverExceedsTheNode()
    {
        for (var mib = 100; mib < 20_000; mib += 37)
        {
            Grid.MemoryClass(mib * 1024d * 1024).ShouldBeLessThanOrEqualTo(mib);
        }
    }

    [Fact]
    public void From_BundledCatalogue_ReadsTheHostFactsItsDecisionsRead()
    {
        Grid.Reads("kvm").ShouldBeTrue();
        Grid.Reads("mig").ShouldBeTrue();
        Grid.Reads("io_uring").ShouldBeFalse();
        Grid.MemoryCapMiB.ShouldBeGreaterThanOrEqualTo(8192);
    }
}
