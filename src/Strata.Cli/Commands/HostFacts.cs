using System.Collections.Immutable;
using Strata.Catalog.Profiles;
using Strata.Cli.Rendering;
using Strata.Host.Probe;

namespace Strata.Cli.Commands;

/// <summary>The host facts a command decides on: from a probe file, or probed now ('local').</summary>
public static class HostFacts
{
    public static ImmutableSortedDictionary<string, bool>? Resolve(string source, CliEnvironment env)
    {
        if (source == "local")
        {
            // Only the four host facts matter here: skip the tool versions (up to 16 processes).
            return new HostProbe { ToolNames = [] }.Run(deep: false, GlobalOptions.Today).HostFacts;
        }
        var (host, diagnostics) = HostFileLoader.Load(source);
        DiagnosticsRenderer.Write(env.Error, diagnostics);
        return host;
    }
}
