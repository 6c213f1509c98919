using System.Collections.Immutable;
using Strata.Model.Weights;

namespace Strata.Engine.Robustness;

/// <summary>One alternative's SMAA-2 figures over exact scores: first-rank acceptability, central weights (null when it never ranks first), confidence factor.</summary>
public sealed record SmaaRow(double FirstRank, ImmutableArray<double>? CentralWeights, double Confidence);

/// <summary>
/// SMAA-2 (Lahdelma and Salminen) over alternatives whose criterion scores are exact (a seed's star table): weights are
/// drawn uniformly from the set the statements allow; an alternative's first-rank acceptability is the share of draws in
/// which its weighted total is highest (ties shared equally), its central weight vector the mean of those draws, and its
/// confidence factor whether it ranks first at its central weights (with exact scores 1 or 0, or a tie's share).
/// <see cref="MonteCarlo.Run"/> does the same with the figures' uncertainty.
/// </summary>
public static class Smaa
{
    /// <param name="scores">Per alternative, its score on each of the sampler's criteria, in <see cref="OrdinalWeights.Criteria"/> order.</param>
    public static ImmutableArray<SmaaRow> Decide(IReadOnlyList<double[]> scores, OrdinalWeights space, int samples, int seed)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var m = space.Criteria.Length;
        if (scores.Any(s => s.Length != m))
        {
            throw new ArgumentException($"every alternative needs a score for each of the {m} criteria", nameof(scores));
        }
        var n = scores.Count;
        var random = new Random(seed);
        var w = new double[m];
        var wins = new double[n];
        var central = new double[n, m];
        var totals = new double[n];
        for (var s = 0; s < samples; s++)
        {
            if (!space.TrySample(random, w))
            {
                throw new InvalidOperationException($"the weight statements '{space.Statements}' leave (almost) no weighting: {OrdinalWeights.MaxAttempts} draws in a row broke a bound");
            }
            var shares = Firsts(scores, w, totals);
            for (var r = 0; r < n; r++)
            {
                if (shares[r] > 0)
                {
                    wins[r] += shares[r];
                    for (var k = 0; k < m; k++)
                    {
                        central[r, k] += shares[r] * w[k];
                    }
                }
            }
        }
        var rows = ImmutableArray.CreateBuilder<SmaaRow>(n);
        for (var r = 0; r < n; r++)
        {
            if (wins[r] == 0)
            {
                rows.Add(new SmaaRow(0, null, 0));
                continue;
            }
            var cw = Enumerable.Range(0, m).Select(k => central[r, k] / wins[r]).ToArray();
            rows.Add(new SmaaRow(wins[r] / samples, [.. cw], Firsts(scores, cw, totals)[r]));
        }
        return rows.MoveToImmutable();
    }

    /// <summary>Each alternative's share of first place at weights <paramref name="w"/>: 1 for a sole winner, 1/k in a k-way tie, else 0.</summary>
    private static double[] Firsts(IReadOnlyList<double[]> scores, double[] w, double[] totals)
    {
        for (var r = 0; r < scores.Count; r++)
        {
            var t = 0.0;
            for (var k = 0; k < w.Length; k++)
            {
                t += scores[r][k] * w[k];
            }
            totals[r] = t;
        }
        var best = totals.Max();
        var tied = totals.Count(t => t >= best - 1e-12);
        return [.. totals.Select(t => t >= best - 1e-12 ? 1.0 / tied : 0)];
    }
}
