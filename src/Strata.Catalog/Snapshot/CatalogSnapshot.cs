using System.Collections.Immutable;
using Strata.Catalog.Loading;
using Strata.Model.Diagnostics;

namespace Strata.Catalog.Snapshot;

/// <summary>
/// The bundled catalogue as the build loaded and checked it, in a compact binary form: the loaded model (every
/// entity, fact, provenance and source position), its digest, and the load's warnings. Written at build time by
/// tools/catalog-snapshot from catalog/, read at start instead of parsing 200-odd YAML files. A catalogue a user
/// names with --catalog is never read from a snapshot.
/// </summary>
/// <remarks>
/// One writer/reader pair per model type, side by side in the partial files of this class, so a field added to
/// one is seen missing from the other. The round-trip tests (tests/Strata.Catalog.Tests/Snapshot) compare every
/// property of the snapshot's catalogue with the YAML-loaded one, so a model field the snapshot does not carry fails them.
/// </remarks>
public static partial class CatalogSnapshot
{
    /// <summary>The name the snapshot is embedded under in Strata.Catalog.</summary>
    public const string ResourceName = "catalog.snapshot";

    private static ReadOnlySpan<byte> Magic => "STRATA-CATALOG\n"u8;

    /// <summary>Bumped whenever the layout changes; a snapshot of another format is refused, never misread.</summary>
    private const int FormatVersion = 3;

    /// <summary>The snapshot of a successful load: its catalogue, its (warning) diagnostics and its file count.</summary>
    public static byte[] Write(CatalogLoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Catalog is not { } catalog)
        {
            throw new ArgumentException("Only a catalogue that loaded without errors has a snapshot.", nameof(result));
        }
        var w = new SnapshotWriter();
        w.Int(result.FileCount);
        w.Array(result.Diagnostics, WriteDiagnostic);
        WriteCatalog(w, catalog);
        return w.ToArray(Magic, FormatVersion);
    }

    public static CatalogLoadResult Read(byte[] snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var r = new SnapshotReader(snapshot, Magic, FormatVersion);
        var fileCount = r.Int();
        var diagnostics = r.Array(ReadDiagnostic);
        var catalog = ReadCatalog(r);
        if (!r.AtEnd)
        {
            throw new InvalidDataException("The catalogue snapshot has bytes after its catalogue.");
        }
        return new CatalogLoadResult(catalog, diagnostics, fileCount);
    }

    /// <summary>The snapshot embedded in this assembly by the build, or null in a build that has none.</summary>
    public static byte[]? Embedded()
    {
        using var stream = typeof(CatalogSnapshot).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return null;
        }
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static void WriteDiagnostic(SnapshotWriter w, Diagnostic d)
    {
        WriteLocation(w, d.Location);
        w.Enum(d.Severity);
        w.String(d.Code);
        w.String(d.Message);
    }

    private static Diagnostic ReadDiagnostic(SnapshotReader r) => new(ReadLocation(r), r.Enum<Severity>(), r.String(), r.String());

    private static void WriteLocation(SnapshotWriter w, SourceLocation l)
    {
        w.String(l.File);
        w.Int(l.Line);
        w.Int(l.Column);
    }

    private static SourceLocation ReadLocation(SnapshotReader r) => new(r.String(), r.Int(), r.Int());
}
