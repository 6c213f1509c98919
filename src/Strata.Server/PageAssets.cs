using System.Collections.Immutable;
using System.Reflection;

namespace Strata.Server;

/// <summary>The page (HTML, script, style) and the bundled example profiles, embedded in the assembly: nothing is read from disk or fetched.</summary>
public static class PageAssets
{
    private static readonly Assembly Self = typeof(PageAssets).Assembly;

    private static byte[] Read(string name)
    {
        using var s = Self.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The resource {name} is not embedded.");
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    /// <summary>The page's files by path, with their media types.</summary>
    public static readonly ImmutableDictionary<string, (string ContentType, byte[] Body)> Files = new Dictionary<string, (string, byte[])>
    {
        ["/"] = ("text/html; charset=utf-8", Read("page/index.html")),
        ["/app.js"] = ("text/javascript; charset=utf-8", Read("page/app.js")),
        ["/app.css"] = ("text/css; charset=utf-8", Read("page/app.css")),
    }.ToImmutableDictionary();

    /// <summary>The OpenAPI document (openapi.json at the repository root).</summary>
    public static readonly byte[] OpenApi = Read("openapi.json");

    /// <summary>The example profiles (examples/*.yaml) by name.</summary>
    public static readonly ImmutableSortedDictionary<string, string> Examples = Self.GetManifestResourceNames()
        .Where(n => n.StartsWith("examples/", StringComparison.Ordinal))
        .ToImmutableSortedDictionary(n => n["examples/".Length..^".yaml".Length], n => System.Text.Encoding.UTF8.GetString(Read(n)), StringComparer.Ordinal);

    public static string? Example(string name) => Examples.GetValueOrDefault(name);
}
