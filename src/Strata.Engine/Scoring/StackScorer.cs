using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Engine.Evidence;
using Strata.Model.Entities;
using Strata.Model.Facts;

namespace Strata.Engine.Scoring;

/// <summary>
/// fᵢ(T,S,C) of 003 §17.9.2: each criterion's value function (catalogue data) applied to a stack.
/// A term reads one fact from the technologies of its layers, aggregates them, and maps the result
/// to 0..1 on its scale; terms average by weight. A term with no figure counts as 0.5 (neutral), so
/// missing data neither wins nor loses; the score says which criteria lacked data.
/// </summary>
public sealed class StackScorer(Model.Entities.Catalog catalog, FactSelector facts)
{
    public const double NoDataValue = 0.5;

    // A technology's figure for a term does not depend on the stack around it: look it up once.
    private readonly Dictionary<ValueTerm, Dictionary<string, (Fact Fact, double Raw)?>> _raw = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Technology> _technologies = catalog.Technologies.ToDictionary(t => t.Id, StringComparer.Ordinal);

    public ImmutableArray<CriterionScore> Score(Stack stack, WeightSet weights)
    {
        var result = ImmutableArray.CreateBuilder<CriterionScore>(catalog.Criteria.Length);
        foreach (var criterion in catalog.Criteria)
        {
            var (value, noData, uses) = Evaluate(criterion, stack);
            var w = weights.Normalised.GetValueOrDefault(criterion.Id);
            result.Add(new CriterionScore(criterion.Id, value, w, w * value, noData, uses));
        }
        return result.MoveToImmutable();
    }

    public (double Value, bool NoData, ImmutableArray<FactUse> Facts) Evaluate(Criterion criterion, Stack stack)
    {
        double sum = 0, weight = 0;
        var missing = false;
        var uses = ImmutableArray.CreateBuilder<FactUse>();
        foreach (var term in criterion.Value)
        {
            var values = new List<double>();
            foreach (var (layer, ids) in stack.Layers)
            {
                if (!term.Reads(layer))
                {
                    continue;
                }
                if (Lookup(term, ids[0]) is { } found)
                {
                    values.Add(found.Raw);
                    uses.Add(new FactUse(ids[0], found.Fact, found.Raw));
                }
            }
            if (values.Count == 0)
            {
                if (stack.Layers.Keys.Any(term.Reads))
                {
                    missing = true;
                    sum += term.Weight * NoDataValue;
                    weight += term.Weight;
                }
                continue;
            }
            sum += term.Weight * TermValue(term, values);
            weight += term.Weight;
        }
        return weight == 0 ? (NoDataValue, true, uses.ToImmutable()) : (sum / weight, missing, uses.ToImmutable());
    }

    internal (Fact Fact, double Raw)? Lookup(ValueTerm term, string id)
    {
        if (!_raw.TryGetValue(term, out var perTechnology))
        {
            _raw[term] = perTechnology = new Dictionary<string, (Fact Fact, double Raw)?>(StringComparer.Ordinal);
        }
        if (perTechnology.TryGetValue(id, out var cached))
        {
            return cached;
        }
        (Fact, double)? result = null;
        if (_technologies.TryGetValue(id, out var tech) && facts.Select(tech, term.Fact, term.Measures) is { } fact && Raw(term, fact) is { } raw)
        {
            result = (fact, raw);
        }
        perTechnology[id] = result;
        return result;
    }

    /// <summary>A term's value (0..1) from the raw figures of the technologies it read: aggregated, then scaled.</summary>
    internal static double TermValue(ValueTerm term, IReadOnlyCollection<double> raws) => Scale(term, term.Aggregate switch
    {
        Aggregate.Min => raws.Min(),
        Aggregate.Sum => raws.Sum(),
        Aggregate.Mean => raws.Average(),
        _ => raws.Max(),
    });

    /// <summary>The fact as a number before scaling: a quantity's central value in base units, stars, or an already scaled word.</summary>
    internal static double? Raw(ValueTerm term, Fact fact) => (term.Scale, fact.Value) switch
    {
        (ScaleKind.Log or ScaleKind.Linear, EstimateValue e) => e.Estimate.Central,
        (ScaleKind.Stars, StarsValue s) => s.Stars,
        (ScaleKind.Bool, BoolValue b) => b.Value ? 1 : 0,
        (ScaleKind.Ordinal, WordValue w) => term.Values.TryGetValue(w.Word, out var v) ? v : null,
        (ScaleKind.Ordinal, WordSetValue ws) => ws.Words.Select(x => term.Values.TryGetValue(x, out var v) ? v : (double?)null).Max(),
        _ => null,
    };

    internal static double Scale(ValueTerm term, double x)
    {
        switch (term.Scale)
        {
            case ScaleKind.Stars:
                return Clamp(x / 5);
            case ScaleKind.Bool:
            case ScaleKind.Ordinal:
                return Clamp(x);
        }
        var best = term.Best!.Value.BaseValue;
        var worst = term.Worst!.Value.BaseValue;
        if (term.Scale == ScaleKind.Linear)
        {
            return Clamp((x - worst) / (best - worst));
        }
        if (x <= 0)
        {
            return best < worst ? 1 : 0;
        }
        return Clamp((Math.Log(x) - Math.Log(worst)) / (Math.Log(best) - Math.Log(worst)));
    }

    private static double Clamp(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);
}
