using System.Text;
using Strata.Host.Probe;

namespace Strata.Rendering.Yaml;

/// <summary>`strata probe -o yaml`: the host: block a profile reads, and how each fact was found.</summary>
public static class ProbeYaml
{
    /// <summary>YAML a profile's host: block can be read from (strata recommend --host FILE).</summary>
    public static void Write(TextWriter w, HostReport r)
    {
        var sb = new StringBuilder();
        sb.Append("# strata probe, ").Append(r.Date).Append(". Use with: strata recommend PROFILE --host THIS-FILE\n");
        sb.Append("host:\n");
        if (r.Kvm is { } kvm)
        {
            sb.Append("  kvm: ").Append(kvm ? "true" : "false").Append('\n');
        }
        else
        {
            sb.Append("  # kvm: unknown: /dev/kvm is there, but only --deep tries to boot a guest\n");
        }
        sb.Append("  cgroup_v2: ").Append(r.CgroupV2 ? "true" : "false").Append("   # cgroups: ").Append(r.Cgroups).Append('\n');
        sb.Append("  io_uring: ").Append(r.IoUring ? "true" : "false").Append('\n');
        sb.Append("  gpu: ").Append(r.Gpu ? "true" : "false").Append('\n');
        sb.Append("probe:\n");
        foreach (var f in r.Facts)
        {
            sb.Append("  - { name: ").Append(f.Name).Append(", value: ").Append(Quote(f.Value)).Append(", how: ").Append(Quote(f.How)).Append(" }\n");
        }
        sb.Append("tools:\n");
        foreach (var t in r.Tools)
        {
            sb.Append("  - { tool: ").Append(t.Tool).Append(", path: ").Append(Quote(t.Path)).Append(", version: ").Append(Quote(t.Version ?? "unknown")).Append(" }\n");
        }
        w.Write(sb.ToString());
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
