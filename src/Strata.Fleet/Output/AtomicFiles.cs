namespace Strata.Fleet.Output;

/// <summary>
/// Files that appear whole or not at all: each is written to a temporary name beside its target and renamed over it
/// on <see cref="Commit"/>; <see cref="Dispose"/> without a commit (an error, Ctrl-C) deletes the temporaries, so no
/// half-written manifest or plan is ever left under the real name.
/// </summary>
public sealed class AtomicFiles : IDisposable
{
    private readonly List<(string Temp, string Target, Stream Stream)> _files = [];
    private bool _committed;

    /// <summary>A stream to write <paramref name="path"/> through (its directory is created).</summary>
    public Stream Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.strata-{Environment.ProcessId}.tmp");
        var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _files.Add((temp, full, stream));
        return stream;
    }

    public IEnumerable<string> Targets => _files.Select(f => f.Target);

    public void Commit()
    {
        foreach (var f in _files)
        {
            f.Stream.Dispose();
        }
        foreach (var f in _files)
        {
            File.Move(f.Temp, f.Target, overwrite: true);
        }
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed)
        {
            return;
        }
        foreach (var f in _files)
        {
            f.Stream.Dispose();
            try
            {
                File.Delete(f.Temp);
            }
            catch (IOException)
            {
                // Best effort: a temporary that cannot be deleted keeps its dotted, .tmp name and never stands for a result.
            }
        }
    }
}
