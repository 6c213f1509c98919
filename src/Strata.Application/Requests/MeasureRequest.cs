using System.Collections.Immutable;

namespace Strata.Application.Requests;

/// <summary>What to measure on this host: which isolation tools (default all known), how many timed runs each.</summary>
public sealed record MeasureRequest
{
    public ImmutableArray<string> Tools { get; init; } = [.. Host.Measure.ToolRunner.Known.Select(k => k.Tool)];

    public int Runs { get; init; } = 10;

    /// <summary>The catalogue that says which technology each tool stands for (runc → runc, runsc → gvisor, …).</summary>
    public CatalogLocation Catalog { get; init; } = CatalogLocation.Bundled;
}
