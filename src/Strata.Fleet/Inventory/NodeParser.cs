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

    /// <summary>Asked to stop at one, the object has an <c>items</c> property: a NodeList, not a node. Nothing was reported.</summary>
    List,
}

/// <summary>A quantity's text as the inventory gave it and its value in base units.</summary>
internal readonly record struct ParsedQuantity(string Text, double Value);

/// <summary>
/// Reads the fields planning needs from one Node object in a single pass over its bytes, which may end before the
/// node does (then it asks for more, and is called again from the node's start with more bytes). Every value of the
/// wrong type is an error at its byte offset; a node with errors is dropped (its errors are reported), the next one is read.
/// </summary>
internal sealed class NodeParser
{
    private readonly InventoryLimits _limits;
    private readonly JsonReaderOptions _options;
    private readonly WantedLabels _wanted;
    private readonly byte[] _nfdPrefix;
    private readonly ValueStrings _strings;

    // What one node said so far; reset at the start of each node.
    private bool _out;
    private int _labelCount;
    private bool _hasNfd;
    private bool _nvidiaPci;
    private string? _architecture, _kernel, _osImage, _runtime;
    private ParsedQuantity? _capCpu, _capMemory, _capGpu, _allocCpu, _allocMemory, _allocGpu;

    public NodeParser(InventoryLimits limits, JsonReaderOptions options, WantedLabels wanted, byte[] nfdPrefix)
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
    public ParseStatus Parse(ReadOnlySpan<byte> json, bool final, long abs, int depth, List<InventoryError> errors, out NodeRecord? node, out int consumed, bool stopAtItems = false)
    {
        node = null;
        consumed = 0;
        var before = errors.Count;
        var options = depth == 0 ? _options : _options with { MaxDepth = Math.Max(1, _options.MaxDepth - depth) };
        var reader = new Utf8JsonReader(json, final, new JsonReaderState(options));
        string? name = null;
        LabelSet? labels = null;
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
                                    labels ??= new LabelSet(_wanted);
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
                else if (stopAtItems && reader.ValueTextEquals("items"u8))
                {
                    errors.RemoveRange(before, errors.Count - before);
                    return ParseStatus.List;
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
        labels ??= new LabelSet(_wanted);
        node = new NodeRecord(name, abs, labels)
        {
            LabelCount = _labelCount,
            HasNfdLabels = _hasNfd,
            HasNvidiaPciLabel = _nvidiaPci,
            Architecture = _architecture,
            KernelVersion = _kernel,
            OsImage = _osImage,
            ContainerRuntimeVersion = _runtime,
            CapacityCpu = _capCpu?.Text,
            CapacityMemory = _capMemory?.Text,
            CapacityGpu = _capGpu?.Text,
            AllocatableCpu = _allocCpu?.Text,
            AllocatableMemory = _allocMemory?.Text,
            AllocatableGpu = _allocGpu?.Text,
            Cpus = (_capCpu ?? _allocCpu)?.Value,
            MemoryBytes = (_capMemory ?? _allocMemory)?.Value,
            Gpus = (_capGpu ?? _allocGpu)?.Value,
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
        _architecture = _kernel = _osImage = _runtime = null;
        _capCpu = _capMemory = _capGpu = _allocCpu = _allocMemory = _allocGpu = null;
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

    private void ReadLabels(ref Utf8JsonReader reader, long abs, LabelSet labels, List<InventoryError> errors)
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
            int key;
            if (reader.ValueIsEscaped)
            {
                var k = reader.GetString()!;
                key = _wanted.IndexOf(k);
                _hasNfd |= k.StartsWith(LabelKeys.NfdPrefix, StringComparison.Ordinal);
            }
            else
            {
                var span = reader.ValueSpan;
                _hasNfd |= span.StartsWith(_nfdPrefix);
                key = _wanted.IndexOf(span);
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
            if (key >= 0)
            {
                labels.Set(key, _strings.Of(ref reader));
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
                    var text = Quantity(ref reader, field, abs, errors, out var value);
                    var quantity = text is null ? default(ParsedQuantity?) : new ParsedQuantity(text, value);
                    switch (which)
                    {
                        case 1 when capacity: _capCpu = quantity; break;
                        case 1: _allocCpu = quantity; break;
                        case 2 when capacity: _capMemory = quantity; break;
                        case 2: _allocMemory = quantity; break;
                        case 3 when capacity: _capGpu = quantity; break;
                        default: _allocGpu = quantity; break;
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    /// <summary>
    /// A quantity as the API writes it (a string), or a plain JSON number (which the API also accepts); checked here so a
    /// bad one is reported where it is. <paramref name="value"/> is its value in base units, parsed once per distinct text.
    /// </summary>
    private string? Quantity(ref Utf8JsonReader reader, string field, long abs, List<InventoryError> errors, out double value)
    {
        value = 0;
        string? text = null;
        var valid = false;
        if (reader.ValueSpan.Length <= 64 && (reader.TokenType == JsonTokenType.Number || (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)))
        {
            if (_strings.Of(reader.ValueSpan) is { } entry)
            {
                text = entry.Text;
                valid = entry.TryQuantity(out value);
            }
            else
            {
                text = Encoding.UTF8.GetString(reader.ValueSpan);
                valid = KubeQuantity.TryParse(text, out value);
            }
        }
        else if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 64)
        {
            text = reader.GetString()!;
            valid = KubeQuantity.TryParse(text, out value);
        }
        if (!valid)
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
    /// label values), made once and handed out again for the same bytes, so a node does not cost a string per field;
    /// found by their UTF-8 bytes, so a value seen before is not even transcoded. A quantity's value is parsed once per
    /// string too. Bounded: once it holds <see cref="MaxEntries"/> strings it makes new ones without keeping them.
    /// </summary>
    private sealed class ValueStrings(int maxLength)
    {
        private const int MaxEntries = 4096;
        private const int MaxBytes = 128;
        private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _lookup =
            new Dictionary<byte[], Entry>(Utf8Comparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();

        /// <summary>The string value the reader is on (which must be a string).</summary>
        public string Of(ref Utf8JsonReader reader) =>
            reader.ValueIsEscaped || reader.ValueSpan.Length > MaxBytes || reader.ValueSpan.Length > maxLength
                ? reader.GetString()!
                : Of(reader.ValueSpan)?.Text ?? Encoding.UTF8.GetString(reader.ValueSpan);

        /// <summary>
        /// The kept entry of UTF-8 bytes that need no unescaping (a number's, or an unescaped string's), made now if there
        /// is room; null when the bytes are longer than <see cref="MaxBytes"/> or the table is full and does not hold them
        /// (a value every node has its own of, such as a memory capacity, fills it once and is then made per node).
        /// </summary>
        public Entry? Of(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length > MaxBytes)
            {
                return null;
            }
            if (_lookup.TryGetValue(utf8, out var known))
            {
                return known;
            }
            if (_lookup.Dictionary.Count >= MaxEntries)
            {
                return null;
            }
            var made = new Entry(Encoding.UTF8.GetString(utf8));
            _lookup.TryAdd(utf8, made);
            return made;
        }

        /// <summary>A value's string, and its value as a Kubernetes quantity once it has been asked for.</summary>
        public sealed class Entry(string text)
        {
            private int _parsed; // 0 not yet, 1 a quantity, -1 not one
            private double _quantity;

            public string Text { get; } = text;

            public bool TryQuantity(out double value)
            {
                if (_parsed == 0)
                {
                    _parsed = KubeQuantity.TryParse(Text, out _quantity) ? 1 : -1;
                }
                value = _quantity;
                return _parsed > 0;
            }
        }

        private sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
        {
            public static readonly Utf8Comparer Instance = new();

            public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

            public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

            public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

            public int GetHashCode(ReadOnlySpan<byte> alternate)
            {
                var hash = new HashCode();
                hash.AddBytes(alternate);
                return hash.ToHashCode();
            }

            public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
        }
    }
}
