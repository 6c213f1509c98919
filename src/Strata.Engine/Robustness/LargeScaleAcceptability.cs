using System.Numerics;

namespace Strata.Engine.Robustness;

/// <summary>Draws one sample's weights (any scale; they are normalised) in place of the jitter; must be safe to call from several threads.</summary>
public delegate void WeightSampler(Random random, Span<float> weights);

/// <summary>
/// First-rank acceptability over every feasible stack at scale (10⁴ samples × 10⁵ stacks × 10 criteria).
/// Each stack's criterion value lies in [low, low + width] (its figures' ranges through the value
/// functions); a sample draws one quantile u per criterion, shared by all stacks (a sample is one
/// state of the world, in which every figure sits at the same point of its range), and optionally
/// jitters the weights (or draws them with a <see cref="WeightSampler"/>). Then score = Σ w·low + Σ (w·u)·width, so a sample is two weight vectors, and
/// a block of samples is scored against all stacks in one pass over the stack matrix with SIMD,
/// blocks split over the cores. Each block seeds its own generator from (seed, block), so the
/// result does not depend on scheduling; nothing is allocated per sample.
/// </summary>
public static class LargeScaleAcceptability
{
    public const int Block = 64;

    /// <param name="low">n × m row-major: each stack's criterion values at the low end.</param>
    /// <param name="width">n × m row-major: the width of each value's range.</param>
    /// <returns>For each stack, how many samples ranked it first (ties go to the lower index).</returns>
    /// <param name="sampler">When given, draws each sample's weights (a priority order's set, SMAA-2) instead of jittering <paramref name="weights"/>.</param>
    /// <param name="cancel">Stops the blocks not yet started (<see cref="OperationCanceledException"/>).</param>
    public static int[] FirstRankCounts(float[] low, float[] width, int stacks, float[] weights, int samples, int seed, float weightSpread = 0, WeightSampler? sampler = null,
        CancellationToken cancel = default)
    {
        var m = weights.Length;
        ArgumentOutOfRangeException.ThrowIfNotEqual(low.Length, stacks * m);
        ArgumentOutOfRangeException.ThrowIfNotEqual(width.Length, stacks * m);
        var blocks = (samples + Block - 1) / Block;
        var total = new int[stacks];
        var gate = new object();
        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancel }, () => new int[stacks], (b, _, counts) =>
        {
            RunBlock(low, width, stacks, weights, Math.Min(Block, samples - b * Block), BlockSeed(seed, b), weightSpread, sampler, counts);
            return counts;
        }, counts =>
        {
            lock (gate)
            {
                for (var i = 0; i < stacks; i++)
                {
                    total[i] += counts[i];
                }
            }
        });
        return total;
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

    private static void RunBlock(float[] low, float[] width, int stacks, float[] weights, int count, int seed, float spread, WeightSampler? sampler, int[] counts)
    {
        var m = weights.Length;
        var random = new Random(seed);
        // a[c][k], b[c][k]: the two weight vectors of sample k, laid out so lanes run over samples.
        var a = new float[m * Block];
        var bw = new float[m * Block];
        Span<float> w = stackalloc float[m];
        for (var k = 0; k < Block; k++)
        {
            if (sampler is not null && k < count)
            {
                sampler(random, w);
            }
            else
            {
                for (var c = 0; c < m; c++)
                {
                    w[c] = k < count ? weights[c] * (1 + spread * (2 * (float)random.NextDouble() - 1)) : weights[c];
                }
            }
            float sum = 0;
            for (var c = 0; c < m; c++)
            {
                sum += w[c];
            }
            for (var c = 0; c < m; c++)
            {
                var wc = w[c] / sum;
                a[c * Block + k] = wc;
                bw[c * Block + k] = k < count ? wc * (float)random.NextDouble() : 0;
            }
        }
        var lanes = Vector<float>.Count;
        var best = new float[Block];
        var bestIndex = new int[Block];
        Array.Fill(best, float.NegativeInfinity);
        Span<float> acc = stackalloc float[Block];
        for (var s = 0; s < stacks; s++)
        {
            acc.Clear();
            var row = s * m;
            for (var c = 0; c < m; c++)
            {
                var lo = new Vector<float>(low[row + c]);
                var wd = new Vector<float>(width[row + c]);
                var ac = a.AsSpan(c * Block, Block);
                var bc = bw.AsSpan(c * Block, Block);
                for (var k = 0; k < Block; k += lanes)
                {
                    var v = new Vector<float>(acc[k..]);
                    v += lo * new Vector<float>(ac[k..]) + wd * new Vector<float>(bc[k..]);
                    v.CopyTo(acc[k..]);
                }
            }
            for (var k = 0; k < count; k++)
            {
                if (acc[k] > best[k])
                {
                    best[k] = acc[k];
                    bestIndex[k] = s;
                }
            }
        }
        for (var k = 0; k < count; k++)
        {
            counts[bestIndex[k]]++;
        }
    }

    /// <summary>The straightforward version, for tests and as the benchmark's baseline: same samples, scalar arithmetic.</summary>
    public static int[] FirstRankCountsNaive(float[] low, float[] width, int stacks, float[] weights, int samples, int seed, float weightSpread = 0)
    {
        var m = weights.Length;
        var counts = new int[stacks];
        for (var b = 0; b * Block < samples; b++)
        {
            var count = Math.Min(Block, samples - b * Block);
            var random = new Random(BlockSeed(seed, b));
            var a = new float[Block, m];
            var bw = new float[Block, m];
            for (var k = 0; k < Block; k++)
            {
                var w = new float[m];
                float sum = 0;
                for (var c = 0; c < m; c++)
                {
                    w[c] = k < count ? weights[c] * (1 + weightSpread * (2 * (float)random.NextDouble() - 1)) : weights[c];
                    sum += w[c];
                }
                for (var c = 0; c < m; c++)
                {
                    a[k, c] = w[c] / sum;
                    bw[k, c] = k < count ? a[k, c] * (float)random.NextDouble() : 0;
                }
            }
            for (var k = 0; k < count; k++)
            {
                var bestScore = float.NegativeInfinity;
                var bestStack = 0;
                for (var s = 0; s < stacks; s++)
                {
                    float score = 0;
                    for (var c = 0; c < m; c++)
                    {
                        score += low[s * m + c] * a[k, c] + width[s * m + c] * bw[k, c];
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
}
