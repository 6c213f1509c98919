using Strata.Fleet.Classes;
using Strata.Fleet.Inventory;

namespace Strata.Fleet.Tests.Classes;

public class NodeFactsTests
{
    private static NodeFacts FactsOf(string nodeJson)
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "n.jsonl", nodeJson);
        using var source = InventoryFile.Open(path, InventoryLimits.Default, []);
        source.TryRead(out var node).ShouldBeTrue();
        return NodeFacts.From(node!);
    }

    [Fact]
    public void From_VmxLabel_MeansKvm()
    {
        var f = FactsOf(Nodes.Node("a", labels: Nodes.Vmx));
        f.Kvm.ShouldBeTrue();
        f.KvmEvidence.ShouldContain("VMX");
    }

    [Fact]
    public void From_NoNfdLabels_HasNoKvmAndSaysWhy()
    {
        var f = FactsOf(Nodes.Node("a"));
        f.Kvm.ShouldBeFalse();
        f.KvmEvidence.ShouldContain("no KVM evidence");
    }

    [Fact]
    public void From_NfdWithoutVmxOrSvm_HasNoKvm() => FactsOf(Nodes.Node("a", labels: Nodes.NfdNoVirt)).Kvm.ShouldBeFalse();

    [Theory]
    [InlineData("4.19.0-26-amd64", false)]
    [InlineData("5.1.0", true)]
    [InlineData("6.8.0-40-generic", true)]
    public void From_KernelVersion_DecidesIoUring(string kernel, bool expected) =>
        FactsOf(Nodes.Node("a", kernel: kernel)).IoUring.ShouldBe(expected);

    [Fact]
    public void From_NoCgroupLabel_LeavesCgroupUnknown() => FactsOf(Nodes.Node("a")).CgroupV2.ShouldBeNull();

    [Fact]
    public void From_CgroupLabel_SaysV2() => FactsOf(Nodes.Node("a", labels: [("strata.dev/cgroup", "v2")])).CgroupV2.ShouldBe(true);

    [Fact]
    public void From_GpuFeatureDiscoveryLabels_GiveGpuCountProductAndMig()
    {
        var f = FactsOf(Nodes.Node("g", memory: "1Ti", cpu: "96", labels: Nodes.A100, gpus: "8"));
        f.Gpu.ShouldBeTrue();
        f.GpuCount.ShouldBe(8);
        f.GpuProduct.ShouldBe("NVIDIA-A100-SXM4-80GB");
        f.Mig.ShouldBe(true);
        f.Arch.ShouldBe("x86_64");
    }

    [Fact]
    public void From_GpuWithoutMigLabel_LeavesMigUnknown() => FactsOf(Nodes.Node("g", gpus: "1")).Mig.ShouldBeNull();

    [Theory]
    [InlineData(1024d * 1024 * 1024, 1024)]
    [InlineData(1014216d * 1024, 960)]
    [InlineData(3.9 * 1024 * 1024 * 1024, 3840)]
    [InlineData(8d * 1024 * 1024, 8)]
    public void MemoryStep_RoundsDownToEightStepsPerDoubling(double bytes, long mib)
    {
        NodeClassKey.MemoryStep(bytes).ShouldBe(mib);
        NodeClassKey.MemoryStep(bytes).ShouldBeLessThanOrEqualTo((long)(bytes / (1024 * 1024)));
    }
}
