using BenchmarkDotNet.Attributes;
using Strata.Catalog.Loading;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;
using Strata.Model.Quantities;

namespace Strata.Benchmarks;

/// <summary>
/// Loading the bundled catalogue, as a ratio against the baseline: YamlDotNet parsing the same
/// files into its own representation model with no checks. The ratio is the price of Strata's
/// limits, typed reading and cross-file checks.
/// </summary>
[MemoryDiagnoser]
public class CatalogLoadBenchmarks
{
    private IReadOnlyList<CatalogFile> _files = [];

    [GlobalSetup]
    public void Setup() => _files = CatalogSource.Bundled.Files();

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

    [Benchmark(Description = "Full catalogue load (read, type, cross-check, digest)")]
    public int FullLoad() => CatalogLoader.Load(_files, YamlLimits.Default).Catalog!.Technologies.Length;
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
