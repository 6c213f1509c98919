using System.Collections.Immutable;

namespace Strata.Host.Probe;

/// <summary>One thing the probe found, and how it found it (a file read, a system call, a command).</summary>
public sealed record HostFact(string Name, string Value, string How);

public sealed record ToolVersion(string Tool, string Path, string? Version);

/// <summary>
/// What the probe read. <see cref="Kvm"/> is null unless a guest boot was tried (--deep): the presence
/// of /dev/kvm proves nothing (research/host-isolation.md).
/// </summary>
public sealed record HostReport(
    string Date,
    string Cgroups,
    bool CgroupV2,
    bool IoUring,
    bool Gpu,
    bool? Kvm,
    ImmutableArray<HostFact> Facts,
    ImmutableArray<ToolVersion> Tools)
{
    /// <summary>The facts a profile's <c>host:</c> block holds (kvm only when known), as the engine reads them.</summary>
    public ImmutableSortedDictionary<string, bool> HostFacts
    {
        get
        {
            var b = ImmutableSortedDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
            b["cgroup_v2"] = CgroupV2;
            b["io_uring"] = IoUring;
            b["gpu"] = Gpu;
            if (Kvm is { } kvm)
            {
                b["kvm"] = kvm;
            }
            return b.ToImmutable();
        }
    }
}
