using System.Buffers;
using System.Text.Json;
using Strata.Fleet.Classes;
using Strata.Fleet.Inventory;
using Strata.Fleet.Planning;

namespace Strata.Fleet.Output;

/// <summary>
/// The plan one line per node (JSON Lines), written as the nodes are planned: name, class, profile, verdict, stack
/// and the node's own facts (which <c>strata fleet diff</c> compares to say why a stack changed).
/// </summary>
public sealed class NodeLines(Stream output) : IFleetSink
{
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);
    private readonly Dictionary<string, byte[]> _stacks = new(StringComparer.Ordinal);

    public void Node(NodeRecord node, NodeFacts facts, NodeClass nodeClass)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(nodeClass);
        _line.ResetWrittenCount();
        _writer.Reset(_line);
        var w = _writer;
        w.WriteStartObject();
        w.WriteString("node", node.Name);
        w.WriteString("class", nodeClass.Id);
        w.WriteString("profile", nodeClass.Profile);
        w.WriteString("verdict", nodeClass.Verdict);
        w.WritePropertyName("stack");
        if (!_stacks.TryGetValue(nodeClass.Id, out var stack))
        {
            _stacks[nodeClass.Id] = stack = PlanJson.StackBytes(nodeClass);
        }
        w.WriteRawValue(stack, skipInputValidation: true);
        w.WritePropertyName("facts");
        WriteFacts(w, facts);
        w.WriteEndObject();
        w.Flush();
        output.Write(_line.WrittenSpan);
        output.WriteByte((byte)'\n');
    }

    /// <summary>A node's facts as the plan records them (null for unknown).</summary>
    public static void WriteFacts(Utf8JsonWriter w, NodeFacts facts)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(facts);
        w.WriteStartObject();
        Str(w, "arch", facts.Arch);
        Num(w, "memory_mib", facts.MemoryBytes is { } m ? Math.Floor(m / (1024 * 1024)) : null);
        Num(w, "cpus", facts.Cpus);
        Str(w, "kernel", facts.Kernel);
        w.WriteBoolean("kvm", facts.Kvm);
        Bool(w, "cgroup_v2", facts.CgroupV2);
        Bool(w, "io_uring", facts.IoUring);
        Bool(w, "gpu", facts.Gpu);
        Num(w, "gpu_count", facts.GpuCount);
        Str(w, "gpu_product", facts.GpuProduct);
        Bool(w, "mig", facts.Mig);
        PlanJson.Role(w, facts.Role);
        w.WriteEndObject();
    }

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Num(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Bool(Utf8JsonWriter w, string name, bool? value)
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
