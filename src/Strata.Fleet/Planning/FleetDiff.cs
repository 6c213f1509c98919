using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Strata.Fleet.Classes;
using Strata.Fleet.Inventory;
using Strata.Fleet.Output;

namespace Strata.Fleet.Planning;

/// <summary>A node whose planned stack differs from an earlier plan's, and the facts that changed (empty when only the catalogue or profile did).</summary>
public sealed record NodeChange(string Node, string Was, string Now, ImmutableArray<string> Because);

/// <summary>
/// Compares an earlier plan (the JSON Lines <c>fleet plan -o jsonl</c> wrote) with today's inventory: which nodes
/// would get another stack, and which of their facts changed. The earlier plan is held as one entry per node (name,
/// stack, facts), so memory grows with the old plan's size — about 300 bytes a node — not with the new inventory's.
/// </summary>
public sealed class FleetDiff : IFleetSink
{
    private sealed class Old(string stack, string facts)
    {
        public string Stack { get; } = stack;
        public string Facts { get; } = facts;
        public bool Seen { get; set; }
    }

    private readonly Dictionary<string, Old> _old;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);
    private readonly Action<NodeChange> _changed;

    private FleetDiff(Dictionary<string, Old> old, Action<NodeChange> changed)
    {
        _old = old;
        _changed = changed;
    }

    public long Unchanged { get; private set; }
    public long Changed { get; private set; }
    public long Added { get; private set; }

    /// <summary>The old plan's nodes that today's inventory no longer has.</summary>
    public IEnumerable<string> Removed => _old.Where(kv => !kv.Value.Seen).Select(kv => kv.Key).Order(StringComparer.Ordinal);

    /// <summary>Reads the earlier plan; null with errors (path:line:column) when a line is not a plan line.</summary>
    public static (FleetDiff? Diff, IReadOnlyList<string> Errors) Load(string path, Action<NodeChange> changed, InventoryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        var old = new Dictionary<string, Old>(StringComparer.Ordinal);
        var stacks = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        using var reader = new StreamReader(path, Encoding.UTF8, false, 1 << 16);
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }
            if (line.Length > limits.MaxNodeBytes)
            {
                errors.Add($"{path}:{lineNo}:1: error: the line is longer than {limits.MaxNodeBytes / (1024 * 1024)} MiB");
                break;
            }
            try
            {
                using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = limits.MaxDepth });
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("node", out var node) || node.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("stack", out var stack) || stack.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("facts", out var facts) || facts.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{path}:{lineNo}:1: error: a plan line needs node (a string), stack and facts (objects), as 'strata fleet plan -o jsonl' writes");
                }
                else
                {
                    var text = StackText(stack);
                    old[node.GetString()!] = new Old(stacks.TryGetValue(text, out var shared) ? shared : stacks[text] = text, facts.GetRawText());
                }
            }
            catch (JsonException e)
            {
                errors.Add($"{path}:{lineNo}:{(e.BytePositionInLine ?? 0) + 1}: error: {JsonInventoryReader.Plain(e)}");
            }
            if (errors.Count >= limits.MaxErrors)
            {
                break;
            }
        }
        return errors.Count > 0 ? (null, errors) : (new FleetDiff(old, changed), []);
    }

    private static string StackText(JsonElement stack) =>
        stack.EnumerateObject().Any() ? string.Join(",", stack.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}")) : "(none feasible)";

    public void Node(NodeRecord node, NodeFacts facts, NodeClass nodeClass)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(nodeClass);
        var now = nodeClass.Feasible ? nodeClass.StackText : "(none feasible)";
        if (!_old.TryGetValue(node.Name, out var old))
        {
            Added++;
            _changed(new NodeChange(node.Name, "(not in the old plan)", now, ["new node"]));
            return;
        }
        old.Seen = true;
        if (old.Stack == now)
        {
            Unchanged++;
            return;
        }
        Changed++;
        _changed(new NodeChange(node.Name, old.Stack, now, Because(old.Facts, facts)));
    }

    /// <summary>Each fact whose value differs, as "name: was → now".</summary>
    private ImmutableArray<string> Because(string oldFacts, NodeFacts facts)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        NodeLines.WriteFacts(_writer, facts);
        _writer.Flush();
        using var was = JsonDocument.Parse(oldFacts);
        using var now = JsonDocument.Parse(_buffer.WrittenMemory);
        var reasons = ImmutableArray.CreateBuilder<string>();
        foreach (var p in now.RootElement.EnumerateObject())
        {
            var before = was.RootElement.TryGetProperty(p.Name, out var b) ? b.GetRawText() : "null";
            var after = p.Value.GetRawText();
            if (before != after)
            {
                reasons.Add($"{p.Name}: {Plain(before)} → {Plain(after)}");
            }
        }
        if (reasons.Count == 0)
        {
            reasons.Add("no fact changed: the catalogue, the profile or the map did");
        }
        return reasons.ToImmutable();
    }

    private static string Plain(string json) => json == "null" ? "unknown" : json.Trim('"');
}
