using System.Collections.Frozen;
using Strata.Model.Quantities;

namespace Strata.Model.Conditions;

public enum FieldKind { Bool, Word, WordSet, Quantity, Isolation }

/// <summary>A field of a profile that conditions may read, and which vocabulary list its words come from.</summary>
public sealed record ProfileField(string Name, FieldKind Kind, Dimension? Dimension = null, string? Vocabulary = null, string? Summary = null);

/// <summary>The profile fields conditions and constraints may use. One list, shared by the catalogue and profiles.</summary>
public static class ProfileFields
{
    public static readonly IReadOnlyList<ProfileField> All =
    [
        new("scenario", FieldKind.Word, Vocabulary: "scenario", Summary: "catalogue scenario id"),
        new("arch", FieldKind.Word, Vocabulary: "architectures", Summary: "CPU architecture of the nodes"),
        new("node_memory", FieldKind.Quantity, Dimension.Size, Summary: "memory per node"),
        new("node_cpus", FieldKind.Quantity, Dimension.Cpu, Summary: "CPUs per node (a plain number means cores)"),
        new("nodes", FieldKind.Quantity, Dimension.Count, Summary: "cluster size"),
        new("clusters", FieldKind.Quantity, Dimension.Count, Summary: "separate clusters of this shape, each installed and upgraded on its own (one per site at the edge)"),
        new("cold_start", FieldKind.Quantity, Dimension.Duration, Summary: "time to start a workload"),
        new("runtime_memory", FieldKind.Quantity, Dimension.Size, Summary: "per-workload overhead of the runtime"),
        new("latency", FieldKind.Quantity, Dimension.Duration, Summary: "latency the runtime adds to a request"),
        new("density", FieldKind.Quantity, Dimension.Count, Summary: "workloads per node"),
        new("services", FieldKind.Quantity, Dimension.Count, Summary: "number of services"),
        new("offline", FieldKind.Bool, Summary: "must keep running with the uplink down"),
        new("ha", FieldKind.Bool, Summary: "needs a highly available control plane"),
        new("untrusted_code", FieldKind.Bool, Summary: "runs code its operators did not write"),
        new("multi_tenant", FieldKind.Bool, Summary: "mutually distrusting tenants share nodes"),
        new("multi_os", FieldKind.Bool, Summary: "guests other than Linux"),
        new("gpu_sharing", FieldKind.Bool, Summary: "several tenants on one GPU"),
        new("existing_database", FieldKind.Bool, Summary: "a database the cluster state may live in already exists"),
        new("isolation", FieldKind.Isolation, Vocabulary: "isolation", Summary: "isolation class, compared by strength"),
        new("workload_format", FieldKind.Word, Vocabulary: "workload_formats", Summary: "oci | wasm | any (any is always allowed)"),
        new("device_access", FieldKind.WordSet, Vocabulary: "device_kinds", Summary: "devices workloads must reach"),
        new("kernel_features", FieldKind.WordSet, Vocabulary: "kernel_features", Summary: "kernel features workloads need"),
        new("network_policy", FieldKind.Word, Vocabulary: "network_policy_levels", Summary: "network-policy level needed"),
        new("policy_complexity", FieldKind.Word, Vocabulary: "policy_complexity", Summary: "simple | complex"),
        new("control_plane", FieldKind.Word, Vocabulary: "control_plane", Summary: "local (on these nodes or on their site) | remote (in a data centre, over the uplink)"),
        new("server_memory", FieldKind.Quantity, Dimension.Size, Summary: "memory of each control-plane (server) node"),
        new("needs", FieldKind.WordSet, Vocabulary: "capabilities", Summary: "capabilities the stack must have (hard)"),
        new("prefers", FieldKind.WordSet, Vocabulary: "capabilities", Summary: "capabilities the stack should have (scored by the preferences criterion)"),
        new("layers", FieldKind.WordSet, Vocabulary: "layers", Summary: "the layers the profile decides (read by conditions only)"),
        new("host.kvm", FieldKind.Bool, Summary: "the hosts can boot KVM guests"),
        new("host.cgroup_v2", FieldKind.Bool, Summary: "the hosts run cgroup v2"),
        new("host.gpu", FieldKind.Bool, Summary: "the hosts have a GPU"),
        new("host.io_uring", FieldKind.Bool, Summary: "the hosts allow io_uring"),
        new("host.mig", FieldKind.Bool, Summary: "the hosts' GPUs can be split into MIG instances (A100, H100 and later)"),
    ];

    private static readonly FrozenDictionary<string, ProfileField> ByName = All.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out ProfileField field) => ByName.TryGetValue(name, out field!);

    /// <summary>The keys of a <c>host:</c> block (profile or probe file): the host.* fields without their prefix.</summary>
    public static readonly IReadOnlyList<string> HostKeys = [.. All.Where(f => f.Name.StartsWith("host.", StringComparison.Ordinal)).Select(f => f.Name["host.".Length..])];

    /// <summary>Constraint keys a profile's <c>constraints:</c> block accepts (host facts live under <c>host:</c>).</summary>
    public static IEnumerable<ProfileField> ConstraintFields => All.Where(f => !f.Name.StartsWith("host.", StringComparison.Ordinal) && f.Name is not "scenario" and not "layers");

    /// <summary>Fixed word lists that are not in the vocabulary file.</summary>
    public static readonly FrozenDictionary<string, IReadOnlyList<string>> BuiltInWords = new Dictionary<string, IReadOnlyList<string>>
    {
        ["policy_complexity"] = ["simple", "complex"],
        ["control_plane"] = ["local", "remote"],
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
