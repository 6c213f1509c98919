using BenchmarkDotNet.Attributes;
using Strata.Catalog.Loading;
using Strata.Catalog.Profiles;
using Strata.Engine;
using Strata.Model.Entities;

namespace Strata.Benchmarks;

/// <summary>
/// Deciding on a profile, as a ratio against loading the catalogue it decides on (the fixed cost
/// every command pays). Edge: 384 combinations; online gaming: 35,100 combinations over 8 layers.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private Model.Entities.Catalog _catalog = null!;
    private Profile _edge = null!;
    private Profile _gaming = null!;
    private IReadOnlyList<CatalogFile> _files = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = CatalogSource.Bundled.Files();
        _catalog = CatalogLoader.Load(_files, Catalog.Yaml.YamlLimits.Default).Catalog!;
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Strata.slnx")))
        {
            root = Path.GetDirectoryName(root)!;
        }
        _edge = ProfileLoader.Load(Path.Combine(root, "examples", "edge.yaml"), _catalog).Profile!;
        _gaming = ProfileLoader.FromScenario(_catalog.Scenario("online-gaming")!);
    }

    [Benchmark(Baseline = true, Description = "load the bundled catalogue")]
    public int LoadCatalogue() => CatalogLoader.Load(_files, Catalog.Yaml.YamlLimits.Default).Catalog!.Technologies.Length;

    [Benchmark(Description = "decide examples/edge.yaml")]
    public int DecideEdge() => new DecisionEngine(_catalog).Decide(_edge).Ranking.Length;

    [Benchmark(Description = "decide online-gaming (35,100 combinations)")]
    public int DecideGaming() => new DecisionEngine(_catalog).Decide(_gaming).Ranking.Length;
}
