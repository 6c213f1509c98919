using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace Strata.Engine.Scoring;

/// <summary>Weights from pairwise comparisons: the principal eigenvector, and Saaty's consistency ratio.</summary>
public sealed record AhpResult(ImmutableSortedDictionary<string, double> Weights, double LambdaMax, double ConsistencyIndex, double ConsistencyRatio, ImmutableArray<string> Missing)
{
    /// <summary>Saaty's threshold: above it, the judgements contradict each other too much to use.</summary>
    public const double MaxConsistencyRatio = 0.1;

    public bool Consistent => ConsistencyRatio <= MaxConsistencyRatio;
}

public static class Ahp
{
    // Saaty's random indices for n = 1..15.
    private static readonly double[] RandomIndex = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];

    public static AhpResult Weights(ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, double>> comparisons)
    {
        var names = comparisons.Keys.Concat(comparisons.Values.SelectMany(v => v.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        var n = names.Count;
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 1 : double.NaN);
        foreach (var (row, cols) in comparisons)
        {
            foreach (var (col, ratio) in cols)
            {
                int i = names.IndexOf(row), j = names.IndexOf(col);
                a[i, j] = ratio;
                a[j, i] = 1 / ratio;
            }
        }
        // A pair the profile does not compare is taken as equally important, and reported.
        var missing = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (double.IsNaN(a[i, j]))
                {
                    a[i, j] = a[j, i] = 1;
                    missing.Add($"{names[i]}/{names[j]}");
                }
            }
        }
        // Power iteration converges to the principal (Perron) eigenvector of a positive matrix.
        var w = Vector<double>.Build.Dense(n, 1.0 / n);
        var lambda = 0.0;
        for (var k = 0; k < 1000; k++)
        {
            var next = a * w;
            lambda = next.Sum();
            next /= lambda;
            var delta = (next - w).AbsoluteMaximum();
            w = next;
            if (delta < 1e-14)
            {
                break;
            }
        }
        var ci = n <= 2 ? 0 : (lambda - n) / (n - 1);
        var ri = n <= RandomIndex.Length ? RandomIndex[n - 1] : RandomIndex[^1];
        var cr = ri == 0 ? 0 : ci / ri;
        return new AhpResult(names.Select((c, i) => (c, w[i])).ToImmutableSortedDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal),
            lambda, ci, cr, missing.ToImmutable());
    }
}
