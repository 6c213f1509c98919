using System.Text;
using System.Text.Json;

namespace Strata.Fleet.Inventory;

/// <summary>What <see cref="NodeParser.Parse"/> made of the bytes it was given.</summary>
internal enum ParseStatus
{
    /// <summary>The node's object was read to its end: a node, or null with its errors reported.</summary>
    Done,

    /// <summary>The bytes ended inside the node (not the inventory's last block): nothing was reported; parse again with more.</summary>
    NeedMore,

    /// <summary>Not valid JSON: the error is reported, and nothing after it can be read.</summary>
    Broken,
}

/// <summary>
/// Reads the fields planning needs from one Node object in a single pass over its bytes, which may end before the
/// node does (then it asks for more, and is called again from the node's start with more bytes). Every value of the
/// wrong type is an error at its byte offset; a node with errors is dropped (its errors are reported), the next one is read.
/// </summary>
internal sealed class NodeParser
{
    private readonly InventoryLimits _limits;
    private readonly JsonReaderOptions _options;
    private readonly (byte[] Utf8, string Key)[] _wanted;
    private readonly byte[] _nfdPrefix;
    private readonly ValueStrings _strings;

    // What one node said so far; reset at the start of each node.
    private bool _out;
    private int _labelCount;
    private bool _hasNfd;
    private bool _nvidiaPci;
    private string? _architecture, _kernel, _osImage, _runtime, _capCpu, _capMemory, _capGpu, _allocCpu, _allocMemory, _allocGpu;

    public NodeParser(InventoryLimits limits, JsonReaderOptions options, (byte[] Utf8, string Key)[] wanted, byte[] nfdPrefix)
    {
        _limits = limits;
        _options = options;
        _wanted = wanted;
        _nfdPrefix = nfdPrefix;
        _strings = new ValueStrings(limits.MaxStringLength);
    }

    /// <summary>
    /// Parses the node that starts at the first byte of <paramref name="json"/> (at <paramref name="abs"/> in the
    /// inventory, <paramref name="depth"/> levels deep in it, so the inventory's depth limit holds as if the whole
    /// document were read at once). On <see cref="ParseStatus.Done"/>, <paramref name="consumed"/> is the node's length.
    /// </summary>
    public ParseStatus Parse(ReadOnlySpan<byte> json, bool final, long abs, int depth, List<InventoryError> errors, out NodeRecord? node, out int consumed)
    {
        node = null;
        consumed = 0;
        var before = errors.Count;
        var options = depth == 0 ? _options : _options with { MaxDepth = Math.Max(1, _options.MaxDepth - depth) };
        var reader = new Utf8JsonReader(json, final, new JsonReaderState(options));
        string? name = null;
        Dictionary<string, string>? labels = null;
        Reset();
        try
        {
            if (!Read(ref reader))
            {
                return ParseStatus.NeedMore;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new InventoryError(abs, $"a node must be an object, found {JsonInventoryReader.Describe(reader.TokenType)}"));
                return ParseStatus.Broken;
            }
            while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("metadata"u8))
                {
                    if (Read(ref reader) && Expect(ref reader, JsonTokenType.StartObject, "metadata", abs, errors))
                    {
                        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("name"u8))
                            {
                                if (Read(ref reader))
                                {
                                    name = String(ref reader, "metadata.name", abs, errors, intern: false);
                                }
                            }
                            else if (reader.ValueTextEquals("labels"u8))
                            {
                                if (Read(ref reader))
                                {
                                    labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
                                    ReadLabels(ref reader, abs, labels, errors);
                                }
                            }
                            else
                            {
                                SkipValue(ref reader);
                            }
                        }
                    }
                }
                else if (reader.ValueTextEquals("status"u8))
                {
                    if (Read(ref reader) && Expect(ref reader, JsonTokenType.StartObject, "status", abs, errors))
                    {
                        ReadStatus(ref reader, abs, errors);
                    }
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }
        catch (JsonException e)
        {
            errors.RemoveRange(before, errors.Count - before);
            errors.Add(new InventoryError(abs + reader.BytesConsumed, JsonInventoryReader.Plain(e)));
            return ParseStatus.Broken;
        }
        if (_out || reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0)
        {
            // The bytes ended inside the node: what it said so far is dropped, errors included, and read again with more.
            errors.RemoveRange(before, errors.Count - before);
            return ParseStatus.NeedMore;
        }
        consumed = (int)reader.BytesConsumed;
        if (name is null && errors.Count == before)
        {
            errors.Add(new InventoryError(abs, "a node needs metadata.name"));
        }
        if (errors.Count > before || name is null)
        {
            return ParseStatus.Done;
        }
        labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
        node = new NodeRecord(name, abs, labels)
        {
            LabelCount = _labelCount,
            HasNfdLabels = _hasNfd,
            HasNvidiaPciLabel = _nvidiaPci,
            Architecture = _architecture,
            KernelVersion = _kernel,
            OsImage = _osImage,
            ContainerRuntimeVersion = _runtime,
            CapacityCpu = _capCpu,
            CapacityMemory = _capMemory,
            CapacityGpu = _capGpu,
            AllocatableCpu = _allocCpu,
            AllocatableMemory = _allocMemory,
            AllocatableGpu = _allocGpu,
            StatedCgroupV2 = labels.TryGetValue(LabelKeys.Cgroup, out var cg) ? cg switch { "v2" => true, "v1" => false, _ => null } : null,
            Role = LabelKeys.RoleOf(labels),
        };
        return ParseStatus.Done;
    }

    private void Reset()
    {
        _out = false;
        _labelCount = 0;
        _hasNfd = _nvidiaPci = false;
        _architecture = _kernel = _osImage = _runtime = _capCpu = _capMemory = _capGpu = _allocCpu = _allocMemory = _allocGpu = null;
    }

    /// <summary>The next token; false once the bytes have run out (and from then on), so every loop ends at once.</summary>
    private bool Read(ref Utf8JsonReader reader)
    {
        if (_out)
        {
            return false;
        }
        if (reader.Read())
        {
            return true;
        }
        _out = true;
        return false;
    }

    /// <summary>Skips the value of the property the reader is on.</summary>
    private void SkipValue(ref Utf8JsonReader reader)
    {
        if (Read(ref reader))
        {
            Skip(ref reader);
        }
    }

    /// <summary>Skips the value the reader is on (its children too).</summary>
    private void Skip(ref Utf8JsonReader reader)
    {
        if (!_out && !reader.TrySkip())
        {
            _out = true;
        }
    }

    private void ReadLabels(ref Utf8JsonReader reader, long abs, Dictionary<string, string> labels, List<InventoryError> errors)
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
        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (++_labelCount > _limits.MaxLabelsPerNode)
            {
                errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"a node has more than {_limits.MaxLabelsPerNode} labels"));
                // The rest of the labels object is skipped: its end is the first EndObject back at its own depth.
                while (Read(ref reader) && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
                {
                }
                return;
            }
            string? key = null;
            if (reader.ValueIsEscaped)
            {
                var k = reader.GetString()!;
                key = Array.Find(_wanted, w => w.Key == k).Key;
                _hasNfd |= k.StartsWith(LabelKeys.NfdPrefix, StringComparison.Ordinal);
            }
            else
            {
                var span = reader.ValueSpan;
                _hasNfd |= span.StartsWith(_nfdPrefix);
                foreach (var w in _wanted)
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
            if (!Read(ref reader))
            {
                return;
            }
            if (reader.TokenType != JsonTokenType.String)
            {
                errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"a label's value must be a string, found {JsonInventoryReader.Describe(reader.TokenType)}"));
                Skip(ref reader);
                continue;
            }
            if (reader.ValueSpan.Length > _limits.MaxStringLength)
            {
                errors.Add(new InventoryError(at, $"a label's value is longer than {_limits.MaxStringLength} bytes"));
                continue;
            }
            _nvidiaPci |= pci && reader.ValueTextEquals("true"u8);
            if (key is not null)
            {
                labels[key] = _strings.Of(ref reader);
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

    private void ReadStatus(ref Utf8JsonReader reader, long abs, List<InventoryError> errors)
    {
        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("nodeInfo"u8))
            {
                if (!Read(ref reader) || !Expect(ref reader, JsonTokenType.StartObject, "status.nodeInfo", abs, errors))
                {
                    continue;
                }
                while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var which = reader.ValueTextEquals("architecture"u8) ? 1 : reader.ValueTextEquals("kernelVersion"u8) ? 2
                        : reader.ValueTextEquals("osImage"u8) ? 3 : reader.ValueTextEquals("containerRuntimeVersion"u8) ? 4 : 0;
                    if (!Read(ref reader))
                    {
                        break;
                    }
                    switch (which)
                    {
                        case 1: _architecture = String(ref reader, "status.nodeInfo.architecture", abs, errors); break;
                        case 2: _kernel = String(ref reader, "status.nodeInfo.kernelVersion", abs, errors); break;
                        case 3: _osImage = String(ref reader, "status.nodeInfo.osImage", abs, errors); break;
                        case 4: _runtime = String(ref reader, "status.nodeInfo.containerRuntimeVersion", abs, errors); break;
                        default: Skip(ref reader); break;
                    }
                }
            }
            else if (reader.ValueTextEquals("capacity"u8) || reader.ValueTextEquals("allocatable"u8))
            {
                var capacity = reader.ValueTextEquals("capacity"u8);
                if (!Read(ref reader) || !Expect(ref reader, JsonTokenType.StartObject, capacity ? "status.capacity" : "status.allocatable", abs, errors))
                {
                    continue;
                }
                while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var which = reader.ValueTextEquals("cpu"u8) ? 1 : reader.ValueTextEquals("memory"u8) ? 2 : reader.ValueTextEquals("nvidia.com/gpu"u8) ? 3 : 0;
                    if (!Read(ref reader))
                    {
                        break;
                    }
                    if (which == 0)
                    {
                        Skip(ref reader);
                        continue;
                    }
                    var field = (which, capacity) switch
                    {
                        (1, true) => "status.capacity.cpu",
                        (2, true) => "status.capacity.memory",
                        (3, true) => "status.capacity.nvidia.com/gpu",
                        (1, false) => "status.allocatable.cpu",
                        (2, false) => "status.allocatable.memory",
                        _ => "status.allocatable.nvidia.com/gpu",
                    };
                    var value = Quantity(ref reader, field, abs, errors);
                    switch (which)
                    {
                        case 1 when capacity: _capCpu = value; break;
                        case 1: _allocCpu = value; break;
                        case 2 when capacity: _capMemory = value; break;
                        case 2: _allocMemory = value; break;
                        case 3 when capacity: _capGpu = value; break;
                        default: _allocGpu = value; break;
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    /// <summary>A quantity as the API writes it (a string), or a plain JSON number (which the API also accepts); checked here so a bad one is reported where it is.</summary>
    private string? Quantity(ref Utf8JsonReader reader, string field, long abs, List<InventoryError> errors)
    {
        string? text = reader.TokenType switch
        {
            JsonTokenType.String when reader.ValueSpan.Length <= 64 => _strings.Of(ref reader),
            JsonTokenType.Number when reader.ValueSpan.Length <= 64 => _strings.OfRaw(reader.ValueSpan),
            _ => null,
        };
        if (text is null || !KubeQuantity.TryParse(text, out _))
        {
            errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"{field} must be a Kubernetes quantity (such as 4, 3920m, 16Gi), found {(text is null ? JsonInventoryReader.Describe(reader.TokenType) : "'" + text + "'")}"));
            Skip(ref reader);
            return null;
        }
        return text;
    }

    private string? String(ref Utf8JsonReader reader, string field, long abs, List<InventoryError> errors, bool intern = true)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"{field} must be a string, found {JsonInventoryReader.Describe(reader.TokenType)}"));
            Skip(ref reader);
            return null;
        }
        if (reader.ValueSpan.Length > _limits.MaxStringLength)
        {
            errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"{field} is longer than {_limits.MaxStringLength} bytes"));
            return null;
        }
        return intern ? _strings.Of(ref reader) : reader.GetString();
    }

    private bool Expect(ref Utf8JsonReader reader, JsonTokenType type, string field, long abs, List<InventoryError> errors)
    {
        if (reader.TokenType == type)
        {
            return true;
        }
        errors.Add(new InventoryError(abs + reader.TokenStartIndex, $"{field} must be {JsonInventoryReader.Describe(type)}, found {JsonInventoryReader.Describe(reader.TokenType)}"));
        Skip(ref reader);
        return false;
    }

    /// <summary>
    /// The strings of the values a fleet repeats from node to node (architectures, kernels, OS images, quantities,
    /// label values), made once and handed out again for the same bytes, so a node does not cost a string per field.
    /// Bounded: once it holds <see cref="MaxEntries"/> strings it makes new ones without keeping them.
    /// </summary>
    private sealed class ValueStrings(int maxLength)
    {
        private const int MaxEntries = 4096;
        private const int MaxBytes = 128;
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup =
            new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly char[] _chars = new char[Math.Max(MaxBytes, 1)];

        public string Of(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped || reader.ValueSpan.Length > MaxBytes || reader.ValueSpan.Length > maxLength)
            {
                return reader.GetString()!;
            }
            return OfRaw(reader.ValueSpan);
        }

        /// <summary>The string of UTF-8 bytes that need no unescaping (a number's, or an unescaped string's).</summary>
        public string OfRaw(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length > MaxBytes || !Encoding.UTF8.TryGetChars(utf8, _chars, out var n))
            {
                return Encoding.UTF8.GetString(utf8);
            }
            var chars = _chars.AsSpan(0, n);
            if (_lookup.TryGetValue(chars, out var known))
            {
                return known;
            }
            var made = new string(chars);
            if (_lookup.Dictionary.Count < MaxEntries)
            {
                _lookup.TryAdd(made, made);
            }
            return made;
        }
    }
}
