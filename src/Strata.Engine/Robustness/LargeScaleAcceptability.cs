using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Strata.Engine.Robustness;

/// <summary>Draws one sample's weights (any scale; they are normalised) in place of the jitter; must be safe to call from several threads.</summary>
public delegate void WeightSampler(Random random, Span<float> weights);

/// <summary>
/// Xoshiro256** seeded through SplitMix64: the figures' generator of one block of samples. A value type with a
/// fixed algorithm (System.Random's seeded algorithm is a compatibility shim, and slower than the sums it feeds).
/// </summary>
public struct BlockRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public BlockRandom(int seed)
    {
        var x = (ulong)(uint)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 24 bits, exactly representable as a float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform on [0, 1) with 53 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}

/// <summary>
/// What one block of samples draws: for every sample of the block, every unit's contribution to a stack's score (a
/// unit is what stacks share: a technology's weighted figures, or a group of a stack's terms). A stack's score in a
/// sample is the sum of its units' contributions, so the figures are drawn once per unit and sample, never per stack.
/// </summary>
public abstract class SampleModel
{
    /// <summary>How many units there are. Index <see cref="Units"/> itself is the empty unit (contributes 0), for padding rows.</summary>
    public abstract int Units { get; }

    /// <summary>A filler with its own working memory, for one thread.</summary>
    public abstract BlockFiller NewFiller();
}

/// <summary>Fills one block's contributions; one per thread, made once, so nothing is allocated per sample.</summary>
public abstract class BlockFiller
{
    /// <summary>
    /// Writes contributions[u · <see cref="LargeScaleAcceptability.Block"/> + k] for every unit u and sample k &lt; count of a
    /// block whose generators are seeded with <paramref name="seed"/>; samples k ≥ count are ignored.
    /// </summary>
    public abstract void Fill(int seed, int count, float[] contributions);
}

/// <summary>
/// The additive case: a unit is a technology with a range [low, low + width] on each criterion's 0..1 value scale; a
/// sample draws every technology's figure on every criterion independently (uniformly in its range) and weights (the
/// table's, jittered by ±spread, or from a <see cref="WeightSampler"/>), and a unit contributes Σ w·figure. A figure
/// that is missing is given the whole range it may lie in.
/// </summary>
public sealed class RangeSampleModel : SampleModel
{
    private readonly float[] _low, _width, _weights;
    private readonly float _spread;
    private readonly WeightSampler? _sampler;

    /// <param name="low">units × m row-major: each technology's figure on each criterion at the low end of its range.</param>
    /// <param name="width">units × m row-major: the width of each range.</param>
    public RangeSampleModel(float[] low, float[] width, float[] weights, float weightSpread = 0, WeightSampler? sampler = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(weights.Length);
        ArgumentOutOfRangeException.ThrowIfNotEqual(low.Length % weights.Length, 0);
        ArgumentOutOfRangeException.ThrowIfNotEqual(width.Length, low.Length);
        (_low, _width, _weights, _spread, _sampler) = (low, width, weights, weightSpread, sampler);
        Units = low.Length / weights.Length;
    }

    public override int Units { get; }

    public override BlockFiller NewFiller() => new Filler(this);

    /// <summary>
    /// One sample's normalised weights: the sampler's (drawn from <paramref name="random"/>) or the table's jittered by
    /// ±spread with uniforms from <paramref name="figures"/>. Shared with the reference so both draw the same.
    /// </summary>
    public static void DrawWeights(float[] weights, float spread, WeightSampler? sampler, Random? random, ref BlockRandom figures, Span<float> w)
    {
        if (sampler is not null)
        {
            sampler(random!, w);
        }
        else
        {
            for (var c = 0; c < w.Length; c++)
            {
                w[c] = spread == 0 ? weights[c] : weights[c] * (1 + spread * (2 * figures.NextFloat() - 1));
            }
        }
        float sum = 0;
        for (var c = 0; c < w.Length; c++)
        {
            sum += w[c];
        }
        for (var c = 0; c < w.Length; c++)
        {
            w[c] /= sum;
        }
    }

    private sealed class Filler(RangeSampleModel model) : BlockFiller
    {
        private readonly float[] _w = new float[model._weights.Length];

        public override void Fill(int seed, int count, float[] contributions)
        {
            var m = _w.Length;
            var units = model.Units;
            var figures = new BlockRandom(seed);
            var random = model._sampler is null ? null : new Random(seed);
            ref var low = ref MemoryMarshal.GetArrayDataReference(model._low);
            ref var width = ref MemoryMarshal.GetArrayDataReference(model._width);
            ref var w = ref MemoryMarshal.GetArrayDataReference(_w);
            for (var k = 0; k < count; k++)
            {
                DrawWeights(model._weights, model._spread, model._sampler, random, ref figures, _w);
                for (var t = 0; t < units; t++)
                {
                    var row = t * m;
                    float sum = 0;
                    for (var c = 0; c < m; c++)
                    {
                        var u = figures.NextFloat();
                        sum += Unsafe.Add(ref w, c) * (Unsafe.Add(ref low, row + c) + u * Unsafe.Add(ref width, row + c));
                    }
                    contributions[t * LargeScaleAcceptability.Block + k] = sum;
                }
            }
        }
    }
}

/// <summary>
/// First-rank acceptability over every feasible stack at scale (10⁴ samples × 10⁵ stacks × 10 criteria), with every
/// figure drawn independently (SMAA): a technology's figure is the same in every stack of a sample, two technologies'
/// figures are not tied to each other. A stack is a row of unit indices (its technologies, or groups of its terms);
/// per block of <see cref="Block"/> samples a <see cref="SampleModel"/> fills every unit's contribution for each
/// sample (unit-major, samples contiguous), and each stack's scores for the whole block are then sums of its units'
/// rows (gathers and adds over lanes of samples, Vector&lt;float&gt;), compared lane-wise with the best so far. Blocks
/// run in parallel with per-thread tallies; each block seeds its generators from (seed, block), so the result does
/// not depend on the number of threads or on scheduling. Nothing is allocated per sample.
/// </summary>
public static class LargeScaleAcceptability
{
    public const int Block = 64;

    /// <param name="stackUnits">stacks × g row-major: each stack's units (pad with <see cref="SampleModel.Units"/>, the empty unit).</param>
    /// <returns>For each stack, how many samples ranked it first (equal scores go to the lower index).</returns>
    /// <param name="cancel">Stops the blocks not yet started (<see cref="OperationCanceledException"/>).</param>
    public static int[] FirstRankCounts(SampleModel model, int[] stackUnits, int stacks, int samples, int seed, int? threads = null, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stacks);
        ArgumentOutOfRangeException.ThrowIfNotEqual(stackUnits.Length % stacks, 0);
        var g = stackUnits.Length / stacks;
        ArgumentOutOfRangeException.ThrowIfZero(g);
        foreach (var u in stackUnits)
        {
            if ((uint)u > (uint)model.Units)
            {
                throw new ArgumentOutOfRangeException(nameof(stackUnits), $"unit {u} is not one of the model's {model.Units} (or {model.Units}, the empty unit)");
            }
        }
        var blocks = (samples + Block - 1) / Block;
        var total = new int[stacks];
        var gate = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount, CancellationToken = cancel };
        Parallel.For(0, blocks, options, () => new Worker(model, stacks), (b, _, worker) =>
        {
            var count = Math.Min(Block, samples - b * Block);
            worker.Filler.Fill(BlockSeed(seed, b), count, worker.Contributions);
            Tally(worker, stackUnits, g, stacks, count);
            return worker;
        }, worker =>
        {
            lock (gate)
            {
                for (var i = 0; i < stacks; i++)
                {
                    total[i] += worker.Counts[i];
                }
            }
        });
        return total;
    }

    private sealed class Worker(SampleModel model, int stacks)
    {
        public BlockFiller Filler { get; } = model.NewFiller();

        /// <summary>One row per unit and the empty unit's row of zeros last.</summary>
        public float[] Contributions { get; } = new float[(model.Units + 1) * Block];

        public int[] Counts { get; } = new int[stacks];

        public Vector<float>[] Best { get; } = new Vector<float>[Block / Vector<float>.Count];

        public Vector<int>[] BestIndex { get; } = new Vector<int>[Block / Vector<float>.Count];
    }

    private static void Tally(Worker worker, int[] stackUnits, int g, int stacks, int count)
    {
        var lanes = Vector<float>.Count;
        var vectors = Block / lanes;
        var best = worker.Best;
        var bestIndex = worker.BestIndex;
        Array.Fill(best, new Vector<float>(float.NegativeInfinity));
        Array.Fill(bestIndex, Vector<int>.Zero);
        ref var contributions = ref MemoryMarshal.GetArrayDataReference(worker.Contributions);
        ref var units = ref MemoryMarshal.GetArrayDataReference(stackUnits);
        for (var s = 0; s < stacks; s++)
        {
            ref var row = ref Unsafe.Add(ref units, s * g);
            var stack = new Vector<int>(s);
            for (var v = 0; v < vectors; v++)
            {
                var lane = (nuint)(v * lanes);
                var acc = Vector.LoadUnsafe(ref contributions, (nuint)row * Block + lane);
                for (var j = 1; j < g; j++)
                {
                    acc += Vector.LoadUnsafe(ref contributions, (nuint)Unsafe.Add(ref row, j) * Block + lane);
                }
                var better = Vector.GreaterThan(acc, best[v]);
                best[v] = Vector.ConditionalSelect(better, acc, best[v]);
                bestIndex[v] = Vector.ConditionalSelect(better, stack, bestIndex[v]);
            }
        }
        for (var k = 0; k < count; k++)
        {
            worker.Counts[bestIndex[k / lanes][k % lanes]]++;
        }
    }

    /// <summary>
    /// The plain version, for tests and as the benchmark's baseline: one thread, one sample and one stack at a time,
    /// scalar sums, the same draws as <see cref="RangeSampleModel"/> (a sample's weights, then each technology's
    /// figures in order) and the same order of additions, so the same tallies to the sample.
    /// </summary>
    /// <param name="stackTechnologies">stacks × layers row-major: each stack's technology per layer.</param>
    public static int[] FirstRankCountsReference(float[] low, float[] width, float[] weights, int[] stackTechnologies, int stacks, int samples, int seed,
        float weightSpread = 0, WeightSampler? sampler = null)
    {
        var m = weights.Length;
        var technologies = low.Length / m;
        var layers = stackTechnologies.Length / stacks;
        var counts = new int[stacks];
        var contribution = new float[technologies];
        var w = new float[m];
        for (var b = 0; b * Block < samples; b++)
        {
            var blockSeed = BlockSeed(seed, b);
            var figures = new BlockRandom(blockSeed);
            var random = sampler is null ? null : new Random(blockSeed);
            for (var k = 0; k < Math.Min(Block, samples - b * Block); k++)
            {
                RangeSampleModel.DrawWeights(weights, weightSpread, sampler, random, ref figures, w);
                for (var t = 0; t < technologies; t++)
                {
                    float sum = 0;
                    for (var c = 0; c < m; c++)
                    {
                        var u = figures.NextFloat();
                        sum += w[c] * (low[t * m + c] + u * width[t * m + c]);
                    }
                    contribution[t] = sum;
                }
                var bestScore = float.NegativeInfinity;
                var bestStack = 0;
                for (var s = 0; s < stacks; s++)
                {
                    var score = contribution[stackTechnologies[s * layers]];
                    for (var l = 1; l < layers; l++)
                    {
                        score += contribution[stackTechnologies[s * layers + l]];
                    }
                    if (score > bestScore)
                    {
                        (bestScore, bestStack) = (score, s);
                    }
                }
                counts[bestStack]++;
            }
        }
        return counts;
    }

    /// <summary>
    /// The seed of block b: a fixed mix of (seed, b) (SplitMix64's finaliser). Not HashCode.Combine, whose
    /// per-process random seed made the same --seed give different answers in different runs.
    /// </summary>
    public static int BlockSeed(int seed, int block)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)block) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
