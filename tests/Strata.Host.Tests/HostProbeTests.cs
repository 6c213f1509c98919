using Strata.Host.Probe;

namespace Strata.Host.Tests;

public sealed class HostProbeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "strata-fakeroot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private HostReport Probe() => new HostProbe { Root = _root }.Run(deep: false, "2026-11-22");

    private static string Fact(HostReport r, string name) => r.Facts.Single(f => f.Name == name).Value;

    [Fact]
    public void Run_UnifiedHierarchy_IsV2WithItsControllers()
    {
        Write("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
        var r = Probe();
        r.Cgroups.ShouldBe("v2");
        r.CgroupV2.ShouldBeTrue();
        Fact(r, "cgroup_controllers").ShouldBe("cpuset cpu io memory pids");
    }

    [Fact]
    public void Run_V1ControllersBesideAUnifiedMount_IsHybrid()
    {
        // The layout research/host-isolation.md found on these machines.
        foreach (var c in new[] { "cpu", "memory", "pids" })
        {
            Directory.CreateDirectory(Path.Combine(_root, "sys/fs/cgroup", c));
        }
        Write("/sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n");
        var r = Probe();
        r.Cgroups.ShouldBe("hybrid");
        r.CgroupV2.ShouldBeFalse();
        Fact(r, "cgroup_controllers").ShouldBe("v1: cpu memory pids; v2: hugetlb");
    }

    [Fact]
    public void Run_ProcFiles_AreReadWithHowTheyWereFound()
    {
        Write("/proc/meminfo", "MemTotal:       24683520 kB\nMemFree: 1 kB\n");
        Write("/proc/cpuinfo", "processor\t: 0\nmodel name\t: Test CPU 3000\n");
        Write("/proc/sys/kernel/osrelease", "6.1.0-test\n");
        Write("/proc/filesystems", "nodev\tproc\nnodev\toverlay\n");
        var r = Probe();
        Fact(r, "memory").ShouldBe("24105MiB");
        Fact(r, "cpu_model").ShouldBe("Test CPU 3000");
        Fact(r, "kernel").ShouldBe("6.1.0-test");
        Fact(r, "overlayfs").ShouldBe("yes");
        r.Facts.ShouldAllBe(f => f.How.Length > 0);
    }

    [Fact]
    public void Run_NoDevKvm_ReportsKvmUnusable()
    {
        var r = Probe();
        r.Kvm.ShouldBe(false);
        Fact(r, "kvm_device").ShouldBe("absent");
    }

    [Fact]
    public void Run_ThisHost_ReportsTheCgroupLayoutAndIoUringItReallyHas()
    {
        var r = new HostProbe().Run(deep: false, "2026-11-22");
        var expected = File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "v2"
            : File.Exists("/sys/fs/cgroup/unified/cgroup.controllers") ? "hybrid"
            : Directory.Exists("/sys/fs/cgroup") ? "v1" : "none";
        r.Cgroups.ShouldBe(expected);
        // io_uring is tested with a real io_uring_setup; the fact and the host flag agree.
        var uring = r.Facts.Single(f => f.Name == "io_uring").Value;
        (uring == "usable").ShouldBe(r.IoUring);
        if (!File.Exists("/dev/kvm"))
        {
            r.Kvm.ShouldBe(false);
        }
        else
        {
            // Presence proves nothing: without --deep, whether a guest boots stays unknown unless KVM_CREATE_VM fails.
            r.Facts.ShouldContain(f => f.Name == "kvm_create_vm");
        }
    }
}

public class DeepProbeTests
{
    [Fact]
    public void RunDeep_ThisHost_ReportsKvmUsableOnlyWhenAGuestReallyBoots()
    {
        var r = new HostProbe().Run(deep: true, "2026-11-22");
        var boot = r.Facts.FirstOrDefault(f => f.Name == "kvm_guest_boot");
        if (!File.Exists("/dev/kvm"))
        {
            r.Kvm.ShouldBe(false);
            return;
        }
        if (r.Facts.Single(f => f.Name == "kvm_create_vm").Value == "fails")
        {
            r.Kvm.ShouldBe(false);
            return;
        }
        boot.ShouldNotBeNull();
        boot.How.ShouldNotBeNullOrEmpty();
        // Presence and KVM_CREATE_VM prove nothing: kvm is true only if the guest booted, false if it did not,
        // and unknown only when there was no qemu or kernel to try (test.sh installs both on x86_64).
        switch (boot.Value)
        {
            case "boots": r.Kvm.ShouldBe(true); break;
            case "does not boot": r.Kvm.ShouldBe(false); break;
            default: r.Kvm.ShouldBeNull(); break;
        }
    }
}
