using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Strata.Catalog.Loading;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;
using Strata.Model.Quantities;

namespace Strata.Benchmarks;

/// <summary>
/// Loading the bundled catalogue, as a ratio against the baseline: YamlDotNet parsing the same
/// files into its own representation model with no checks. The ratio is the price of Strata's
/// limits, typed reading and cross-file checks.
/// <para>
/// Two jobs, because a command runs each of these once. "first call" is a new process per
/// measurement and one call, JIT included: what <c>dotnet run</c> and the framework-dependent tool
/// pay (the Native AOT binary's cost is in bench/whole-process.sh). "steady state" is the usual
/// BenchmarkDotNet figure after tier-1 recompilation with PGO, which no CLI run reaches: it once
/// reported 12 ms for a load that took 87-117 ms even the third time in one process. The files
/// are read inside each call (resources included), as a command reads them.
/// </para>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 15, warmupCount: 0, iterationCount: 1, id: "first call")]
[SimpleJob(RunStrategy.Throughput, id: "steady state")]
public class CatalogLoadBenchmarks
{
    private IReadOnlyList<CatalogFile> _files = [];

    // The files as text, for the two parse-only benchmarks; read without running any Strata code, so the
    // first-call job's JIT costs fall inside the benchmark that pays them.
    [GlobalSetup]
    public void Setup()
    {
        var asm = typeof(CatalogLoader).Assembly;
        _files = [.. asm.GetManifestResourceNames().Where(n => n.StartsWith("catalog/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n => new CatalogFile(n, n["catalog/".Length..], new StreamReader(asm.GetManifestResourceStream(n)!).ReadToEnd()))];
    }

    [Benchmark(Baseline = true, Description = "YamlDotNet RepresentationModel parse (no checks)")]
    public int YamlDotNetParseOnly()
    {
        var nodes = 0;
        foreach (var f in _files)
        {
            var stream = new YamlDotNet.RepresentationModel.YamlStream();
            stream.Load(new StringReader(f.Text));
            nodes += stream.Documents.Count;
        }
        return nodes;
    }

    [Benchmark(Description = "Strata YAML reader with limits")]
    public int StrataYamlReader()
    {
        var diagnostics = new List<Diagnostic>();
        var n = 0;
        foreach (var f in _files)
        {
            n += YamlDocumentReader.Read(f.DisplayPath, f.Text, YamlLimits.Default, diagnostics) is null ? 0 : 1;
        }
        return n;
    }

    [Benchmark(Description = "Full bundled catalogue load, as a command does it (resources, read, type, cross-check, digest)")]
    public int FullLoad() => CatalogLoader.LoadBundled().Catalog!.Technologies.Length;
}

/// <summary>Quantity parsing against double.Parse of the bare number as the baseline.</summary>
[MemoryDiagnoser]
public class QuantityParseBenchmarks
{
    private static readonly string[] Inputs = ["12ms", "6ms..60ms", "< 125ms", "~250MB", "512MiB", ">= 110000", "150/s", "98%"];
    private static readonly string[] Numbers = ["12", "6", "125", "250", "512", "110000", "150", "98"];

    [Benchmark(Baseline = true)]
    public double DoubleParse()
    {
        var sum = 0.0;
        foreach (var s in Numbers)
        {
            sum += double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        }
        return sum;
    }

    [Benchmark]
    public double ParseEstimate()
    {
        var sum = 0.0;
        foreach (var s in Inputs)
        {
            sum += QuantityParser.ParseEstimate(s).Value.Central;
        }
        return sum;
    }
}
