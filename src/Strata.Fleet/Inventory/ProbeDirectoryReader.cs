using System.Globalization;
using Strata.Catalog.Profiles;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;

namespace Strata.Fleet.Inventory;

/// <summary>
/// A directory of files <c>strata probe -o yaml</c> wrote, one node a file: the file's name without <c>.yaml</c> (or
/// <c>.yml</c>) is the node's name, and the files are read in ordinal name order, so the same directory plans the same
/// way on every machine. A file gives what the probe found: its <c>host:</c> block (kvm, cgroup_v2, io_uring, gpu, each
/// only where the probe wrote it: an unknown kvm is a comment there, and stays unknown evidence here) and the
/// <c>probe:</c> facts arch, cpus, memory and kernel. The probe does not say whether the host runs the control plane, so
/// the role is unknown and the node is decided as the profile says. Only the file names are held (one string a node);
/// each file is read, at most <see cref="InventoryLimits.MaxNodeBytes"/> of it, when its turn comes.
/// </summary>
internal sealed class ProbeDirectoryReader : INodeSource
{
    private readonly string[] _files;
    private readonly InventoryLimits _limits;
    private int _next;

    public ProbeDirectoryReader(string directory, InventoryLimits limits)
    {
        _limits = limits;
        _files = [.. Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
        if (_files.Length == 0)
        {
            Errors.Add(new InventoryError(0, "the directory has no .yaml or .yml file (write one a node with 'strata probe -o yaml > NODE.yaml')")
            {
                Line = 1,
                Column = 1,
                File = directory,
            });
        }
    }

    public List<InventoryError> Errors { get; } = [];

    public long Position { get; private set; }

    public string Format => "probe directory";

    public bool TryRead(out NodeRecord? node)
    {
        node = null;
        while (_next < _files.Length && Errors.Count < _limits.MaxErrors)
        {
            var file = _files[_next];
            var index = _next++;
            if (Read(file, index) is { } read)
            {
                node = read;
                return true;
            }
        }
        return false;
    }

    private NodeRecord? Read(string file, int index)
    {
        var info = new FileInfo(file);
        Position += info.Exists ? info.Length : 0;
        if (info.Length > _limits.MaxNodeBytes)
        {
            Error(file, 1, 1, $"the file is {info.Length.ToString(CultureInfo.InvariantCulture)} bytes, more than a probe file's limit of {_limits.MaxNodeBytes.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        var (host, hostDiagnostics) = HostFileLoader.Load(file);
        var diagnostics = new List<Diagnostic>(hostDiagnostics);
        var root = host is null ? null : YamlDocumentReader.Read(file, YamlFile.ReadLimited(file), YamlLimits.Default with { MaxFileBytes = _limits.MaxNodeBytes }, diagnostics);
        foreach (var d in diagnostics.Where(d => d.Severity == Severity.Error))
        {
            Error(file, d.Location.Line, d.Location.Column, d.Message);
        }
        if (host is null || root is not YamlMapping map || diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return null;
        }
        var name = Path.GetFileNameWithoutExtension(file);
        if (name.Length > _limits.MaxStringLength)
        {
            Error(file, 1, 1, $"the node name (the file's name) is longer than {_limits.MaxStringLength.ToString(CultureInfo.InvariantCulture)} characters");
            return null;
        }
        var node = new NodeRecord(name, index, new Dictionary<string, string>(StringComparer.Ordinal))
        {
            StatedKvm = host.TryGetValue("kvm", out var kvm) ? kvm : null,
            StatedCgroupV2 = host.TryGetValue("cgroup_v2", out var cgroup) ? cgroup : null,
            StatedIoUring = host.TryGetValue("io_uring", out var ioUring) ? ioUring : null,
            StatedGpu = host.TryGetValue("gpu", out var gpu) ? gpu : null,
            KvmEvidence = host.ContainsKey("kvm") ? "strata probe (host.kvm)" : "strata probe could not tell (kvm unknown without --deep)",
        };
        var facts = map.Entries.FirstOrDefault(e => e.Key.Value == "probe").Value;
        if (facts is not null and not YamlSequence)
        {
            Error(file, facts.Line, facts.Column, $"'probe' should be a list of facts, not {facts.KindName}");
            return null;
        }
        foreach (var item in (facts as YamlSequence)?.Items ?? [])
        {
            if (item is not YamlMapping fact)
            {
                Error(file, item.Line, item.Column, $"a probe fact should be a mapping with name and value, not {item.KindName}");
                return null;
            }
            var factName = Scalar(fact, "name");
            var value = fact.Entries.FirstOrDefault(e => e.Key.Value == "value").Value as YamlScalar;
            if (factName is null || value is null)
            {
                continue; // a fact without a name or a scalar value says nothing planning reads
            }
            if (value.Value.Length > _limits.MaxStringLength)
            {
                Error(file, value.Line, value.Column, $"the value of '{factName}' is longer than {_limits.MaxStringLength.ToString(CultureInfo.InvariantCulture)} characters");
                return null;
            }
            switch (factName)
            {
                case "arch":
                    node.Architecture = value.Value;
                    break;
                case "cpus":
                    if (!int.TryParse(value.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        Error(file, value.Line, value.Column, $"cpus should be a whole number of CPUs, not '{value.Value}'");
                        return null;
                    }
                    node.CapacityCpu = value.Value;
                    break;
                case "memory":
                    // The probe writes MemTotal as whole mebibytes ("24105MiB"); Kubernetes spells the unit Mi.
                    if (!value.Value.EndsWith("MiB", StringComparison.Ordinal)
                        || !long.TryParse(value.Value.AsSpan(0, value.Value.Length - 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        Error(file, value.Line, value.Column, $"memory should be whole mebibytes as the probe writes it (24105MiB), not '{value.Value}'");
                        return null;
                    }
                    node.CapacityMemory = value.Value[..^1];
                    break;
                case "kernel":
                    node.KernelVersion = value.Value;
                    break;
            }
        }
        return node;
    }

    private static string? Scalar(YamlMapping map, string key) =>
        map.Entries.FirstOrDefault(e => e.Key.Value == key).Value is YamlScalar { IsNull: false } s ? s.Value : null;

    private void Error(string file, int line, int column, string message) =>
        Errors.Add(new InventoryError(0, message) { Line = Math.Max(1, line), Column = Math.Max(1, column), File = file });

    public void Dispose()
    {
    }
}
