namespace Strata.Application.Requests;

/// <summary>Which catalogue a request works on: the bundled one, or one in a directory (which may extend the bundled one).</summary>
public sealed record CatalogLocation
{
    private CatalogLocation(string? directory) => Directory = directory;

    /// <summary>The catalogue shipped inside Strata.</summary>
    public static CatalogLocation Bundled { get; } = new((string?)null);

    /// <summary>The catalogue in <paramref name="path"/>, named in messages as given.</summary>
    public static CatalogLocation InDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new CatalogLocation(path);
    }

    /// <summary>The bundled catalogue when <paramref name="path"/> is null, else the one in that directory.</summary>
    public static CatalogLocation From(string? path) => path is null ? Bundled : InDirectory(path);

    /// <summary>The directory, or null for the bundled catalogue.</summary>
    public string? Directory { get; }

    /// <summary>How messages name it.</summary>
    public string Name => Directory ?? "the bundled catalogue";
}
