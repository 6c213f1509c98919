using Strata.Host.Probe;

namespace Strata.Rendering.Json;

/// <summary>`strata probe -o json`: the host facts and how each was found.</summary>
public static class ProbeJson
{
    public static void Write(TextWriter w, HostReport r) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("date", r.Date);
        j.WriteStartObject("host");
        if (r.Kvm is { } kvm)
        {
            j.WriteBoolean("kvm", kvm);
        }
        j.WriteBoolean("cgroup_v2", r.CgroupV2);
        j.WriteBoolean("io_uring", r.IoUring);
        j.WriteBoolean("gpu", r.Gpu);
        j.WriteEndObject();
        j.WriteString("cgroups", r.Cgroups);
        j.WriteObjects("facts", r.Facts, f =>
        {
            j.WriteString("name", f.Name);
            j.WriteString("value", f.Value);
            j.WriteString("how", f.How);
        });
        j.WriteObjects("tools", r.Tools, t =>
        {
            j.WriteString("tool", t.Tool);
            j.WriteString("path", t.Path);
            if (t.Version is { } v)
            {
                j.WriteString("version", v);
            }
        });
        j.WriteEndObject();
    });
}
