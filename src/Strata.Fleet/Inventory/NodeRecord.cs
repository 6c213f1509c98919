namespace Strata.Fleet.Inventory;

/// <summary>
/// One node as the inventory gives it: the fields of a v1 Node that planning reads (status.nodeInfo, capacity,
/// allocatable) and the labels it may read. Labels nobody reads are counted, not kept, so a node costs the same
/// whatever else its labels say.
/// </summary>
public sealed class NodeRecord
{
    public NodeRecord(string name, long offset, IReadOnlyDictionary<string, string> labels)
    {
        Name = name;
        Offset = offset;
        Labels = labels;
    }

    public string Name { get; }

    /// <summary>Where the node starts in the inventory: a byte offset for JSON, a line number for CSV.</summary>
    public long Offset { get; }

    /// <summary>The labels planning reads (<see cref="LabelKeys"/> and the --map selectors' keys).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>How many labels the node has in all.</summary>
    public int LabelCount { get; internal set; }

    /// <summary>The node has at least one Node Feature Discovery label (feature.node.kubernetes.io/…): NFD runs on it.</summary>
    public bool HasNfdLabels { get; internal set; }

    /// <summary>NFD labels an NVIDIA PCI device (vendor 10de) on the node.</summary>
    public bool HasNvidiaPciLabel { get; internal set; }

    public string? Architecture { get; internal set; }
    public string? KernelVersion { get; internal set; }
    public string? OsImage { get; internal set; }
    public string? ContainerRuntimeVersion { get; internal set; }
    public string? CapacityCpu { get; internal set; }
    public string? CapacityMemory { get; internal set; }
    public string? CapacityGpu { get; internal set; }
    public string? AllocatableCpu { get; internal set; }
    public string? AllocatableMemory { get; internal set; }
    public string? AllocatableGpu { get; internal set; }

    // The values of (CapacityX ?? AllocatableX) where the reader parsed them already (a NodeList's); null: parse the text.
    internal double? Cpus { get; init; }
    internal double? MemoryBytes { get; init; }
    internal double? Gpus { get; init; }

    /// <summary>From a CSV column: the operator states KVM outright (true/false), where a NodeList would carry NFD labels.</summary>
    public bool? StatedKvm { get; internal set; }

    /// <summary>From a CSV column or the strata.dev/cgroup label: the node runs cgroup v2 (true) or v1 (false).</summary>
    public bool? StatedCgroupV2 { get; internal set; }

    /// <summary>From a probe file's host: block: io_uring_setup(2) worked (true) or not (false) on the node, a test where the kernel version is only a bound.</summary>
    public bool? StatedIoUring { get; internal set; }

    /// <summary>From a probe file's host: block: the node has an NVIDIA device and driver (true) or none (false); the count stays unknown.</summary>
    public bool? StatedGpu { get; internal set; }

    /// <summary>Where the inventory's own word on KVM came from, when it is not a NodeList's labels or a CSV cell (a probe file).</summary>
    public string? KvmEvidence { get; internal set; }

    /// <summary>Whether the node runs the control plane (see <see cref="NodeRole"/>); null when the inventory does not say.</summary>
    public NodeRole? Role { get; internal set; }
}

/// <summary>
/// What the node is to its cluster. A NodeList shows it by label: kubeadm's mark-control-plane phase, run by
/// <c>kubeadm init</c> and by <c>kubeadm join --control-plane</c>, "applies control-plane label and taint"
/// (https://kubernetes.io/docs/reference/setup-tools/kubeadm/generated/kubeadm_init_phase_mark-control-plane), the label
/// being <c>node-role.kubernetes.io/control-plane</c> (kubeadm before v1.24 also wrote <c>node-role.kubernetes.io/master</c>;
/// kubernetes/kubernetes#107533). K3s labels each server <c>node-role.kubernetes.io/control-plane=true</c>, and until
/// it dropped the old name (k3s-io/k3s#12395, #14028) <c>node-role.kubernetes.io/master=true</c> too; agents get
/// neither. A node with neither label is therefore taken to be an agent (a worker): an inference from how those tools
/// label, not a field the API guarantees; a cluster whose control-plane nodes lost the label by hand would be misread.
/// </summary>
public enum NodeRole
{
    /// <summary>A worker: the control plane runs elsewhere (control_plane: remote for the decision).</summary>
    Agent,

    /// <summary>A control-plane node (kubeadm control-plane, K3s server): the control plane's footprint is on it.</summary>
    Server,
}

/// <summary>The labels planning reads, as Node Feature Discovery, GPU feature discovery and Kubernetes write them.</summary>
public static class LabelKeys
{
    public const string Arch = "kubernetes.io/arch";
    public const string BetaArch = "beta.kubernetes.io/arch";
    public const string NfdPrefix = "feature.node.kubernetes.io/";
    public const string Vmx = "feature.node.kubernetes.io/cpu-cpuid.VMX";
    public const string Svm = "feature.node.kubernetes.io/cpu-cpuid.SVM";
    public const string KernelFull = "feature.node.kubernetes.io/kernel-version.full";
    public const string NvidiaPci = "feature.node.kubernetes.io/pci-10de.present";
    public const string GpuProduct = "nvidia.com/gpu.product";
    public const string GpuCount = "nvidia.com/gpu.count";
    public const string MigCapable = "nvidia.com/mig.capable";

    /// <summary>kubeadm's and K3s's label on every control-plane node (see <see cref="NodeRole"/>).</summary>
    public const string ControlPlane = "node-role.kubernetes.io/control-plane";

    /// <summary>The older name of <see cref="ControlPlane"/> (kubeadm before v1.24; K3s still writes both).</summary>
    public const string Master = "node-role.kubernetes.io/master";

    /// <summary>Strata's own: the cgroup version (v1 or v2) where the operator labels it; no standard label says it.</summary>
    public const string Cgroup = "strata.dev/cgroup";

    /// <summary>Strata's own: the runtime a plan chose for the node, and the RuntimeClasses' node selector.</summary>
    public const string Runtime = "strata.dev/runtime";

    public static readonly IReadOnlyList<string> Read = [Arch, BetaArch, Vmx, Svm, KernelFull, NvidiaPci, GpuProduct, GpuCount, MigCapable, ControlPlane, Master, Cgroup, Runtime];

    /// <summary>A node of a NodeList: a server when either control-plane label is there (whatever its value), else an agent.</summary>
    public static NodeRole RoleOf(IReadOnlyDictionary<string, string> labels) =>
        labels.ContainsKey(ControlPlane) || labels.ContainsKey(Master) ? NodeRole.Server : NodeRole.Agent;
}
