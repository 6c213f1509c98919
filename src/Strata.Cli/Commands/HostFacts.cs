using System.Collections.Immutable;
using Strata.Catalog.Profiles;
using Strata.Cli.Rendering;
using Strata.Host.Probe;

namespace Strata.Cli.Commands;

/// <summary>The host facts a command decides on: from a probe file, or probed now ('local').</summary>
public static class HostFacts
{
    public static ImmutableSortedDictionary<string, bool>? Resolve(string source, CliEnvironment env)
    {
        if (source == "local")
        {
            var r = new HostProbe().Run(deep: false, DateTime.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var b = ImmutableSortedDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
            b["cgroup_v2"] = r.CgroupV2;
            b["io_uring"] = r.IoUring;
            b["gpu"] = r.Gpu;
            if (r.Kvm is { } kvm)
            {
                b["kvm"] = kvm;
            }
            return b.ToImmutable();
        }
        var (host, diagnostics) = HostFileLoader.Load(source);
        DiagnosticsRenderer.Write(env.Error, diagnostics);
        return host;
    }
}
