using System.Globalization;
using System.Text;
using System.Text.Json;
using Strata.Engine.Evidence;
using Strata.Fleet.Classes;
using Strata.Fleet.Inventory;
using Strata.Fleet.Planning;
using Strata.Model.Facts;

namespace Strata.Fleet.Output;

/// <summary>
/// What Kubernetes needs to run the plan: a RuntimeClass (node.k8s.io/v1) per chosen runtime, scheduled onto the
/// nodes labelled <c>strata.dev/runtime=ID</c>, and the label plan that puts those labels on, as a <c>kubectl label</c>
/// script and as JSON merge patches. The label plan is written as the nodes are planned; a node already labelled
/// as planned is left out, and a node that gets no runtime loses a stale label.
/// </summary>
public sealed class Manifests : IFleetSink, IDisposable
{
    public const string ScriptName = "label-nodes.sh";
    public const string PatchesName = "label-patches.json";
    private const int NamesPerCommand = 50;

    private readonly AtomicFiles _files;
    private readonly string _directory;
    private readonly StreamWriter _script;
    private readonly Utf8JsonWriter _patches;
    private readonly Dictionary<string, List<string>> _batches = new(StringComparer.Ordinal);
    private readonly List<string> _unlabel = [];

    public Manifests(AtomicFiles files, string directory)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = files;
        _directory = directory;
        _script = new StreamWriter(files.Create(Path.Combine(directory, ScriptName)), new UTF8Encoding(false)) { NewLine = "\n" };
        _script.WriteLine("#!/bin/sh");
        _script.WriteLine("# Written by strata fleet plan: labels each node with the runtime planned for it (the RuntimeClasses' nodeSelector).");
        _script.WriteLine("set -eu");
        _patches = new Utf8JsonWriter(files.Create(Path.Combine(directory, PatchesName)), new JsonWriterOptions { Indented = false });
        _patches.WriteStartArray();
    }

    public long Labelled { get; private set; }

    public void Node(NodeRecord node, NodeFacts facts, NodeClass nodeClass)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(nodeClass);
        var runtime = nodeClass.Runtime is { } r && RuntimeHandlers.For(r) is not null ? r : null;
        node.Labels.TryGetValue(LabelKeys.Runtime, out var current);
        if (runtime == current)
        {
            return;
        }
        Labelled++;
        _patches.WriteStartObject();
        _patches.WriteString("node", node.Name);
        _patches.WriteStartObject("patch");
        _patches.WriteStartObject("metadata");
        _patches.WriteStartObject("labels");
        if (runtime is null)
        {
            _patches.WriteNull(LabelKeys.Runtime);
        }
        else
        {
            _patches.WriteString(LabelKeys.Runtime, runtime);
        }
        _patches.WriteEndObject();
        _patches.WriteEndObject();
        _patches.WriteEndObject();
        _patches.WriteEndObject();
        if (_patches.BytesPending > 1 << 16)
        {
            _patches.Flush();
        }
        var batch = runtime is null ? _unlabel : (_batches.TryGetValue(runtime, out var b) ? b : _batches[runtime] = []);
        batch.Add(node.Name);
        if (batch.Count == NamesPerCommand)
        {
            Flush(runtime, batch);
        }
    }

    private void Flush(string? runtime, List<string> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }
        _script.Write("kubectl label --overwrite nodes");
        foreach (var name in batch)
        {
            _script.Write(' ');
            _script.Write(Quote(name));
        }
        _script.WriteLine(runtime is null ? $" {LabelKeys.Runtime}-" : $" {LabelKeys.Runtime}={runtime}");
        batch.Clear();
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Ends the label plan and writes one RuntimeClass per runtime the plan chose; returns their file names.</summary>
    public IReadOnlyList<string> Finish(FleetPlan plan, Model.Entities.Catalog catalog, string evidence)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var (runtime, batch) in _batches.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Flush(runtime, batch);
        }
        Flush(null, _unlabel);
        _script.Flush();
        _patches.WriteEndArray();
        _patches.Flush();
        var selector = FactSelector.For(evidence);
        var names = new List<string>();
        foreach (var group in plan.Classes.Where(c => c.Runtime is not null).GroupBy(c => c.Runtime!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (RuntimeHandlers.For(group.Key) is not { } handler || catalog.Technology(group.Key) is not { } tech)
            {
                continue;
            }
            var members = group.SelectMany(c => c.Stack!.TechnologyIds).ToHashSet(StringComparer.Ordinal);
            var overhead = selector.Select(tech, "memory-overhead", ["pod-overhead-declared"], members)
                ?? selector.Select(tech, "memory-overhead", ["per-pod-resident"], members);
            var file = $"runtimeclass-{group.Key}.yaml";
            using (var stream = _files.Create(Path.Combine(_directory, file)))
            using (var w = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                WriteRuntimeClass(w, group.Key, handler, overhead, group.Sum(c => c.Nodes), [.. group.Select(c => c.Id)]);
            }
            names.Add(file);
        }
        return names;
    }

    /// <summary>One RuntimeClass as YAML; overhead.podFixed.memory is the catalogue figure's upper end, rounded up to a MiB.</summary>
    public static void WriteRuntimeClass(TextWriter w, string runtime, RuntimeHandlers.Handler handler, Fact? overhead, long nodes, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(classes);
        var memory = overhead?.Value is EstimateValue e ? (long?)Math.Ceiling(FactSelector.Upper(e.Estimate) / (1024 * 1024)) : null;
        w.WriteLine($"# Written by strata fleet plan: the runtime planned for {nodes.ToString(CultureInfo.InvariantCulture)} {(nodes == 1 ? "node" : "nodes")} ({(classes.Count == 1 ? "class" : "classes")} {string.Join(", ", classes)}).");
        w.WriteLine("apiVersion: node.k8s.io/v1");
        w.WriteLine("kind: RuntimeClass");
        w.WriteLine("metadata:");
        w.WriteLine($"  name: {runtime}");
        w.WriteLine("  labels:");
        w.WriteLine("    app.kubernetes.io/managed-by: strata");
        w.WriteLine("  annotations:");
        w.WriteLine($"    strata.dev/technology: {Yaml(runtime)}");
        w.WriteLine($"    strata.dev/handler-source: {Yaml(handler.Source.ToString())}");
        if (overhead is not null && memory is not null)
        {
            w.WriteLine($"    strata.dev/overhead-figure: {Yaml($"{overhead.Value.Display()} ({overhead.Measures ?? "unspecified"})")}");
            w.WriteLine($"    strata.dev/overhead-source: {Yaml(overhead.Provenance.Cite())}");
        }
        else
        {
            w.WriteLine($"    strata.dev/overhead-figure: {Yaml("unknown: the catalogue has no per-pod memory figure for " + runtime)}");
        }
        w.WriteLine($"    strata.dev/overhead-cpu: {Yaml("not set: the catalogue has no per-pod CPU figure")}");
        w.WriteLine($"handler: {handler.Name}");
        if (memory is { } mib)
        {
            w.WriteLine("overhead:");
            w.WriteLine("  podFixed:");
            w.WriteLine($"    memory: {mib.ToString(CultureInfo.InvariantCulture)}Mi");
        }
        w.WriteLine("scheduling:");
        w.WriteLine("  nodeSelector:");
        w.WriteLine($"    {LabelKeys.Runtime}: {runtime}");
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Yaml(string s) => JsonSerializerEscape(s);

    private static string JsonSerializerEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                < ' ' => sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => sb.Append(c),
            };
        }
        return sb.Append('"').ToString();
    }

    public void Dispose()
    {
        _script.Dispose();
        _patches.Dispose();
    }
}
