using System.Text;

namespace Strata.Fleet.Inventory;

/// <summary>
/// A node inventory as CSV (RFC 4180 quoting, one record per line), for fleets that are not (yet) in Kubernetes.
/// The header names the columns, in any order: <c>name</c> (required), <c>arch</c> (amd64, arm64, …), <c>cpu</c> and
/// <c>memory</c> (Kubernetes quantities: 4, 3920m, 16Gi), <c>kernel</c> (uname -r), <c>kvm</c> (true/false: the node can
/// boot KVM guests), <c>cgroup</c> (v1/v2), <c>gpus</c> (count), <c>gpu_product</c>, <c>mig_capable</c> (true/false) and
/// <c>role</c> (server: it runs the control plane; agent: a worker, the control plane runs elsewhere) and <c>labels</c>
/// (<c>key=value;key=value</c>). An empty cell is unknown; an unknown role is decided as the profile says, as if the
/// node might run the control plane.
/// </summary>
internal sealed class CsvInventoryReader : INodeSource
{
    public static readonly IReadOnlyList<string> Columns = ["name", "arch", "cpu", "memory", "kernel", "kvm", "cgroup", "gpus", "gpu_product", "mig_capable", "role", "labels"];

    private readonly Stream _stream;
    private readonly InventoryLimits _limits;
    private readonly HashSet<string> _wanted;
    private byte[] _buf;
    private int _pos;
    private int _end;
    private long _bufAbs;
    private bool _final;
    private long _line;
    private int[]? _columns;
    private bool _failed;

    public CsvInventoryReader(Stream stream, InventoryLimits limits, IEnumerable<string> wanted)
    {
        _stream = stream;
        _limits = limits;
        _wanted = new HashSet<string>(wanted, StringComparer.Ordinal);
        _buf = new byte[Math.Min(64 * 1024, limits.MaxNodeBytes)];
    }

    public List<InventoryError> Errors { get; } = [];

    public long Position => _bufAbs + _pos;

    public string Format => "CSV";

    public bool TryRead(out NodeRecord? node)
    {
        node = null;
        while (!_failed && Errors.Count < _limits.MaxErrors && NextLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var cells = Split(line);
            if (cells is null)
            {
                continue;
            }
            if (_columns is null)
            {
                Header(cells);
                continue;
            }
            node = Record(cells);
            if (node is not null)
            {
                return true;
            }
        }
        return false;
    }

    private void Header(List<string> cells)
    {
        _columns = new int[Columns.Count];
        Array.Fill(_columns, -1);
        for (var i = 0; i < cells.Count; i++)
        {
            var c = Columns.ToList().IndexOf(cells[i].Trim());
            if (c < 0)
            {
                Error(i, $"unknown column '{cells[i]}' (columns: {string.Join(", ", Columns)})");
            }
            else
            {
                _columns[c] = i;
            }
        }
        if (_columns[0] < 0)
        {
            Error(0, "the header needs a 'name' column");
            _failed = true;
        }
    }

    private string? Cell(List<string> cells, string column)
    {
        var i = _columns![Columns.ToList().IndexOf(column)];
        return i >= 0 && i < cells.Count && cells[i].Trim() is { Length: > 0 } v ? v : null;
    }

    private NodeRecord? Record(List<string> cells)
    {
        var before = Errors.Count;
        var name = Cell(cells, "name");
        if (name is null)
        {
            Error(0, "a node needs a name");
        }
        foreach (var q in new[] { "cpu", "memory", "gpus" })
        {
            if (Cell(cells, q) is { } v && !KubeQuantity.TryParse(v, out _))
            {
                Error(_columns![Columns.ToList().IndexOf(q)], $"{q} must be a Kubernetes quantity (such as 4, 3920m, 16Gi), found '{v}'");
            }
        }
        bool? Bool(string column)
        {
            var v = Cell(cells, column);
            if (v is null)
            {
                return null;
            }
            if (bool.TryParse(v, out var b))
            {
                return b;
            }
            Error(_columns![Columns.ToList().IndexOf(column)], $"{column} must be true, false or empty, found '{v}'");
            return null;
        }
        var kvm = Bool("kvm");
        var mig = Bool("mig_capable");
        bool? cgroup = Cell(cells, "cgroup") switch
        {
            null => null,
            "v2" => true,
            "v1" => false,
            var other => Invalid(other),
        };
        bool? Invalid(string v)
        {
            Error(_columns![Columns.ToList().IndexOf("cgroup")], $"cgroup must be v1, v2 or empty, found '{v}'");
            return null;
        }
        NodeRole? role = Cell(cells, "role") switch
        {
            null => null,
            "server" => NodeRole.Server,
            "agent" => NodeRole.Agent,
            var other => InvalidRole(other),
        };
        NodeRole? InvalidRole(string v)
        {
            Error(_columns![Columns.ToList().IndexOf("role")], $"role must be server, agent or empty, found '{v}'");
            return null;
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = 0;
        if (Cell(cells, "labels") is { } text)
        {
            foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    Error(_columns![Columns.ToList().IndexOf("labels")], $"a label must be key=value, found '{pair}'");
                    continue;
                }
                if (++count > _limits.MaxLabelsPerNode)
                {
                    Error(_columns![Columns.ToList().IndexOf("labels")], $"a node has more than {_limits.MaxLabelsPerNode} labels");
                    break;
                }
                var key = pair[..eq];
                if (_wanted.Contains(key))
                {
                    labels[key] = pair[(eq + 1)..];
                }
            }
        }
        if (Errors.Count > before || name is null)
        {
            return null;
        }
        if (Cell(cells, "gpu_product") is { } product)
        {
            labels[LabelKeys.GpuProduct] = product;
        }
        if (mig is { } m)
        {
            labels[LabelKeys.MigCapable] = m ? "true" : "false";
        }
        return new NodeRecord(name, _line, labels)
        {
            LabelCount = count,
            Architecture = Cell(cells, "arch"),
            KernelVersion = Cell(cells, "kernel"),
            CapacityCpu = Cell(cells, "cpu"),
            CapacityMemory = Cell(cells, "memory"),
            CapacityGpu = Cell(cells, "gpus"),
            StatedKvm = kvm,
            Role = role,
            StatedCgroupV2 = cgroup ?? (labels.TryGetValue(LabelKeys.Cgroup, out var cg) ? cg switch { "v2" => true, "v1" => false, _ => null } : null),
        };
    }

    private void Error(int column, string message) =>
        Errors.Add(new InventoryError(_line, message) { Line = _line, Column = column + 1 });

    /// <summary>Cells of one line (RFC 4180 quotes; a quoted cell does not span lines); null with an error for an unclosed quote.</summary>
    private List<string>? Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        if (quoted)
        {
            Errors.Add(new InventoryError(_line, "a quoted cell is not closed on its line") { Line = _line, Column = cells.Count + 1 });
            return null;
        }
        cells.Add(cell.ToString());
        return cells;
    }

    /// <summary>The next line without its line break, or null at the end; a line longer than the limit stops reading.</summary>
    private string? NextLine()
    {
        while (true)
        {
            var nl = _buf.AsSpan(_pos, _end - _pos).IndexOf((byte)'\n');
            if (nl >= 0 || (_final && _end > _pos))
            {
                var length = nl >= 0 ? nl : _end - _pos;
                var text = Encoding.UTF8.GetString(_buf, _pos, length).TrimEnd('\r');
                _pos += nl >= 0 ? nl + 1 : length;
                _line++;
                return text;
            }
            if (_final)
            {
                return null;
            }
            if (_pos > 0)
            {
                Buffer.BlockCopy(_buf, _pos, _buf, 0, _end - _pos);
                _bufAbs += _pos;
                _end -= _pos;
                _pos = 0;
            }
            if (_end == _buf.Length)
            {
                if (_buf.Length >= _limits.MaxNodeBytes)
                {
                    Errors.Add(new InventoryError(_line + 1, $"a line is longer than the limit of {_limits.MaxNodeBytes / (1024 * 1024)} MiB") { Line = _line + 1, Column = 1 });
                    _failed = true;
                    return null;
                }
                Array.Resize(ref _buf, Math.Min(_buf.Length * 2, _limits.MaxNodeBytes));
            }
            var read = _stream.Read(_buf, _end, _buf.Length - _end);
            _final = read == 0;
            _end += read;
        }
    }

    public void Dispose() => _stream.Dispose();
}
