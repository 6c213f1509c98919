using System.Text.Json;

namespace Strata.Fleet.Inventory;

/// <summary>
/// Reads the fields planning needs from one Node object that is wholly in memory. Every value of the wrong type is
/// an error at its byte offset; a node with errors is dropped (its errors are reported), the next one is read.
/// </summary>
internal static class NodeParser
{
    public static NodeRecord? Parse(ReadOnlySpan<byte> json, long abs, InventoryLimits limits, JsonReaderOptions options,
        (byte[] Utf8, string Key)[] wanted, byte[] nfdPrefix, List<InventoryError> errors)
    {
        var before = errors.Count;
        var reader = new Utf8JsonReader(json, options);
        string? name = null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = new Scratch();
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new InventoryError(abs, $"a node must be an object, found {JsonInventoryReader.Describe(reader.TokenType)}"));
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("metadata"u8))
                {
                    reader.Read();
                    if (Expect(ref reader, JsonTokenType.StartObject, "metadata", abs, errors))
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("name"u8))
                            {
                                reader.Read();
                                name = String(ref reader, "metadata.name", abs, limits, errors);
                            }
                            else if (reader.ValueTextEquals("labels"u8))
                            {
                                reader.Read();
                                ReadLabels(ref reader, abs, limits, wanted, nfdPrefix, labels, node, errors);
                            }
                            else
                            {
                                reader.Read();
                                reader.Skip();
                            }
                        }
                    }
                }
                else if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    if (Expect(ref reader, JsonTokenType.StartObject, "status", abs, errors))
                    {
                        ReadStatus(ref reader, abs, limits, node, errors);
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            errors.Add(new InventoryError(abs + reader.BytesConsumed, JsonInventoryReader.Plain(e)));
            return null;
        }
        if (name is null && errors.Count == before)
        {
            errors.Add(new InventoryError(abs, "a node needs metadata.name"));
        }
        if (errors.Count > before || name is null)
        {
            return null;
        }
        return new NodeRecord(name, abs, labels)
        {
            LabelCount = node.LabelCount,
            HasNfdLabels = node.HasNfd,
            HasNvidiaPciLabel = node.NvidiaPci,
            Architecture = node.Architecture,
            KernelVersion = node.Kernel,
            OsImage = node.OsImage,
            ContainerRuntimeVersion = node.Runtime,
            CapacityCpu = node.CapCpu,
            CapacityMemory = node.CapMemory,
            CapacityGpu = node.CapGpu,
            AllocatableCpu = node.AllocCpu,
            AllocatableMemory = node.AllocMemory,
            AllocatableGpu = node.AllocGpu,
            StatedCgroupV2 = labels.TryGetValue(LabelKeys.Cgroup, out var cg) ? cg switch { "v2" => true, "v1" => false, _ => null } : null,
            Role = LabelKeys.RoleOf(labels),
        };
    }

    private sealed class Scratch
    {
        public int LabelCount;
        public bool HasNfd;
        public bool NvidiaPci;
        public string? Architecture, Kernel, OsImage, Runtime, CapCpu, CapMemory, CapGpu, AllocCpu, AllocMemory, AllocGpu;
    }

    private static void ReadLabels(ref Utf8JsonReader reader, long abs, InventoryLimits limits, (byte[] Utf8, string Key)[] wanted, byte[] nfdPrefix,
        Dictionary<string, string> labels, Scratch node, List<InventoryError> errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        if (!Expect(ref reader, JsonTokenType.StartObject, "metadata.labels", abs, errors))
        {
            return;
        }
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (++node.LabelCount > limits.MaxLabelsPerNode)
            {
                errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"a node has more than {limits.MaxLabelsPerNode} labels"));
                // The rest of the labels object is skipped: its end is the first EndObject back at its own depth.
                while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
                {
                }
                return;
            }
            string? key = null;
            if (reader.ValueIsEscaped)
            {
                var k = reader.GetString()!;
                key = Array.Find(wanted, w => w.Key == k).Key;
                node.HasNfd |= k.StartsWith(LabelKeys.NfdPrefix, StringComparison.Ordinal);
            }
            else
            {
                var span = reader.ValueSpan;
                node.HasNfd |= span.StartsWith(nfdPrefix);
                foreach (var w in wanted)
                {
                    if (span.SequenceEqual(w.Utf8))
                    {
                        key = w.Key;
                        break;
                    }
                }
            }
            // NFD writes pci-<class>_<vendor>.present by default and pci-<vendor>.present when configured as the GPU
            // operator does; NVIDIA's PCI vendor id is 10de either way.
            var pci = IsNvidiaPci(ref reader);
            var at = abs + reader.TokenStartIndex;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"a label's value must be a string, found {JsonInventoryReader.Describe(reader.TokenType)}"));
                reader.Skip();
                continue;
            }
            if (reader.ValueSpan.Length > limits.MaxStringLength)
            {
                errors.Add(new InventoryError(at, $"a label's value is longer than {limits.MaxStringLength} bytes"));
                continue;
            }
            node.NvidiaPci |= pci && reader.ValueTextEquals("true"u8);
            if (key is not null)
            {
                labels[key] = reader.GetString()!;
            }
        }
    }

    private static bool IsNvidiaPci(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            var k = reader.GetString()!;
            return k.StartsWith("feature.node.kubernetes.io/pci-", StringComparison.Ordinal) && k.EndsWith("10de.present", StringComparison.Ordinal);
        }
        var span = reader.ValueSpan;
        return span.StartsWith("feature.node.kubernetes.io/pci-"u8) && span.EndsWith("10de.present"u8);
    }

    private static void ReadStatus(ref Utf8JsonReader reader, long abs, InventoryLimits limits, Scratch node, List<InventoryError> errors)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("nodeInfo"u8))
            {
                reader.Read();
                if (!Expect(ref reader, JsonTokenType.StartObject, "status.nodeInfo", abs, errors))
                {
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("architecture"u8))
                    {
                        reader.Read();
                        node.Architecture = String(ref reader, "status.nodeInfo.architecture", abs, limits, errors);
                    }
                    else if (reader.ValueTextEquals("kernelVersion"u8))
                    {
                        reader.Read();
                        node.Kernel = String(ref reader, "status.nodeInfo.kernelVersion", abs, limits, errors);
                    }
                    else if (reader.ValueTextEquals("osImage"u8))
                    {
                        reader.Read();
                        node.OsImage = String(ref reader, "status.nodeInfo.osImage", abs, limits, errors);
                    }
                    else if (reader.ValueTextEquals("containerRuntimeVersion"u8))
                    {
                        reader.Read();
                        node.Runtime = String(ref reader, "status.nodeInfo.containerRuntimeVersion", abs, limits, errors);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("capacity"u8) || reader.ValueTextEquals("allocatable"u8))
            {
                var capacity = reader.ValueTextEquals("capacity"u8);
                var where = capacity ? "status.capacity" : "status.allocatable";
                reader.Read();
                if (!Expect(ref reader, JsonTokenType.StartObject, where, abs, errors))
                {
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var which = reader.ValueTextEquals("cpu"u8) ? 1 : reader.ValueTextEquals("memory"u8) ? 2 : reader.ValueTextEquals("nvidia.com/gpu"u8) ? 3 : 0;
                    reader.Read();
                    if (which == 0)
                    {
                        reader.Skip();
                        continue;
                    }
                    var field = where + "." + (which switch { 1 => "cpu", 2 => "memory", _ => "nvidia.com/gpu" });
                    var value = Quantity(ref reader, field, abs, errors);
                    switch (which)
                    {
                        case 1 when capacity: node.CapCpu = value; break;
                        case 1: node.AllocCpu = value; break;
                        case 2 when capacity: node.CapMemory = value; break;
                        case 2: node.AllocMemory = value; break;
                        case 3 when capacity: node.CapGpu = value; break;
                        default: node.AllocGpu = value; break;
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>A quantity as the API writes it (a string), or a plain JSON number (which the API also accepts); checked here so a bad one is reported where it is.</summary>
    private static string? Quantity(ref Utf8JsonReader reader, string field, long abs, List<InventoryError> errors)
    {
        string? text = reader.TokenType switch
        {
            JsonTokenType.String when reader.ValueSpan.Length <= 64 => reader.GetString(),
            JsonTokenType.Number when reader.ValueSpan.Length <= 64 => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            _ => null,
        };
        if (text is null || !KubeQuantity.TryParse(text, out _))
        {
            errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"{field} must be a Kubernetes quantity (such as 4, 3920m, 16Gi), found {(text is null ? JsonInventoryReader.Describe(reader.TokenType) : "'" + text + "'")}"));
            reader.Skip();
            return null;
        }
        return text;
    }

    private static string? String(ref Utf8JsonReader reader, string field, long abs, InventoryLimits limits, List<InventoryError> errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"{field} must be a string, found {JsonInventoryReader.Describe(reader.TokenType)}"));
            reader.Skip();
            return null;
        }
        if (reader.ValueSpan.Length > limits.MaxStringLength)
        {
            errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"{field} is longer than {limits.MaxStringLength} bytes"));
            return null;
        }
        return reader.GetString();
    }

    private static bool Expect(ref Utf8JsonReader reader, JsonTokenType type, string field, long abs, List<InventoryError> errors)
    {
        if (reader.TokenType == type)
        {
            return true;
        }
        errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"{field} must be {JsonInventoryReader.Describe(type)}, found {JsonInventoryReader.Describe(reader.TokenType)}"));
        reader.Skip();
        return false;
    }
}
