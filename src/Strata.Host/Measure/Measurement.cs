using System.Collections.Immutable;

namespace Strata.Host.Measure;

/// <summary>What one tool cost on this host: cold start (create, run /bin/true, exit) and peak memory, or why it could not be measured.</summary>
public sealed record ToolMeasurement(
    string Tool,
    string? Technology,
    string Label,
    string? Version,
    int Runs,
    double? MedianMs,
    double? P95Ms,
    double? MinMs,
    double? MaxMs,
    double? PeakMemoryMiB,
    string? MemoryNote,
    string? Error)
{
    public bool Measured => MedianMs is not null;
}

public sealed record MeasureReport(string Date, string Host, int Runs, ImmutableArray<ToolMeasurement> Tools);
