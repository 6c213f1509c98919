using BenchmarkDotNet.Attributes;
using Strata.Catalog.Loading;
using Strata.Catalog.Profiles;
using Strata.Catalog.Synthetic;
using Strata.Engine;
using Strata.Engine.Robustness;
using Strata.Model.Entities;

namespace Strata.Benchmarks;

/// <summary>
/// Scale: a synthetic catalogue of 1,000 technologies over the five core layers (3.6e11
/// combinations). Baseline: loading that catalogue. Branch and bound finds the best 20 exactly.
/// </summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private string _dir = "";
    private Model.Entities.Catalog _catalog = null!;
    private Profile _profile = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "strata-bench-synth");
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
        SyntheticCatalog.Write(_dir, 1000, 1);
        _catalog = CatalogLoader.LoadDirectory(_dir).Catalog!;
        _profile = ProfileLoader.Parse("p.yaml", "profile: p\nlayers: [orchestration, runtime, datastore, network, policy]\nweights: { startup: 0.3, resources: 0.3, performance: 0.2, maturity: 0.2 }\n", _catalog).Profile!;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Baseline = true, Description = "load the 1,000-technology catalogue")]
    public int Load() => CatalogLoader.LoadDirectory(_dir).Catalog!.Technologies.Length;

    [Benchmark(Description = "decide: branch and bound, best 20 of 3.6e11")]
    public int Decide() => new DecisionEngine(_catalog).Decide(_profile).Ranking.Length;
}

/// <summary>Monte Carlo acceptability as recommend runs it, against the decision it analyses.</summary>
[MemoryDiagnoser]
public class RobustnessBenchmarks
{
    private Model.Entities.Catalog _catalog = null!;
    private Engine.Decisions.Decision _decision = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = CatalogLoader.LoadBundled().Catalog!;
        _decision = new DecisionEngine(_catalog).Decide(ProfileLoader.FromScenario(_catalog.Scenario("online-gaming")!));
    }

    [Benchmark(Baseline = true, Description = "weight stability, Pareto, TOPSIS over all feasible stacks")]
    public int Deterministic() => new DecisionEngine(_catalog).Analyse(_decision, new RobustnessOptions(Samples: 0)).WeightStability.Length;

    [Benchmark(Description = "+ Monte Carlo, 2,000 samples x top 20")]
    public double MonteCarlo20() => new DecisionEngine(_catalog).Analyse(_decision, new RobustnessOptions(Samples: 2000)).MonteCarlo!.WinnerConfidence;

    [Benchmark(Description = "+ Monte Carlo, 10,000 samples x top 200")]
    public double MonteCarlo200() => new DecisionEngine(_catalog).Analyse(_decision, new RobustnessOptions(Samples: 10_000, Candidates: 200)).MonteCarlo!.WinnerConfidence;
}
