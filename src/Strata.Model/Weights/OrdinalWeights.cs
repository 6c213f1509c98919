using System.Collections.Immutable;

namespace Strata.Model.Weights;

/// <summary>
/// Draws weightings uniformly from the set that <see cref="WeightStatements"/> allow (the SMAA-2 weight space): the
/// simplex over the stated criteria, restricted by the priority order and the bounds.
/// <para>
/// An order of groups g = 1..G (most important first; a group of tied criteria shares one weight, so the
/// criteria of a group always weigh the same) with n_g criteria each: write the group weights as
/// v_g = d_g + d_(g+1) + … + d_G with spacings d ≥ 0. Then Σ n_g·v_g = Σ N_j·d_j = 1 with N_j = n_1 + … + n_j, a
/// simplex in d; a uniform point x of the standard simplex (normalised exponentials) gives d_j = x_j / N_j, a
/// uniform point of the ordered set. Its mean is v_g = (1/G)·Σ_(j≥g) 1/N_j, the rank-order centroid (for a strict
/// order (1/m)·Σ_(j≥g) 1/j, e.g. 11/18, 5/18, 2/18 for three criteria). Without an order the set is the whole simplex.
/// Bounds (w_a ≥ k·w_b) are met by rejection: a draw that breaks one is drawn again, at most
/// <see cref="MaxAttempts"/> times per sample.
/// </para>
/// </summary>
public sealed class OrdinalWeights
{
    /// <summary>Draws per accepted sample before the sampler gives up (the statements then leave almost nothing).</summary>
    public const int MaxAttempts = 100_000;

    /// <summary>Draws the feasibility check makes: statements none of whose draws is accepted are reported as leaving no weighting.</summary>
    public const int PilotDraws = 20_000;

    /// <summary>Accepted samples whose mean is the point estimate when bounds cut the set (no closed form).</summary>
    public const int CentroidSamples = 20_000;

    private readonly int[] _groupOf;
    private readonly int[] _cumulative;
    private readonly (int A, bool AtLeast, double K, int B)[] _bounds;
    private readonly int _groups;

    private OrdinalWeights(WeightStatements statements)
    {
        Statements = statements;
        Criteria = statements.Criteria;
        var index = Criteria.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        _groupOf = new int[Criteria.Length];
        if (statements.Order.IsEmpty)
        {
            // No order: every criterion its own unordered coordinate.
            _groups = Criteria.Length;
            for (var i = 0; i < Criteria.Length; i++)
            {
                _groupOf[i] = i;
            }
            _cumulative = [];
        }
        else
        {
            _groups = statements.Order.Length;
            _cumulative = new int[_groups];
            var total = 0;
            for (var g = 0; g < _groups; g++)
            {
                foreach (var c in statements.Order[g])
                {
                    _groupOf[index[c]] = g;
                }
                total += statements.Order[g].Length;
                _cumulative[g] = total;
            }
        }
        _bounds = [.. statements.Bounds.Select(b => (index[b.Criterion], b.Direction == BoundDirection.AtLeast, b.Factor, index[b.Other]))];
    }

    public WeightStatements Statements { get; }

    /// <summary>The criteria weighed, in the statements' order; a sample's weights come in this order.</summary>
    public ImmutableArray<string> Criteria { get; }

    /// <exception cref="ArgumentException">The statements name a bound's criterion outside the order, or nothing at all.</exception>
    public static OrdinalWeights For(WeightStatements statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        if (statements.Criteria.IsEmpty)
        {
            throw new ArgumentException("weight statements that name no criterion", nameof(statements));
        }
        var named = statements.Criteria.ToHashSet(StringComparer.Ordinal);
        if (statements.Bounds.FirstOrDefault(b => !named.Contains(b.Criterion) || !named.Contains(b.Other)) is { } outside)
        {
            throw new ArgumentException($"the bound {outside} names a criterion outside the order", nameof(statements));
        }
        return new OrdinalWeights(statements);
    }

    /// <summary>One draw from the ordered simplex, ignoring the bounds. Allocates nothing and keeps no state, so threads may share the sampler.</summary>
    private void Draw(Random random, Span<double> into)
    {
        Span<double> x = stackalloc double[_groups];
        var sum = 0.0;
        for (var g = 0; g < _groups; g++)
        {
            // Exponential(1) by inversion; 1 - u is in (0, 1], so the logarithm is finite.
            x[g] = -Math.Log(1 - random.NextDouble());
            sum += x[g];
        }
        if (_cumulative.Length == 0)
        {
            for (var i = 0; i < into.Length; i++)
            {
                into[i] = x[_groupOf[i]] / sum;
            }
            return;
        }
        // Group weights from the spacings, least important group first: v_g = v_(g+1) + x_g / (sum · N_g).
        Span<double> v = stackalloc double[_groups];
        var running = 0.0;
        for (var g = _groups - 1; g >= 0; g--)
        {
            running += x[g] / sum / _cumulative[g];
            v[g] = running;
        }
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = v[_groupOf[i]];
        }
    }

    /// <summary>True when the weighting meets every bound (the order holds by construction).</summary>
    public bool Allows(ReadOnlySpan<double> w)
    {
        foreach (var (a, atLeast, k, b) in _bounds)
        {
            if (atLeast ? w[a] < k * w[b] - 1e-12 : w[a] > k * w[b] + 1e-12)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A weighting uniform on the allowed set, in <see cref="Criteria"/> order; false after <see cref="MaxAttempts"/> rejected draws.</summary>
    public bool TrySample(Random random, Span<double> into)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (into.Length != Criteria.Length)
        {
            throw new ArgumentException($"a weighting of {Criteria.Length} criteria needs as many places, not {into.Length}", nameof(into));
        }
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            Draw(random, into);
            if (Allows(into))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The share of <paramref name="draws"/> draws from the ordered simplex that meet the bounds (1 without bounds).</summary>
    public double AcceptanceRate(int draws = PilotDraws, int seed = 0)
    {
        if (_bounds.Length == 0)
        {
            return 1;
        }
        var random = new Random(seed);
        var w = new double[Criteria.Length];
        var accepted = 0;
        for (var i = 0; i < draws; i++)
        {
            Draw(random, w);
            if (Allows(w))
            {
                accepted++;
            }
        }
        return (double)accepted / draws;
    }

    /// <summary>
    /// The point estimate for the table: without bounds the exact centroid (the rank-order centroid, tied groups
    /// sharing theirs; equal weights without an order); with bounds the mean of <see cref="CentroidSamples"/> accepted
    /// samples (seed 0, so the same statements give the same weights).
    /// </summary>
    public ImmutableSortedDictionary<string, double> Centroid()
    {
        var mean = new double[Criteria.Length];
        if (_bounds.Length == 0)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                if (_cumulative.Length == 0)
                {
                    mean[i] = 1.0 / Criteria.Length;
                    continue;
                }
                var g = _groupOf[i];
                for (var j = g; j < _groups; j++)
                {
                    mean[i] += 1.0 / _cumulative[j];
                }
                mean[i] /= _groups;
            }
        }
        else
        {
            var random = new Random(0);
            var w = new double[Criteria.Length];
            for (var s = 0; s < CentroidSamples; s++)
            {
                if (!TrySample(random, w))
                {
                    throw new InvalidOperationException($"the weight statements '{Statements}' leave (almost) no weighting: {MaxAttempts} draws in a row broke a bound");
                }
                for (var i = 0; i < w.Length; i++)
                {
                    mean[i] += w[i] / CentroidSamples;
                }
            }
        }
        return Criteria.Select((c, i) => (c, i)).ToImmutableSortedDictionary(x => x.c, x => mean[x.i], StringComparer.Ordinal);
    }

    /// <summary>What the point estimate is called in every output.</summary>
    public string CentroidName => _bounds.Length > 0
        ? $"centroid of the weightings the statements allow (mean of {CentroidSamples} samples)"
        : _cumulative.Length == 0 ? "equal weights (the centroid of the simplex)" : "rank-order centroid";
}
