using BenchmarkDotNet.Attributes;
using Strata.Engine.Robustness;

namespace Strata.Benchmarks;

/// <summary>
/// First-rank acceptability over 100,000 stacks of 5 layers drawn from 1,000 technologies (200 per layer) with 10
/// criteria, every technology's figure drawn independently within its range in every sample (10,000 draws per sample).
/// Baseline: the plain scalar reference, one thread, one sample and one stack at a time; against it, the block kernel
/// on both cores. Same draws, same tallies.
/// </summary>
[MemoryDiagnoser]
public class AcceptabilityBenchmarks
{
    public const int Stacks = 100_000;
    public const int Technologies = 1_000;
    public const int Layers = 5;
    public const int Criteria = 10;
    private float[] _low = [];
    private float[] _width = [];
    private int[] _stacks = [];
    private RangeSampleModel _model = null!;
    private readonly float[] _weights = Enumerable.Range(1, Criteria).Select(i => (float)i).ToArray();

    [Params(1_000)]
    public int Samples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(1);
        _low = new float[Technologies * Criteria];
        _width = new float[Technologies * Criteria];
        for (var i = 0; i < _low.Length; i++)
        {
            // One figure in ten is missing: drawn over the whole scale.
            (_low[i], _width[i]) = r.Next(10) == 0 ? (0f, 1f) : ((float)r.NextDouble() * 0.8f, (float)r.NextDouble() * 0.2f);
        }
        _stacks = new int[Stacks * Layers];
        var perLayer = Technologies / Layers;
        for (var s = 0; s < Stacks; s++)
        {
            for (var l = 0; l < Layers; l++)
            {
                _stacks[s * Layers + l] = l * perLayer + r.Next(perLayer);
            }
        }
        _model = new RangeSampleModel(_low, _width, _weights, 0.2f);
    }

    [Benchmark(Baseline = true, Description = "scalar reference, one thread")]
    public int Reference() => LargeScaleAcceptability.FirstRankCountsReference(_low, _width, _weights, _stacks, Stacks, Samples, 42, 0.2f)[0];

    [Benchmark(Description = "block kernel, both cores")]
    public int Kernel() => LargeScaleAcceptability.FirstRankCounts(_model, _stacks, Stacks, Samples, 42)[0];
}

/// <summary>The target: 10,000 samples over 100,000 stacks x 10 criteria (5 layers, 1,000 technologies), independent draws, in at most 2 s.</summary>
[MemoryDiagnoser]
public class AcceptabilityAtScaleBenchmarks
{
    private readonly AcceptabilityBenchmarks _inner = new() { Samples = 10_000 };

    [GlobalSetup]
    public void Setup() => _inner.Setup();

    [Benchmark(Description = "block kernel, 10,000 samples x 100,000 stacks x 10 criteria, independent draws")]
    public int Kernel() => _inner.Kernel();
}
