using System.Buffers;
using System.Text.Json;
using Strata.Fleet.Classes;
using Strata.Fleet.Planning;
using Strata.Rendering.Json;

namespace Strata.Fleet.Output;

/// <summary>The plan's summary as JSON (<c>-o json</c>): every class with its facts, stack, verdict and tally; the infeasible groups.</summary>
public static class PlanJson
{
    public static void Write(Stream output, FleetPlan plan, IReadOnlyList<string> written)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(written);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("inventory", plan.Inventory);
        w.WriteString("format", plan.Format);
        w.WriteNumber("nodes", plan.Nodes);
        w.WriteNumber("classes", plan.Classes.Length);
        w.WriteNumber("infeasible_nodes", plan.InfeasibleNodes);
        w.WriteBoolean("complete", !plan.Cancelled);
        w.WriteStrings("profiles", plan.Profiles);
        w.WriteStartArray("node_classes");
        foreach (var c in plan.Classes)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("profile", c.Profile);
            w.WriteNumber("nodes", c.Nodes);
            w.WriteString("verdict", c.Verdict);
            w.WritePropertyName("stack");
            w.WriteRawValue(StackBytes(c), skipInputValidation: true);
            if (!c.With.IsEmpty)
            {
                w.WriteStrings("with", c.With);
            }
            w.WriteStrings("examples", c.Examples);
            w.WritePropertyName("facts");
            WriteKey(w, c.Key);
            if (!c.Caveats.IsEmpty)
            {
                w.WriteStrings("not_known_to_meet", c.Caveats);
            }
            if (!c.Feasible)
            {
                w.WriteStrings("failing", c.Failing);
                w.WriteStrings("smallest_relaxation", c.Relaxation);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("infeasible");
        foreach (var g in plan.Infeasible)
        {
            w.WriteStartObject();
            w.WriteString("reason", g.Reason);
            w.WriteStrings("smallest_relaxation", g.Relaxation);
            w.WriteNumber("nodes", g.Nodes);
            w.WriteStrings("examples", g.Examples);
            w.WriteStrings("classes", g.Classes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStrings("written", written);
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>The facts a class was decided on (memory and CPUs as rounded down for the class).</summary>
    public static void WriteKey(Utf8JsonWriter w, NodeClassKey key)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        if (key.Arch is null)
        {
            w.WriteNull("arch");
        }
        else
        {
            w.WriteString("arch", key.Arch);
        }
        if (key.MemoryMiB >= 0)
        {
            w.WriteNumber("memory_mib_at_least", key.MemoryMiB);
        }
        else
        {
            w.WriteNull("memory_mib_at_least");
        }
        if (key.CpuMilli >= 0)
        {
            w.WriteNumber("cpus_at_least", key.CpuMilli / 1000d);
        }
        else
        {
            w.WriteNull("cpus_at_least");
        }
        w.WriteBoolean("kvm", key.Kvm);
        Tri(w, "cgroup_v2", key.CgroupV2);
        Tri(w, "io_uring", key.IoUring);
        Tri(w, "gpu", key.Gpu);
        Tri(w, "mig", key.Mig);
        Role(w, key.Role);
        w.WriteEndObject();
    }

    /// <summary>"server", "agent", or null when the inventory does not say.</summary>
    public static void Role(Utf8JsonWriter w, Inventory.NodeRole? role)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (role is { } r)
        {
            w.WriteString("role", r == Inventory.NodeRole.Server ? "server" : "agent");
        }
        else
        {
            w.WriteNull("role");
        }
    }

    /// <summary>A class's stack as a JSON object (layer → technology ids joined with '+'), {} when nothing is feasible.</summary>
    public static byte[] StackBytes(NodeClass c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var buffer = new ArrayBufferWriter<byte>(256);
        using var w = new Utf8JsonWriter(buffer);
        w.WriteStartObject();
        if (c.Stack is { } s)
        {
            foreach (var (layer, ids) in s.Layers)
            {
                w.WriteString(layer, string.Join("+", ids));
            }
        }
        w.WriteEndObject();
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void Tri(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
