namespace Strata.TestSupport;

/// <summary>Finds the repository and the shared seeds beside it, wherever the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Catalog => Path.Combine(Root, "catalog");

    /// <summary>
    /// The source documents, not part of the repository: shared/ beside the checkout (where CI clones
    /// it), or wherever STRATA_SHARED points.
    /// </summary>
    public static string Shared
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("STRATA_SHARED") is { Length: > 0 } env
                ? Path.GetFullPath(env)
                : Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(Path.Combine(dir, "seeds"))
                ? dir
                : throw new DirectoryNotFoundException($"The seeds are not at {dir}/seeds. Clone the repository beside shared/, or set STRATA_SHARED to the folder that holds seeds/ and research/.");
        }
    }

    public static string Seeds => Path.Combine(Shared, "seeds");

    public static string Research => Path.Combine(Shared, "research");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Strata.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException($"No Strata.slnx above {AppContext.BaseDirectory}.");
    }
}
