using System.Globalization;
using Strata.Fleet.Inventory;

namespace Strata.Fleet.Classes;

/// <summary>
/// What planning knows about one node, each fact from a named field or label, or unknown (null). Nothing is guessed:
/// io_uring follows from the kernel version (merged in Linux 5.1), cgroup v2 only from a label or CSV cell that says
/// so (or is ruled out by a kernel older than 4.5, where it did not exist), GPU presence from the device plugin's
/// capacity, GPU feature discovery or NFD's PCI labels (without any of them pods get no GPU there, so it is false). KVM is the exception that is never unknown to the engine: a
/// node shows it through NFD's cpuid labels (VMX for Intel VT-x, SVM for AMD-V) or a CSV cell, and a node without that
/// evidence is planned as having no KVM, so a runtime that needs /dev/kvm is never sent to it.
/// </summary>
public sealed record NodeFacts(
    string? Arch,
    double? MemoryBytes,
    double? Cpus,
    string? Kernel,
    bool Kvm,
    string KvmEvidence,
    bool? CgroupV2,
    bool? IoUring,
    bool Gpu,
    int? GpuCount,
    string? GpuProduct,
    bool? Mig)
{
    /// <summary>Server (runs the control plane) or agent, from the control-plane labels or the CSV role column; null when unknown.</summary>
    public NodeRole? Role { get; init; }

    public static NodeFacts From(NodeRecord node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var labels = node.Labels;
        string? Label(string key) => labels.TryGetValue(key, out var v) ? v : null;

        var arch = NormaliseArch(node.Architecture ?? Label(LabelKeys.Arch) ?? Label(LabelKeys.BetaArch));
        var memory = node.MemoryBytes ?? Parse(node.CapacityMemory ?? node.AllocatableMemory);
        var cpus = node.Cpus ?? Parse(node.CapacityCpu ?? node.AllocatableCpu);
        var kernel = node.KernelVersion ?? Label(LabelKeys.KernelFull);
        var version = MajorMinor(kernel);

        bool kvm;
        string evidence;
        if (node.StatedKvm is { } stated)
        {
            (kvm, evidence) = (stated, node.KvmEvidence ?? "stated in the inventory");
        }
        else if (Label(LabelKeys.Vmx) == "true" || Label(LabelKeys.Svm) == "true")
        {
            (kvm, evidence) = (true, Label(LabelKeys.Vmx) == "true" ? "NFD cpu-cpuid.VMX" : "NFD cpu-cpuid.SVM");
        }
        else
        {
            (kvm, evidence) = (false, node.KvmEvidence is { } said ? said : node.HasNfdLabels ? "NFD reports neither cpu-cpuid.VMX nor SVM" : "no KVM evidence (no NFD labels)");
        }

        bool? ioUring = node.StatedIoUring ?? (version is { } v ? v >= (5, 1) : null);
        bool? cgroupV2 = node.StatedCgroupV2 ?? (version is { } k && k < (4, 5) ? false : null);

        var gpuCount = (node.Gpus ?? Parse(node.CapacityGpu ?? node.AllocatableGpu)) is { } g ? (int?)(int)Math.Min(g, 1024) : null;
        if (gpuCount is null && Label(LabelKeys.GpuCount) is { } countLabel && int.TryParse(countLabel, NumberStyles.None, CultureInfo.InvariantCulture, out var c))
        {
            gpuCount = c;
        }
        // Pods reach a GPU only through a device plugin that advertises it (capacity nvidia.com/gpu) or one the
        // discovery labels show; a node with neither offers pods no GPU.
        var gpu = node.StatedGpu ?? (gpuCount > 0 || node.HasNvidiaPciLabel || Label(LabelKeys.GpuProduct) is not null);
        bool? mig = !gpu ? false : Label(LabelKeys.MigCapable) switch { "true" => true, "false" => false, _ => null };
        return new NodeFacts(arch, memory, cpus, kernel, kvm, evidence, cgroupV2, ioUring, gpu, gpuCount, Label(LabelKeys.GpuProduct), mig) { Role = node.Role };
    }

    private static double? Parse(string? quantity) => quantity is not null && KubeQuantity.TryParse(quantity, out var v) ? v : null;

    /// <summary>Kubernetes' GOARCH names in the catalogue's vocabulary (amd64 is x86_64); others as given.</summary>
    public static string? NormaliseArch(string? arch) => arch switch
    {
        null or "" => null,
        "amd64" or "x86_64" => "x86_64",
        "arm64" or "aarch64" => "arm64",
        _ => arch,
    };

    /// <summary>major.minor of a kernel release string (5.15.0-91-generic → 5.15), or null.</summary>
    public static Version? KernelVersion(string? kernel) => MajorMinor(kernel) is { } v ? new Version(v.Major, v.Minor) : null;

    /// <summary><see cref="KernelVersion"/> without an object per node (ordered as versions are).</summary>
    private static KernelRelease? MajorMinor(string? kernel)
    {
        if (kernel is null)
        {
            return null;
        }
        var span = kernel.AsSpan();
        var dot = span.IndexOf('.');
        if (dot <= 0 || !int.TryParse(span[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }
        var rest = span[(dot + 1)..];
        var end = 0;
        while (end < rest.Length && char.IsAsciiDigit(rest[end]))
        {
            end++;
        }
        return end > 0 && int.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? new KernelRelease(major, minor) : null;
    }

    private readonly record struct KernelRelease(int Major, int Minor)
    {
        public static implicit operator KernelRelease((int Major, int Minor) v) => new(v.Major, v.Minor);

        public static bool operator <(KernelRelease a, KernelRelease b) => a.Major < b.Major || (a.Major == b.Major && a.Minor < b.Minor);

        public static bool operator >(KernelRelease a, KernelRelease b) => b < a;

        public static bool operator <=(KernelRelease a, KernelRelease b) => !(b < a);

        public static bool operator >=(KernelRelease a, KernelRelease b) => !(a < b);
    }
}
