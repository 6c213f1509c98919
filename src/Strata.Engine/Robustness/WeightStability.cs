using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Model.Entities;

namespace Strata.Engine.Robustness;

/// <summary>
/// Exact weight-stability intervals for the additive model. When criterion k's weight becomes t and the
/// others are rescaled by (1-t)/(1-wₖ), every stack's score is linear in t:
/// Sₛ(t) = t·fₛₖ + (1-t)·Rₛ with Rₛ = (Sₛ - wₖ·fₛₖ)/(1-wₖ). The winner W stays ahead of s while
/// Dₛ(t) = Sw(t) - Sₛ(t) ≥ 0; each Dₛ crosses zero at most once, so the interval is bounded by the
/// nearest crossings on each side of wₖ, and the stacks crossing there are the tipping points.
/// </summary>
public static class WeightStability
{
    private const double Epsilon = 1e-12;

    public static ImmutableArray<WeightInterval> Analyse(ImmutableArray<RankedStack> ranking)
    {
        if (ranking.Length < 2)
        {
            return [];
        }
        var winner = ranking[0];
        var result = ImmutableArray.CreateBuilder<WeightInterval>();
        for (var k = 0; k < winner.Criteria.Length; k++)
        {
            var wk = winner.Criteria[k].Weight;
            if (wk >= 1 - Epsilon)
            {
                continue;
            }
            double Rest(RankedStack s) => (s.Score - wk * s.Criteria[k].Value) / (1 - wk);
            var rw = Rest(winner);
            var fw = winner.Criteria[k].Value;
            double low = 0, high = 1;
            Stack? below = null, above = null;
            foreach (var s in ranking.Skip(1))
            {
                if (winner.Score - s.Score < Epsilon)
                {
                    continue; // a tie: reported with the ranking, not a tipping point
                }
                var a = fw - s.Criteria[k].Value; // Dₛ(1)
                var b = rw - Rest(s);             // Dₛ(0)
                if (Math.Abs(a - b) < Epsilon)
                {
                    continue; // Dₛ constant and positive: never crosses
                }
                var t = b / (b - a);
                if (a < b && t > wk && t < high)
                {
                    (high, above) = (t, s.Stack);
                }
                else if (a > b && t < wk && t > low)
                {
                    (low, below) = (t, s.Stack);
                }
            }
            result.Add(new WeightInterval(winner.Criteria[k].Criterion, wk, low, high, below, above));
        }
        return result.ToImmutable();
    }
}
