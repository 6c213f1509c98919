using Strata.Application.Requests;

namespace Strata.Server;

/// <summary>How <c>strata serve</c> runs: where it listens, which store and catalogue, who may write, how much work at once.</summary>
public sealed record ServerOptions
{
    /// <summary>Where Kestrel listens; loopback unless told otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>The decision history: a SQLite file, or a postgres:// URI.</summary>
    public string StorePath { get; init; } = "strata.db";

    public CatalogLocation Catalog { get; init; } = CatalogLocation.Bundled;

    /// <summary>The bearer token write endpoints need; null: no token asked.</summary>
    public string? Token { get; init; }

    /// <summary>Evaluations that may run at once; beyond it a request gets 429 with Retry-After.</summary>
    public int MaxEvaluations { get; init; } = 4;

    /// <summary>How long one evaluation may take before its request gets 503.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body taken; above it, 413.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Evaluations kept for a repeated body (the page sends the same weights again and again).</summary>
    public int CacheEntries { get; init; } = 512;

    /// <summary>The most bytes the kept evaluations may hold (an edge answer with robustness is ~0.3 MB, so ~200 of them).</summary>
    public long CacheBytes { get; init; } = 64L * 1024 * 1024;
}
