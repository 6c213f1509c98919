using System.Collections.Immutable;
using Strata.Catalog.Reading;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;

namespace Strata.Catalog.Profiles;

/// <summary>Reads the <c>host:</c> block of a file `strata probe -o yaml` wrote (the rest of the file is ignored).</summary>
public static class HostFileLoader
{
    private static readonly string[] HostKeys = ["kvm", "cgroup_v2", "gpu", "io_uring"];

    public static (ImmutableSortedDictionary<string, bool>? Host, ImmutableArray<Diagnostic> Diagnostics) Load(string path)
    {
        var diagnostics = new List<Diagnostic>();
        if (!File.Exists(path))
        {
            return (null, [new(new(path, 1, 1), Severity.Error, DiagnosticCodes.Io, $"there is no host file '{path}' (write one with 'strata probe -o yaml > {path}', or use --host local)")]);
        }
        var root = YamlDocumentReader.Read(path, YamlFile.ReadLimited(path), YamlLimits.Default, diagnostics);
        var r = new FileReader(path, diagnostics);
        if (root is not YamlMapping m || m.Entries.FirstOrDefault(e => e.Key.Value == "host").Value is not { } hostNode)
        {
            if (root is not null)
            {
                r.Error(root, DiagnosticCodes.MissingField, "a host file needs a 'host:' block (kvm, cgroup_v2, gpu, io_uring)");
            }
            return (null, [.. diagnostics]);
        }
        var host = ImmutableSortedDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
        if (r.Map(hostNode, "host", HostKeys) is { } hm)
        {
            foreach (var k in hm.Keys)
            {
                if (r.Bool(hm[k], $"host.{k}") is { } b)
                {
                    host[k] = b;
                }
            }
        }
        return diagnostics.Any(d => d.Severity == Severity.Error) ? (null, [.. diagnostics]) : (host.ToImmutable(), [.. diagnostics]);
    }
}
