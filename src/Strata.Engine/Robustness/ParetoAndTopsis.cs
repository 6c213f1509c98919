using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Model.Entities;

namespace Strata.Engine.Robustness;

/// <summary>The non-dominated stacks over the weighted criteria: never a bad choice, whatever the weights.</summary>
public static class Pareto
{
    public static (ImmutableArray<Stack> Front, int Count) Front(ImmutableArray<RankedStack> ranking, int limit = 50)
    {
        if (ranking.IsEmpty)
        {
            return ([], 0);
        }
        var dims = ranking[0].Criteria.Select((c, i) => (c, i)).Where(x => x.c.Weight > 0).Select(x => x.i).ToArray();
        // The ranking is sorted by weighted score, and a stack that dominates another scores higher with
        // positive weights, so one pass against the front found so far is enough.
        var front = new List<RankedStack>();
        foreach (var s in ranking)
        {
            if (!front.Any(f => Dominates(f, s, dims)))
            {
                front.Add(s);
            }
        }
        return ([.. front.Take(limit).Select(f => f.Stack)], front.Count);
    }

    private static bool Dominates(RankedStack a, RankedStack b, int[] dims)
    {
        var strictly = false;
        foreach (var d in dims)
        {
            var x = a.Criteria[d].Value;
            var y = b.Criteria[d].Value;
            if (x < y - 1e-12)
            {
                return false;
            }
            strictly |= x > y + 1e-12;
        }
        return strictly;
    }
}

/// <summary>TOPSIS over the weighted criteria, as a check on the weighted sum's winner.</summary>
public static class Topsis
{
    public static MethodCheck? Check(ImmutableArray<RankedStack> ranking)
    {
        if (ranking.IsEmpty)
        {
            return null;
        }
        var dims = ranking[0].Criteria.Select((c, i) => (c, i)).Where(x => x.c.Weight > 0).Select(x => x.i).ToArray();
        var norms = dims.Select(d => Math.Sqrt(ranking.Sum(r => r.Criteria[d].Value * r.Criteria[d].Value))).ToArray();
        double V(RankedStack r, int j) => norms[j] == 0 ? 0 : r.Criteria[dims[j]].Weight * r.Criteria[dims[j]].Value / norms[j];
        var ideal = dims.Select((_, j) => ranking.Max(r => V(r, j))).ToArray();
        var anti = dims.Select((_, j) => ranking.Min(r => V(r, j))).ToArray();
        RankedStack? best = null;
        var bestCloseness = double.NegativeInfinity;
        foreach (var r in ranking)
        {
            double plus = 0, minus = 0;
            for (var j = 0; j < dims.Length; j++)
            {
                var v = V(r, j);
                plus += (v - ideal[j]) * (v - ideal[j]);
                minus += (v - anti[j]) * (v - anti[j]);
            }
            var closeness = plus + minus == 0 ? 1 : Math.Sqrt(minus) / (Math.Sqrt(plus) + Math.Sqrt(minus));
            // Strictly greater keeps the first (highest weighted score) among equals: a deterministic tie-break.
            if (closeness > bestCloseness + 1e-12)
            {
                (best, bestCloseness) = (r, closeness);
            }
        }
        return new MethodCheck(ranking[0].Stack, best!.Stack, best.Stack.Equals(ranking[0].Stack), bestCloseness);
    }
}
