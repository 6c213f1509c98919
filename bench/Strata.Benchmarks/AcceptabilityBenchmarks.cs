using BenchmarkDotNet.Attributes;
using Strata.Engine.Robustness;

namespace Strata.Benchmarks;

/// <summary>
/// First-rank acceptability over 100,000 stacks x 10 criteria. Baseline: the straightforward scalar
/// loop over samples and stacks; against it, the SIMD block kernel on both cores. Same samples, same result.
/// </summary>
[MemoryDiagnoser]
public class AcceptabilityBenchmarks
{
    private const int Stacks = 100_000;
    private const int Criteria = 10;
    private float[] _low = [];
    private float[] _width = [];
    private readonly float[] _weights = Enumerable.Range(1, Criteria).Select(i => (float)i).ToArray();

    [Params(1_000)]
    public int Samples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(1);
        _low = new float[Stacks * Criteria];
        _width = new float[Stacks * Criteria];
        for (var i = 0; i < _low.Length; i++)
        {
            _low[i] = (float)r.NextDouble() * 0.8f;
            _width[i] = (float)r.NextDouble() * 0.2f;
        }
    }

    [Benchmark(Baseline = true, Description = "scalar loop")]
    public int Naive() => LargeScaleAcceptability.FirstRankCountsNaive(_low, _width, Stacks, _weights, Samples, 42, 0.2f)[0];

    [Benchmark(Description = "SIMD blocks, both cores")]
    public int Simd() => LargeScaleAcceptability.FirstRankCounts(_low, _width, Stacks, _weights, Samples, 42, 0.2f)[0];
}

/// <summary>The target: 10,000 samples over 100,000 stacks x 10 criteria in at most 2 s.</summary>
[MemoryDiagnoser]
public class AcceptabilityAtScaleBenchmarks
{
    private readonly AcceptabilityBenchmarks _inner = new() { Samples = 10_000 };

    [GlobalSetup]
    public void Setup() => _inner.Setup();

    [Benchmark(Description = "SIMD blocks, 10,000 samples x 100,000 stacks x 10 criteria")]
    public int Simd() => _inner.Simd();
}
