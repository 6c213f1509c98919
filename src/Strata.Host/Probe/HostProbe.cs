using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Strata.Host.Probe;

/// <summary>
/// Reads the host without changing it: architecture, CPUs, memory, kernel, cgroup layout, user
/// namespaces, seccomp, io_uring (a real io_uring_setup), eBPF (a real bpf() call, BTF), overlayfs,
/// /dev/kvm (and with <c>deep</c> whether a guest really boots, under a hard timeout), GPUs and the
/// isolation tools installed. Every fact says how it was found.
/// </summary>
public sealed class HostProbe
{
    public static readonly string[] Tools =
    [
        "runc", "crun", "runsc", "bwrap", "firejail", "systemd-nspawn", "podman", "docker", "qemu-system-x86_64", "qemu-system-aarch64",
        "firecracker", "kata-runtime", "wasmtime", "wasmedge", "node", "unshare",
    ];

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The tools whose versions the report lists; a caller that needs only the host facts passes none (each costs a process).</summary>
    public IReadOnlyList<string> ToolNames { get; init; } = Tools;

    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Where the probe reads /proc and /sys from (tests point it at a fake tree).</summary>
    public string Root { get; init; } = "/";

    private string P(string path) => Path.Combine(Root, path.TrimStart('/'));

    private string? Read(string path)
    {
        try
        {
            return File.Exists(P(path)) ? File.ReadAllText(P(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public HostReport Run(bool deep, string date)
    {
        var facts = ImmutableArray.CreateBuilder<HostFact>();
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "arm64",
            var a => a.ToString().ToLowerInvariant(),
        };
        facts.Add(new("arch", arch, "RuntimeInformation.OSArchitecture"));
        var model = Read("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        facts.Add(new("cpu_model", model ?? "unknown", "/proc/cpuinfo model name"));
        facts.Add(new("cpus", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), "Environment.ProcessorCount (the CPUs this process may use)"));
        var memKb = Read("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        facts.Add(new("memory", memKb is null ? "unknown" : $"{long.Parse(memKb, CultureInfo.InvariantCulture) / 1024}MiB", "/proc/meminfo MemTotal"));
        facts.Add(new("kernel", Read("/proc/sys/kernel/osrelease")?.Trim() ?? "unknown", "/proc/sys/kernel/osrelease"));

        var (layout, v2, controllers) = Cgroups();
        facts.Add(new("cgroups", layout, "/sys/fs/cgroup: cgroup.controllers at the root means v2; a unified/ mount beside v1 controllers means hybrid"));
        facts.Add(new("cgroup_controllers", controllers, layout == "v2" ? "/sys/fs/cgroup/cgroup.controllers" : "directories under /sys/fs/cgroup (v1), unified/cgroup.controllers (v2 part)"));

        var maxUserNs = Read("/proc/sys/user/max_user_namespaces")?.Trim();
        var unprivileged = Read("/proc/sys/kernel/unprivileged_userns_clone")?.Trim();
        facts.Add(new("user_namespaces", maxUserNs is null ? "unknown" : maxUserNs != "0" ? $"yes (max {maxUserNs}{(unprivileged is null ? "" : unprivileged == "1" ? ", unprivileged allowed" : ", unprivileged disabled")})" : "no",
            "/proc/sys/user/max_user_namespaces, /proc/sys/kernel/unprivileged_userns_clone"));
        var seccomp = Read("/proc/self/status")?.Split('\n').FirstOrDefault(l => l.StartsWith("Seccomp:", StringComparison.Ordinal));
        facts.Add(new("seccomp", seccomp is null ? "no" : "yes" + (Read("/proc/sys/kernel/seccomp/actions_avail")?.Trim() is { } actions ? $" (actions: {actions})" : ""),
            "/proc/self/status Seccomp field, /proc/sys/kernel/seccomp/actions_avail"));

        var (uring, uringErrno) = Root == "/" && OperatingSystem.IsLinux() ? Syscalls.IoUringSetup() : (false, -1);
        facts.Add(new("io_uring", uring ? "usable" : $"not usable (errno {uringErrno})", "io_uring_setup(2) with one entry, then close"));
        var (bpf, bpfErrno) = Root == "/" && OperatingSystem.IsLinux() ? Syscalls.BpfMapCreate() : (false, -1);
        facts.Add(new("ebpf", bpf ? "bpf() allowed" : $"bpf() refused (errno {bpfErrno})", "bpf(BPF_MAP_CREATE) of a one-entry array map"));
        facts.Add(new("btf", File.Exists(P("/sys/kernel/btf/vmlinux")) ? "yes" : "no", "/sys/kernel/btf/vmlinux"));
        facts.Add(new("overlayfs", Read("/proc/filesystems")?.Contains("overlay", StringComparison.Ordinal) == true ? "yes" : "no", "/proc/filesystems"));

        bool? kvm = null;
        var kvmPresent = File.Exists(P("/dev/kvm"));
        facts.Add(new("kvm_device", kvmPresent ? "present" : "absent", "/dev/kvm"));
        if (kvmPresent && Root == "/" && OperatingSystem.IsLinux())
        {
            var (created, detail) = Syscalls.KvmCreateVm();
            facts.Add(new("kvm_create_vm", created ? "works" : "fails", detail));
            if (!created)
            {
                kvm = false;
            }
            else if (deep)
            {
                var (booted, how) = BootGuest();
                kvm = booted;
                facts.Add(new("kvm_guest_boot", booted is null ? "not verified" : booted.Value ? "boots" : "does not boot", how));
            }
        }
        else if (!kvmPresent)
        {
            kvm = false;
        }

        var nvidia = File.Exists(P("/dev/nvidia0"));
        var driver = Read("/proc/driver/nvidia/version")?.Split('\n')[0].Trim();
        var dri = Directory.Exists(P("/dev/dri")) ? Directory.GetFileSystemEntries(P("/dev/dri")).Select(Path.GetFileName).Order().ToList() : [];
        facts.Add(new("gpu", nvidia ? $"NVIDIA{(driver is null ? "" : $" ({driver})")}" : dri.Count > 0 ? $"DRI: {string.Join(", ", dri)}" : "none", "/dev/nvidia0, /proc/driver/nvidia/version, /dev/dri"));

        var tools = ToolNames.Select(Tool).Where(t => t is not null).Select(t => t!).ToImmutableArray();
        return new HostReport(date, layout, v2, uring, nvidia || dri.Any(d => d!.StartsWith("render", StringComparison.Ordinal)), kvm, facts.ToImmutable(), tools);
    }

    private (string Layout, bool V2, string Controllers) Cgroups()
    {
        var root = P("/sys/fs/cgroup");
        if (File.Exists(Path.Combine(root, "cgroup.controllers")))
        {
            return ("v2", true, File.ReadAllText(Path.Combine(root, "cgroup.controllers")).Trim());
        }
        if (!Directory.Exists(root))
        {
            return ("none", false, "");
        }
        var v1 = Directory.GetDirectories(root).Select(Path.GetFileName).Where(n => n is not ("unified" or "systemd")).Order(StringComparer.Ordinal).ToList();
        var unified = Path.Combine(root, "unified", "cgroup.controllers");
        if (File.Exists(unified))
        {
            var v2 = File.ReadAllText(unified).Trim();
            return ("hybrid", false, $"v1: {string.Join(" ", v1)}; v2: {(v2.Length == 0 ? "(none)" : v2)}");
        }
        return ("v1", false, string.Join(" ", v1));
    }

    private ToolVersion? Tool(string name)
    {
        return Processes.Which(name) is { } path ? new ToolVersion(name, path, Processes.Version(path, CommandTimeout)) : null;
    }

    /// <summary>
    /// Boots the host's own kernel under qemu with KVM and no root filesystem: reaching the kernel's
    /// "VFS: Unable to mount root fs" panic means the guest booted. A hard timeout ends a hang.
    /// </summary>
    private (bool? Booted, string How) BootGuest()
    {
        var qemu = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "qemu-system-aarch64" : "qemu-system-x86_64";
        var qemuPath = Processes.Which(qemu);
        var kernel = Directory.Exists("/boot") ? Directory.GetFiles("/boot", "vmlinuz*").Order(StringComparer.Ordinal).LastOrDefault() : null;
        if (qemuPath is null || kernel is null)
        {
            return (null, $"needs {qemu} and a kernel in /boot to boot a guest; found {(qemuPath is null ? "no qemu" : "qemu")} and {(kernel is null ? "no kernel" : kernel)}");
        }
        var (exited, output) = Processes.Run(qemuPath, ["-accel", "kvm", "-m", "128", "-nographic", "-no-reboot", "-kernel", kernel, "-append", "console=ttyS0 panic=-1"], BootTimeout);
        var booted = output?.Contains("Unable to mount root fs", StringComparison.Ordinal) == true || output?.Contains("Kernel panic", StringComparison.Ordinal) == true;
        return (booted, booted
            ? $"{qemu} -accel kvm booted {kernel} to its root-fs panic"
            : $"{qemu} -accel kvm with {kernel} {(exited ? "exited without booting" : $"did not boot within {BootTimeout.TotalSeconds:0} s (killed)")}");
    }
}
