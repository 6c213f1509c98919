using System.Collections.Immutable;

namespace Strata.Application.Requests;

/// <summary>Host facts that override a profile's <c>host:</c> block: from a probe file, probed now, or given.</summary>
public abstract record HostSource
{
    private HostSource()
    {
    }

    /// <summary>This machine, probed now (only the host facts; no tool versions).</summary>
    public static HostSource Local { get; } = new Probed();

    /// <summary>The <c>host:</c> block of a file <c>strata probe -o yaml</c> wrote.</summary>
    public static HostSource File(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FromFile(path);
    }

    /// <summary>Facts the caller already has (a server's request body, a fleet's node class).</summary>
    public static HostSource Given(ImmutableSortedDictionary<string, bool> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new FromFacts(facts);
    }

    /// <summary>The CLI's <c>--host FILE|local</c>.</summary>
    public static HostSource Parse(string fileOrLocal) => fileOrLocal == "local" ? Local : File(fileOrLocal);

    internal sealed record Probed : HostSource;

    internal sealed record FromFile(string Path) : HostSource;

    internal sealed record FromFacts(ImmutableSortedDictionary<string, bool> Facts) : HostSource;
}
