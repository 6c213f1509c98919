using System.Globalization;
using System.Text;
using Strata.Catalog.Loading;
using Strata.Model.Entities;
using Strata.Model.Quantities;

namespace Strata.Catalog.Synthetic;

/// <summary>
/// Writes a synthetic catalogue for scale tests: N technologies spread over the five core layers,
/// each with a realistic spread of figures (log-uniform startups and memory, ranges and bounds,
/// isolation classes, architectures, maturity) and a sprinkling of requires/excludes rules. It extends
/// the bundled catalogue, so its vocabulary, layers and criteria apply, and states a figure for every fact a
/// criterion of that catalogue reads on the technology's layer (drawn over the term's own scale), so that a
/// synthetic catalogue is as complete as a curated one and a search over it is not a search over unknowns.
/// Every figure is marked as synthetic in its provenance. The same seed writes the same files.
/// </summary>
public static class SyntheticCatalog
{
    private static readonly string[] Layers = ["orchestration", "runtime", "datastore", "network", "policy"];
    private static readonly string[] Isolation = ["container", "wasm", "sandbox", "microvm", "vm"];
    private static readonly string[] Cncf = ["graduated", "incubating", "sandbox", "not-cncf"];
    private static readonly string[] Policy = ["none", "basic", "full", "l7"];

    public static int Write(string directory, int technologies, int seed) =>
        Write(directory, technologies, seed, CatalogLoader.LoadBundled().Catalog
            ?? throw new InvalidOperationException("The bundled catalogue does not load."));

    /// <summary>Writes the catalogue; <paramref name="basis"/> is the catalogue it extends (the bundled one), whose criteria say which facts to state.</summary>
    public static int Write(string directory, int technologies, int seed, Strata.Model.Entities.Catalog basis)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(technologies, Layers.Length);
        ArgumentNullException.ThrowIfNull(basis);
        var terms = basis.Criteria.SelectMany(c => c.Value).Where(Stated).ToList();
        var random = new Random(seed);
        Directory.CreateDirectory(Path.Combine(directory, "technologies"));
        Directory.CreateDirectory(Path.Combine(directory, "rules"));
        File.WriteAllText(Path.Combine(directory, "catalog.yaml"),
            $"name: synthetic-{technologies}-{seed}\nversion: 0.0.0\nsummary: \"Synthetic catalogue for scale tests: {technologies} technologies, seed {seed}.\"\nextends: bundled\n");
        var ids = new List<(string Id, string Layer)>();
        for (var i = 0; i < technologies; i++)
        {
            var layer = Layers[i % Layers.Length];
            var id = $"synth-{layer}-{i / Layers.Length:D4}";
            ids.Add((id, layer));
            File.WriteAllText(Path.Combine(directory, "technologies", id + ".yaml"), Technology(id, layer, random, seed, terms, basis.Vocabulary));
        }
        // About one technology in twenty requires or excludes one of another layer.
        var rules = 0;
        foreach (var (id, layer) in ids.Where(_ => random.NextDouble() < 0.05).ToList())
        {
            var others = ids.Where(x => x.Layer != layer).ToList();
            var kind = random.NextDouble() < 0.5 ? "requires" : "excludes";
            var partners = Enumerable.Range(0, kind == "requires" ? 1 + random.Next(Math.Max(1, technologies / 20)) : 1 + random.Next(3))
                .Select(_ => others[random.Next(others.Count)].Id).Distinct().Order(StringComparer.Ordinal);
            File.WriteAllText(Path.Combine(directory, "rules", $"synth-rule-{rules:D4}.yaml"),
                $"id: synth-rule-{rules:D4}\nkind: {kind}\nsubject: {id}\nany_of: [{string.Join(", ", partners)}]\n{Provenance("rule", seed)}");
            rules++;
        }
        return rules;
    }

    private static string Provenance(string what, int seed) =>
        $"source: {{ url: \"https://example.org/strata-synthetic/{what}\", conditions: \"synthetic figure, seed {seed}\", grade: vendor }}\n";

    /// <summary>A term that reads one technology's own fact on a scale a figure can be drawn on (not a composed scope, a capability or a seed rating).</summary>
    private static bool Stated(ValueTerm term) =>
        term.Scope is null && term.Capability is null && !term.Preferences && !term.SeedOnly && term.Fact.Length > 0
        && term.Scale is ScaleKind.Log or ScaleKind.Linear or ScaleKind.Ordinal or ScaleKind.Bool or ScaleKind.Boundaries
        && (term.Scale is not (ScaleKind.Log or ScaleKind.Linear) || (term.Best is { } best && term.Worst is { } worst && best.Dimension == worst.Dimension));

    private static string Technology(string id, string layer, Random random, int seed, IReadOnlyList<ValueTerm> terms, Vocabulary vocabulary)
    {
        var sb = new StringBuilder();
        var stated = new HashSet<(string Fact, string? Measures)>();
        sb.Append(CultureInfo.InvariantCulture, $"id: {id}\nname: {id}\nlayer: {layer}\nsummary: \"Synthetic {layer} technology.\"\nfacts:\n");
        var src = $"source: {{ url: \"https://example.org/strata-synthetic/{id}\", conditions: \"synthetic figure, seed {seed}\", grade: vendor }}";
        void Fact(string name, string value, string? measures = null)
        {
            stated.Add((name, measures));
            sb.Append(CultureInfo.InvariantCulture, $"  - {{ name: {name}, {(measures is null ? "" : $"measures: {measures}, ")}value: {value}, {src} }}\n");
        }
        string LogUniform(double low, double high, string unit)
        {
            var v = Math.Exp(Math.Log(low) + random.NextDouble() * (Math.Log(high) - Math.Log(low)));
            return random.Next(3) switch
            {
                0 => Num(v) + unit,
                1 => $"{Num(v)}{unit}..{Num(v * (1.2 + random.NextDouble()))}{unit}",
                _ => $"\"< {Num(v * 1.5)}{unit}\"",
            };
        }
        Fact("architectures", random.NextDouble() < 0.7 ? "[x86_64, arm64]" : "[x86_64]");
        Fact("maturity-rating", (1 + random.Next(5)).ToString(CultureInfo.InvariantCulture));
        Fact("cncf-level", Cncf[random.Next(Cncf.Length)]);
        switch (layer)
        {
            case "runtime":
                Fact("isolation", Isolation[random.Next(Isolation.Length)]);
                Fact("startup", LogUniform(1, 5000, "ms"), "runtime-create-start");
                Fact("memory-overhead", LogUniform(1, 500, "MiB"), "runtime-per-workload");
                Fact("added-latency", LogUniform(0.05, 20, "ms"), "request");
                Fact("workload-formats", random.NextDouble() < 0.8 ? "[oci]" : "[wasm]");
                Fact("kernel-features", random.NextDouble() < 0.6 ? "[epoll, io_uring]" : "[epoll]");
                Fact("performance-rating", (1 + random.Next(5)).ToString(CultureInfo.InvariantCulture));
                break;
            case "orchestration":
                Fact("control-plane-memory", LogUniform(100, 4000, "MiB"), "server-with-workload");
                Fact("node-range", $"1..{(int)Math.Exp(Math.Log(10) + random.NextDouble() * Math.Log(1000))}", "supported-limit");
                Fact("offline-capable", random.NextDouble() < 0.5 ? "true" : "false");
                Fact("ha", random.NextDouble() < 0.7 ? "true" : "false");
                Fact("control-plane-cpus", $"{1 + random.Next(4)}cores", "minimum-requirement");
                break;
            case "datastore":
                Fact("datastore-latency", LogUniform(0.05, 20, "ms"), "datastore-request");
                Fact("node-range", $"1..{(int)Math.Exp(random.NextDouble() * Math.Log(20000))}", "supported-limit");
                Fact("ha", random.NextDouble() < 0.6 ? "true" : "false");
                break;
            case "network":
                Fact("network-policy", Policy[random.Next(Policy.Length)]);
                Fact("performance-rating", (1 + random.Next(5)).ToString(CultureInfo.InvariantCulture));
                Fact("config-simplicity", (1 + random.Next(5)).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                Fact("policy-eval-latency", LogUniform(0.5, 100, "ms"), "policy-evaluation");
                Fact("policy-memory", LogUniform(2, 500, "MiB"), "process-rss");
                break;
        }
        // Every other fact a criterion reads on this layer, drawn over the term's range (best to worst, or its ordinal values).
        foreach (var term in terms.Where(t => t.Reads(layer)))
        {
            var measures = term.Measures.IsDefaultOrEmpty ? null : term.Measures[0];
            if (stated.Any(s => s.Fact == term.Fact && (s.Measures == measures || s.Measures is null || measures is null)))
            {
                continue;
            }
            switch (term.Scale)
            {
                case ScaleKind.Bool:
                    Fact(term.Fact, random.NextDouble() < 0.5 ? "true" : "false", measures);
                    break;
                case ScaleKind.Ordinal:
                    Fact(term.Fact, term.Values.Keys.ElementAt(random.Next(term.Values.Count)), measures);
                    break;
                case ScaleKind.Boundaries:
                    var boundaries = vocabulary.IsolationBoundaries.Keys.Where(_ => random.NextDouble() < 0.4).ToList();
                    Fact(term.Fact, $"[{string.Join(", ", boundaries.Count > 0 ? boundaries : [vocabulary.IsolationBoundaries.Keys.First()])}]", measures);
                    break;
                default:
                    Fact(term.Fact, Between(term.Best!.Value, term.Worst!.Value, term.Scale == ScaleKind.Log, 1), measures);
                    break;
            }
        }
        // The parts of each scope's first way that this layer gives (a node's footprint: the orchestrator's server, the CNI's
        // daemon), each a share of the scope's range, so that composed figures are complete too.
        foreach (var scope in vocabulary.Scopes.Values.Where(s => s.Best is not null && s.Worst is not null && !s.Ways.IsDefaultOrEmpty))
        {
            var parts = scope.Ways[0].Parts;
            foreach (var part in parts.Where(p => p.Layer == layer && !p.Measures.IsDefaultOrEmpty))
            {
                if (!stated.Contains((scope.Fact, part.Measures[0])))
                {
                    Fact(scope.Fact, Between(scope.Best!.Value, scope.Worst!.Value, log: true, parts.Length), part.Measures[0]);
                }
            }
        }
        // Capabilities of the layer, each with even odds; what is not listed the technology does not have (closed world).
        var capabilities = vocabulary.Capabilities.Values.Where(c => c.Layer == layer && random.NextDouble() < 0.5).Select(c => c.Id);
        Fact("capabilities", $"[{string.Join(", ", capabilities)}]");
        return sb.ToString();

        // A figure between best and worst (log-uniform or uniform), in best's unit, divided among this many parts.
        string Between(Quantity best, Quantity worst, bool log, int shares)
        {
            var other = worst.BaseValue / best.Unit.Factor;
            var (low, high) = (Math.Min(best.Magnitude, other), Math.Max(best.Magnitude, other));
            var value = (log && low > 0 ? Math.Exp(Math.Log(low) + random.NextDouble() * (Math.Log(high) - Math.Log(low))) : low + random.NextDouble() * (high - low)) / shares;
            var unit = best.Unit.Symbol;
            return unit.Length == 0 ? Math.Max(1, Math.Round(value)).ToString(CultureInfo.InvariantCulture) : Num(value) + unit;
        }
    }

    private static string Num(double v) => Math.Round(v, v < 10 ? 2 : 0).ToString("0.##", CultureInfo.InvariantCulture);
}
