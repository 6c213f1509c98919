namespace Strata.TestSupport;

/// <summary>Finds the repository and the shared seeds beside it, wherever the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Catalog => Path.Combine(Root, "catalog");

    /// <summary>shared/ sits beside the repository (CI clones the repo next to it).</summary>
    public static string Seeds => Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"));

    public static string Research => Path.GetFullPath(Path.Combine(Root, "..", "shared", "research"));

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
