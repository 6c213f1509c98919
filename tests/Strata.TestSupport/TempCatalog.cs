using Strata.Catalog.Loading;

namespace Strata.TestSupport;

/// <summary>
/// A small catalogue on disk for loader and CLI tests: the bundled manifest, vocabulary, layers and
/// criteria, plus whatever files a test adds. Deleted on dispose.
/// </summary>
public sealed class TempCatalog : IDisposable
{
    public TempCatalog(bool withBase = true)
    {
        Dir = Path.Combine(Path.GetTempPath(), "strata-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        if (!withBase)
        {
            return;
        }
        foreach (var f in CatalogSource.Bundled.Files())
        {
            if (f.RelativePath is "catalog.yaml" or "vocabulary.yaml" || f.RelativePath.StartsWith("layers/", StringComparison.Ordinal) || f.RelativePath.StartsWith("criteria/", StringComparison.Ordinal))
            {
                Write(f.RelativePath, f.Text);
            }
        }
    }

    public string Dir { get; }

    /// <summary>Writes a file; returns the path diagnostics will show.</summary>
    public string Write(string relativePath, string text)
    {
        var full = Path.Combine(Dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"));
        return Path.Combine(Dir, relativePath).Replace('\\', '/');
    }

    public CatalogLoadResult Load() => CatalogLoader.LoadDirectory(Dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a test for it.
        }
    }
}
