using Strata.Fleet.Classes;
using Strata.Fleet.Inventory;
using Strata.Fleet.Planning;
using Strata.TestSupport;

namespace Strata.Fleet.Tests.Inventory;

/// <summary>A directory of `strata probe -o yaml` files as an inventory: one node a file, named by the file.</summary>
public class ProbeDirectoryTests
{
    // As ProbeYaml writes it (src/Strata.Rendering/Yaml/ProbeYaml.cs); kvm is a comment when a shallow probe could not tell.
    private static string Probe(string arch, string memory, string kernel, string cpus = "4", string? kvm = "true", string cgroupV2 = "true", string gpu = "false") =>
        "# strata probe, 2026-12-03. Use with: strata recommend PROFILE --host THIS-FILE\n" +
        "host:\n" +
        (kvm is null ? "  # kvm: unknown: /dev/kvm is there, but only --deep tries to boot a guest\n" : $"  kvm: {kvm}\n") +
        $"  cgroup_v2: {cgroupV2}   # cgroups: unified\n" +
        "  io_uring: true\n" +
        $"  gpu: {gpu}\n" +
        "probe:\n" +
        $"  - {{ name: arch, value: \"{arch}\", how: \"RuntimeInformation.OSArchitecture\" }}\n" +
        $"  - {{ name: cpus, value: \"{cpus}\", how: \"Environment.ProcessorCount\" }}\n" +
        $"  - {{ name: memory, value: \"{memory}\", how: \"/proc/meminfo MemTotal\" }}\n" +
        $"  - {{ name: kernel, value: \"{kernel}\", how: \"/proc/sys/kernel/osrelease\" }}\n" +
        "tools:\n" +
        "  - { tool: runc, path: \"/usr/sbin/runc\", version: \"runc version 1.1.5\" }\n";

    private static (List<NodeRecord> Nodes, IReadOnlyList<InventoryError> Errors, string Format) ReadAll(string path)
    {
        using var source = InventoryFile.Open(path, InventoryLimits.Default, []);
        var nodes = new List<NodeRecord>();
        while (source.TryRead(out var n))
        {
            nodes.Add(n!);
        }
        return (nodes, InventoryFile.Locate(path, source.Errors), source.Format);
    }

    [Fact]
    public void Read_ProbeDirectory_OneNodeAFileInNameOrderWithTheProbesFacts()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "srv-b.yaml"), Probe("x86_64", "24105MiB", "6.1.0-21-amd64"));
        File.WriteAllText(Path.Combine(dir.Path, "edge-a.yml"), Probe("aarch64", "960MiB", "5.10.110", cpus: "4", kvm: null, cgroupV2: "false"));
        File.WriteAllText(Path.Combine(dir.Path, "notes.txt"), "not a probe file");
        var (nodes, errors, format) = ReadAll(dir.Path);
        errors.ShouldBeEmpty();
        format.ShouldBe("probe directory");
        nodes.Select(n => n.Name).ShouldBe(["edge-a", "srv-b"]);

        var edge = NodeFacts.From(nodes[0]);
        edge.Arch.ShouldBe("arm64");
        edge.MemoryBytes.ShouldBe(960d * 1024 * 1024);
        edge.Cpus.ShouldBe(4);
        edge.Kvm.ShouldBeFalse(); // a shallow probe could not tell: no KVM evidence, so planned without KVM
        edge.CgroupV2.ShouldBe(false);
        edge.IoUring.ShouldBe(true);
        edge.Gpu.ShouldBeFalse();
        edge.Role.ShouldBeNull(); // the probe does not say whether the host runs the control plane

        var server = NodeFacts.From(nodes[1]);
        server.Arch.ShouldBe("x86_64");
        server.MemoryBytes.ShouldBe(24105d * 1024 * 1024);
        server.Kvm.ShouldBeTrue();
        server.KvmEvidence.ShouldContain("strata probe");
        server.Kernel.ShouldBe("6.1.0-21-amd64");
    }

    [Fact]
    public void Read_BadProbeFiles_EachErrorNamesItsFileLineAndColumn()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "a.yaml"), Probe("x86_64", "lots", "6.1.0"));
        File.WriteAllText(Path.Combine(dir.Path, "b.yaml"), "host:\n  kvm: maybe\n");
        File.WriteAllText(Path.Combine(dir.Path, "c.yaml"), "host: [unclosed\n");
        File.WriteAllText(Path.Combine(dir.Path, "d.yaml"), Probe("x86_64", "2048MiB", "6.1.0"));
        var (nodes, errors, _) = ReadAll(dir.Path);
        nodes.Select(n => n.Name).ShouldBe(["d"]);
        errors.Select(e => Path.GetFileName(e.File)).Distinct().ShouldBe(["a.yaml", "b.yaml", "c.yaml"]);
        errors.ShouldAllBe(e => e.Line >= 1 && e.Column >= 1);
        var memory = errors.Single(e => e.File!.EndsWith("a.yaml", StringComparison.Ordinal));
        memory.Message.ShouldContain("memory");
        memory.Line.ShouldBe(10);
        errors.Single(e => e.File!.EndsWith("b.yaml", StringComparison.Ordinal)).Line.ShouldBe(2);
    }

    [Fact]
    public void Read_EmptyDirectory_IsAnError()
    {
        using var dir = new TempDir();
        var (nodes, errors, _) = ReadAll(dir.Path);
        nodes.ShouldBeEmpty();
        errors.Single().Message.ShouldContain("no .yaml");
    }

    [Fact]
    public void Plan_ProbeDirectory_DecidesEachNodesClass()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "kvm-host.yaml"), Probe("x86_64", "16000MiB", "6.1.0-21-amd64"));
        File.WriteAllText(Path.Combine(dir.Path, "no-kvm-host.yaml"), Probe("x86_64", "16000MiB", "6.1.0-21-amd64", kvm: "false"));
        var outcome = new FleetPlanner(new Strata.Application.StrataApplication())
            .Plan(new FleetRequest(dir.Path, "microservices"), [], CancellationToken.None);
        outcome.InventoryErrors.ShouldBeEmpty();
        var plan = outcome.Plan!;
        plan.Nodes.ShouldBe(2);
        plan.Format.ShouldBe("probe directory");
        plan.Classes.Length.ShouldBe(2);
        plan.Classes.Single(c => c.Examples.Contains("no-kvm-host")).Runtime.ShouldNotBeOneOf("firecracker", "kata");
    }
}
