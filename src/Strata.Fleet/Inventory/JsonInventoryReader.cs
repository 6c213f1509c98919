using System.Text;
using System.Text.Json;

namespace Strata.Fleet.Inventory;

/// <summary>
/// Streams nodes out of a v1 NodeList (<c>kubectl get nodes -o json</c>) or JSON Lines of Node objects (or several
/// NodeLists one after another) with <see cref="Utf8JsonReader"/> over a refilled buffer. The buffer holds one node at
/// a time (at most <see cref="InventoryLimits.MaxNodeBytes"/>), so memory does not grow with the number of nodes.
/// A NodeList's items are tokenised once: after its first node (which the list's reader skips, to learn the state it is
/// in after an item), each node is parsed straight from the buffer by <see cref="NodeParser"/>, and the list's reader
/// goes on from that same state after it; a node the buffer holds only part of is parsed again once more is read. JSON
/// Lines are tokenised once the same way after their first node: each top-level object is parsed as a node from the
/// start, and the top-level reader goes on from its state after the first node; the parse gives up at an <c>items</c>
/// property, and that object is read as a NodeList.
/// Why not KubernetesClient's V1NodeList: it deserialises the whole list into objects before the first node can be
/// planned (memory grows with the fleet), and its models are bound through reflection-based System.Text.Json metadata.
/// </summary>
internal sealed class JsonInventoryReader : INodeSource
{
    private static readonly byte[] ItemsName = "items"u8.ToArray();
    private static readonly byte[] NfdPrefix = Encoding.UTF8.GetBytes(LabelKeys.NfdPrefix);

    private enum Mode { Top, TopObject, Items }

    private readonly Stream _stream;
    private readonly InventoryLimits _limits;
    private readonly JsonReaderOptions _options;
    private readonly NodeParser _parser;
    private byte[] _buf;
    private int _pos;
    private int _end;
    private long _bufAbs;
    private bool _final;
    private JsonReaderState _state;
    private Mode _mode = Mode.Top;
    private long _topStart = -1;
    private bool _seenItems;
    private bool _failed;
    // The NodeList reader's state after an item that is a node object (null until the first node of an items array).
    private JsonReaderState? _afterNode;
    // The top-level reader's state after a Node object of its own (JSON Lines; null until the first such node).
    private JsonReaderState? _afterTopNode;
    // Newlines in the bytes already dropped from the buffer, and where the line after the last of them starts: an
    // error's line and column are found while its bytes are still in the buffer, so a pipe needs no second reading.
    private long _linesBefore;
    private long _lineStartBefore;

    public JsonInventoryReader(Stream stream, InventoryLimits limits, IEnumerable<string> wantedLabels)
    {
        _stream = stream;
        _limits = limits;
        var wanted = new WantedLabels(wantedLabels);
        _options = new JsonReaderOptions { MaxDepth = limits.MaxDepth, AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Disallow };
        _parser = new NodeParser(limits, _options, wanted, NfdPrefix);
        // 256 KiB holds about a hundred nodes of a real NodeList: few nodes straddle a refill (and are parsed twice).
        _buf = new byte[Math.Min(256 * 1024, limits.MaxNodeBytes)];
        _state = new JsonReaderState(_options);
    }

    public List<InventoryError> Errors { get; } = [];

    public long Position => _bufAbs + _pos;

    public string Format => _seenItems ? "NodeList" : "JSON Lines";

    private enum Step { Node, Progress, NeedMore, End, Failed }

    public bool TryRead(out NodeRecord? node)
    {
        node = null;
        while (!_failed && Errors.Count < _limits.MaxErrors)
        {
            var errors = Errors.Count;
            var step = Next(out node);
            LocateFrom(errors);
            switch (step)
            {
                case Step.Node when node is not null:
                    return true;
                case Step.Node:
                case Step.Progress:
                    continue;
                case Step.NeedMore:
                    if (!Refill())
                    {
                        _failed = true;
                        LocateFrom(errors);
                    }
                    continue;
                case Step.End:
                    return false;
                default:
                    _failed = true;
                    break;
            }
        }
        return false;
    }

    /// <summary>One unit of work on the data in the buffer: committed whole, or not at all (then more data is needed).</summary>
    private Step Next(out NodeRecord? node)
    {
        node = null;
        var reader = new Utf8JsonReader(_buf.AsSpan(_pos, _end - _pos), _final, _state);
        try
        {
            switch (_mode)
            {
                case Mode.Top:
                    if (!reader.Read())
                    {
                        return _final ? Step.End : Step.NeedMore;
                    }
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        Errors.Add(new InventoryError(Abs(ref reader), $"expected a NodeList or a Node object, found {Describe(reader.TokenType)}"));
                        return Step.Failed;
                    }
                    if (_afterTopNode is { } afterTop)
                    {
                        // JSON Lines after its first node: each object is parsed as a node straight away, and only an
                        // object with an items property (a NodeList after all) goes the list's way below.
                        var objectStart = (int)reader.TokenStartIndex;
                        var rest = _buf.AsSpan(_pos + objectStart, _end - _pos - objectStart);
                        switch (_parser.Parse(rest, _final, Abs(ref reader), 0, Errors, out node, out var length, stopAtItems: true))
                        {
                            case ParseStatus.NeedMore:
                                return Step.NeedMore;
                            case ParseStatus.Broken:
                                return Step.Failed;
                            case ParseStatus.Done:
                                _pos += objectStart + length;
                                _state = afterTop;
                                return Step.Node;
                        }
                    }
                    _topStart = Abs(ref reader);
                    _seenItems = false;
                    Commit(ref reader, Mode.TopObject);
                    return Step.Progress;
                case Mode.TopObject:
                    if (!reader.Read())
                    {
                        return Step.NeedMore;
                    }
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        if (!_seenItems)
                        {
                            // No items: the object was a Node of its own (JSON Lines); it is still in the buffer from its start.
                            var start = (int)(_topStart - _bufAbs);
                            var length = (int)(Abs(ref reader) + 1 - _topStart);
                            if (_parser.Parse(_buf.AsSpan(start, length), true, _topStart, 0, Errors, out node, out _) == ParseStatus.Broken)
                            {
                                return Step.Failed;
                            }
                        }
                        _topStart = -1;
                        Commit(ref reader, Mode.Top);
                        if (!_seenItems)
                        {
                            _afterTopNode = _state;
                        }
                        return Step.Node;
                    }
                    if (!_seenItems && reader.ValueTextEquals(ItemsName))
                    {
                        if (!reader.Read())
                        {
                            return Step.NeedMore;
                        }
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            Errors.Add(new InventoryError(Abs(ref reader), $"a NodeList's items must be an array, found {Describe(reader.TokenType)}"));
                            return Step.Failed;
                        }
                        _seenItems = true;
                        _topStart = -1;
                        _afterNode = null;
                        Commit(ref reader, Mode.Items);
                        return Step.Progress;
                    }
                    if (!reader.Read() || !reader.TrySkip())
                    {
                        return Step.NeedMore;
                    }
                    Commit(ref reader, Mode.TopObject);
                    return Step.Progress;
                default:
                    if (!reader.Read())
                    {
                        return Step.NeedMore;
                    }
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        Commit(ref reader, Mode.TopObject);
                        return Step.Progress;
                    }
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        var at = Abs(ref reader);
                        var found = reader.TokenType;
                        if (!reader.TrySkip())
                        {
                            return Step.NeedMore;
                        }
                        Errors.Add(new InventoryError(at, $"a NodeList item must be a Node object, found {Describe(found)}"));
                        Commit(ref reader, Mode.Items);
                        return Step.Progress;
                    }
                    var nodeStart = (int)reader.TokenStartIndex;
                    var nodeAbs = Abs(ref reader);
                    if (_afterNode is { } after)
                    {
                        var rest = _buf.AsSpan(_pos + nodeStart, _end - _pos - nodeStart);
                        switch (_parser.Parse(rest, _final, nodeAbs, reader.CurrentDepth, Errors, out node, out var length))
                        {
                            case ParseStatus.NeedMore:
                                return Step.NeedMore;
                            case ParseStatus.Broken:
                                return Step.Failed;
                        }
                        _pos += nodeStart + length;
                        _state = after;
                        return Step.Node;
                    }
                    if (!reader.TrySkip())
                    {
                        return Step.NeedMore;
                    }
                    var span = _buf.AsSpan(_pos + nodeStart, (int)reader.BytesConsumed - nodeStart);
                    if (_parser.Parse(span, true, nodeAbs, reader.CurrentDepth, Errors, out node, out _) == ParseStatus.Broken)
                    {
                        return Step.Failed;
                    }
                    Commit(ref reader, Mode.Items);
                    _afterNode = _state;
                    return Step.Node;
            }
        }
        catch (JsonException e)
        {
            Errors.Add(new InventoryError(_bufAbs + _pos + reader.BytesConsumed, Plain(e)));
            return Step.Failed;
        }
    }

    /// <summary>Gives the errors from index <paramref name="first"/> on their line and column while their bytes are buffered.</summary>
    private void LocateFrom(int first)
    {
        for (var i = first; i < Errors.Count; i++)
        {
            Errors[i] = Located(Errors[i]);
        }
    }

    /// <summary>The error with its line and column (1-based, columns in bytes), from the buffer it was found in.</summary>
    private InventoryError Located(InventoryError error)
    {
        if (error.Line > 0 || error.Offset < _bufAbs)
        {
            return error;
        }
        var offset = Math.Min(error.Offset, _bufAbs + _end);
        var before = _buf.AsSpan(0, (int)(offset - _bufAbs));
        var newlines = before.Count((byte)'\n');
        var lineStart = newlines > 0 ? _bufAbs + before.LastIndexOf((byte)'\n') + 1 : _lineStartBefore;
        return error with { Line = _linesBefore + newlines + 1, Column = offset - lineStart + 1 };
    }

    private long Abs(ref Utf8JsonReader reader) => _bufAbs + _pos + reader.TokenStartIndex;

    private void Commit(ref Utf8JsonReader reader, Mode next)
    {
        _pos += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        _mode = next;
    }

    /// <summary>Moves what is still needed to the front and reads more; false (with an error) when one value would exceed the limit.</summary>
    private bool Refill()
    {
        if (_final)
        {
            return false;
        }
        var keep = _topStart >= 0 ? (int)(_topStart - _bufAbs) : _pos;
        var pending = _end - keep;
        if (keep > 0)
        {
            var dropped = _buf.AsSpan(0, keep);
            var newlines = dropped.Count((byte)'\n');
            if (newlines > 0)
            {
                _linesBefore += newlines;
                _lineStartBefore = _bufAbs + dropped.LastIndexOf((byte)'\n') + 1;
            }
            Buffer.BlockCopy(_buf, keep, _buf, 0, pending);
            _bufAbs += keep;
            _pos -= keep;
            _end = pending;
        }
        if (_end == _buf.Length)
        {
            if (_buf.Length >= _limits.MaxNodeBytes)
            {
                Errors.Add(new InventoryError(_bufAbs, $"one JSON value (a node, or the NodeList's header before 'items') is larger than the limit of {_limits.MaxNodeBytes / (1024 * 1024)} MiB"));
                return false;
            }
            Array.Resize(ref _buf, Math.Min(_buf.Length * 2, _limits.MaxNodeBytes));
        }
        var read = _stream.Read(_buf, _end, _buf.Length - _end);
        if (read == 0)
        {
            _final = true;
        }
        _end += read;
        return true;
    }

    internal static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => t.ToString(),
    };

    /// <summary>The reader's message without its own position (the caller states the byte offset and line:column).</summary>
    internal static string Plain(JsonException e)
    {
        var m = e.Message;
        var cut = m.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return "not valid JSON: " + (cut > 0 ? m[..cut] : m).TrimEnd('.', ' ');
    }

    public void Dispose() => _stream.Dispose();
}
