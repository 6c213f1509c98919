namespace Strata.Catalog.Yaml;

/// <summary>Limits that keep hostile YAML from exhausting time or memory. Documented in docs/catalog-format.md.</summary>
public sealed record YamlLimits
{
    public static readonly YamlLimits Default = new();

    public long MaxFileBytes { get; init; } = 4 * 1024 * 1024;
    public int MaxScalarLength { get; init; } = 64 * 1024;
    public int MaxDepth { get; init; } = 64;
    public int MaxAliases { get; init; } = 1000;

    /// <summary>Nodes in the document once every alias is expanded (guards against alias bombs).</summary>
    public long MaxExpandedNodes { get; init; } = 1_000_000;
}
