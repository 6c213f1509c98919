using System.Collections.Immutable;
using Strata.Catalog.Reading;
using Strata.Catalog.Yaml;
using Strata.Model.Conditions;
using Strata.Model.Diagnostics;

namespace Strata.Catalog.Profiles;

/// <summary>Reads the <c>host:</c> block of a file `strata probe -o yaml` wrote (the rest of the file is ignored).</summary>
public static class HostFileLoader
{
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
                r.Error(root, DiagnosticCodes.MissingField, $"a host file needs a 'host:' block ({string.Join(", ", ProfileFields.HostKeys)})");
            }
            return (null, [.. diagnostics]);
        }
        var host = ReadBlock(r, hostNode);
        return diagnostics.Any(d => d.Severity == Severity.Error) ? (null, [.. diagnostics]) : (host, [.. diagnostics]);
    }

    /// <summary>A <c>host:</c> block (of a host file or a profile): each known key a boolean.</summary>
    internal static ImmutableSortedDictionary<string, bool> ReadBlock(FileReader r, YamlNode? node)
    {
        var host = ImmutableSortedDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
        if (r.Map(node, "host", ProfileFields.HostKeys.ToArray()) is { } hm)
        {
            foreach (var k in hm.Keys)
            {
                if (r.Bool(hm[k], $"host.{k}") is { } b)
                {
                    host[k] = b;
                }
            }
        }
        return host.ToImmutable();
    }
}
