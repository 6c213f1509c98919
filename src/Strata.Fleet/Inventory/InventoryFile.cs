namespace Strata.Fleet.Inventory;

/// <summary>A stream of nodes: <see cref="TryRead"/> until it says false, then <see cref="Errors"/> say whether the inventory was whole.</summary>
public interface INodeSource : IDisposable
{
    /// <summary>The next good node; false at the end, or when reading stopped at an error. A bad node is skipped (its error kept).</summary>
    bool TryRead(out NodeRecord? node);

    List<InventoryError> Errors { get; }

    /// <summary>Bytes consumed so far (progress).</summary>
    long Position { get; }

    /// <summary>What the inventory turned out to be: NodeList, JSON Lines or CSV.</summary>
    string Format { get; }
}

/// <summary>Opens an inventory file in the format it is in, and turns error offsets into line:column.</summary>
public static class InventoryFile
{
    /// <summary>The inventory name that stands for standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>
    /// A directory of <c>strata probe -o yaml</c> files (<see cref="ProbeDirectoryReader"/>); a CSV when the name ends in
    /// .csv or the file starts with a <c>name</c> header; otherwise JSON (a NodeList, or Node objects one per line).
    /// <c>-</c> is standard input. The format is sniffed from the first bytes, which the reader then gets back (no seek),
    /// so a pipe works like a file. <paramref name="wantedLabels"/> are the label keys planning reads beyond
    /// <see cref="LabelKeys.Read"/> (the --map selectors').
    /// </summary>
    public static INodeSource Open(string path, InventoryLimits limits, IEnumerable<string> wantedLabels)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path != StandardInput && Directory.Exists(path))
        {
            return new ProbeDirectoryReader(path, limits);
        }
        var raw = path == StandardInput ? Console.OpenStandardInput()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var head = new byte[5];
        var n = raw.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var stream = new ReplayStream(head[..n], raw);
        var wanted = LabelKeys.Read.Concat(wantedLabels).ToArray();
        var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || head.AsSpan(0, n).SequenceEqual("name,"u8);
        return csv ? new CsvInventoryReader(stream, limits, wanted) : new JsonInventoryReader(stream, limits, wanted);
    }

    /// <summary>
    /// Fills in line and column (1-based, columns in bytes) of each error that has a byte offset, in one pass over the
    /// file up to the last offset. CSV errors already carry their line, and so do JSON errors (the reader locates them
    /// while their bytes are in its buffer); this is for errors that do not, and only where the inventory can be read again.
    /// </summary>
    public static IReadOnlyList<InventoryError> Locate(string path, IReadOnlyList<InventoryError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0 || errors.All(e => e.Line > 0) || path == StandardInput || !File.Exists(path))
        {
            return errors;
        }
        var offsets = errors.Select(e => e.Offset).Distinct().Order().ToArray();
        var found = new Dictionary<long, (long Line, long Column)>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long abs = 0, line = 1, lineStart = 0;
        var next = 0;
        int read;
        while (next < offsets.Length && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read && next < offsets.Length; i++, abs++)
            {
                while (next < offsets.Length && offsets[next] == abs)
                {
                    found[offsets[next++]] = (line, abs - lineStart + 1);
                }
                if (buffer[i] == (byte)'\n')
                {
                    line++;
                    lineStart = abs + 1;
                }
            }
        }
        for (; next < offsets.Length; next++)
        {
            found[offsets[next]] = (line, abs - lineStart + 1);
        }
        return [.. errors.Select(e => e.Line > 0 ? e : e with { Line = found[e.Offset].Line, Column = found[e.Offset].Column })];
    }
}
