using System.Reflection;

namespace Strata.Catalog.Loading;

/// <summary>One catalogue file: where it is (as shown in diagnostics), its path inside the catalogue, and its text.</summary>
public sealed record CatalogFile(string DisplayPath, string RelativePath, string Text);

/// <summary>Where catalogue files come from: the bundled resources, or a directory.</summary>
public abstract class CatalogSource
{
    public abstract IReadOnlyList<CatalogFile> Files();

    /// <summary>The catalogue shipped inside Strata.</summary>
    public static CatalogSource Bundled { get; } = new BundledSource();

    public static CatalogSource Directory(string path) => new DirectorySource(path);

    /// <summary>
    /// The bundled catalogue's own directory (catalog/ of the repository) with its files named as the embedded
    /// resources are: what the build step snapshots, so the snapshot's source positions are the bundled ones.
    /// </summary>
    public static CatalogSource BundledLayout(string path) => new DirectorySource(path, BundledPrefix);

    /// <summary>How the bundled catalogue's files are shown in diagnostics and citations: <c>catalog/technologies/kata.yaml</c>.</summary>
    public const string BundledPrefix = "catalog/";

    private sealed class BundledSource : CatalogSource
    {
        private const string Prefix = BundledPrefix;

        public override IReadOnlyList<CatalogFile> Files()
        {
            var asm = typeof(BundledSource).Assembly;
            return asm.GetManifestResourceNames()
                .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(n => new CatalogFile(n, n[Prefix.Length..], Read(asm, n)))
                .ToList();
        }

        private static string Read(Assembly asm, string name)
        {
            using var stream = asm.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The bundled catalogue resource '{name}' is missing from {asm.GetName().Name}.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    private sealed class DirectorySource(string root, string? displayPrefix = null) : CatalogSource
    {
        public override IReadOnlyList<CatalogFile> Files()
        {
            if (!System.IO.Directory.Exists(root))
            {
                throw new DirectoryNotFoundException($"There is no directory '{root}'.");
            }
            return System.IO.Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
                .Select(f => (Full: f, Rel: Path.GetRelativePath(root, f).Replace('\\', '/')))
                .OrderBy(f => f.Rel, StringComparer.Ordinal)
                .Select(f => new CatalogFile(displayPrefix is null ? Path.Combine(root, f.Rel).Replace('\\', '/') : displayPrefix + f.Rel, f.Rel, Yaml.YamlFile.ReadLimited(f.Full)))
                .ToList();
        }
    }
}
