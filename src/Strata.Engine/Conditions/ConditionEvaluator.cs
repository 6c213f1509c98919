using Strata.Model.Conditions;
using Strata.Model.Entities;
using Strata.Model.Quantities;

namespace Strata.Engine.Conditions;

/// <summary>Evaluates catalogue conditions on a profile. Predicates are evaluated once per view and remembered.</summary>
public sealed class ConditionEvaluator(Model.Entities.Catalog catalog, ProfileView view)
{
    private readonly Dictionary<string, Truth> _predicates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    public ProfileView View { get; } = view;

    public Truth Evaluate(Condition condition) => condition switch
    {
        AndCondition a => TruthLogic.And(Evaluate(a.Left), Evaluate(a.Right)),
        OrCondition o => TruthLogic.Or(Evaluate(o.Left), Evaluate(o.Right)),
        NotCondition n => TruthLogic.Not(Evaluate(n.Inner)),
        ReferenceCondition r => Reference(r.Name.Name),
        CompareCondition c => Compare(c),
        InCondition i => i.Values.Select(v => Equal(i.Field.Name, v)).Aggregate(Truth.False, TruthLogic.Or),
        ContainsCondition c => Contains(c.Field.Name, c.Value.Text),
        _ => throw new InvalidOperationException($"Unknown condition type {condition.GetType().Name}."),
    };

    private Truth Reference(string name)
    {
        if (catalog.Predicates.FirstOrDefault(p => p.Id == name) is { } predicate)
        {
            if (_predicates.TryGetValue(name, out var known))
            {
                return known;
            }
            if (!_evaluating.Add(name))
            {
                throw new InvalidOperationException($"Predicate '{name}' refers to itself; the catalogue loader should have rejected the cycle.");
            }
            var t = Evaluate(predicate.When.Condition);
            _evaluating.Remove(name);
            _predicates[name] = t;
            return t;
        }
        return Bool(name);
    }

    private Truth Bool(string field)
    {
        if (field.StartsWith("host.", StringComparison.Ordinal))
        {
            return View.Host.TryGetValue(field[5..], out var h) ? TruthLogic.Of(h) : Truth.Unknown;
        }
        return View.Constraint(field) switch
        {
            BoolConstraint b => TruthLogic.Of(b.Value),
            null => Truth.False,
            _ => throw new InvalidOperationException($"'{field}' is not a boolean field."),
        };
    }

    private Truth Compare(CompareCondition c)
    {
        var field = c.Field.Name;
        switch (c.Operator)
        {
            case CompareOperator.Equal:
                return Equal(field, c.Value);
            case CompareOperator.NotEqual:
                return TruthLogic.Not(Equal(field, c.Value));
        }
        if (View.Constraint(field) is QuantityConstraint q && c.Value.Quantity is { } limit)
        {
            return CompareEstimate(q.Estimate, c.Operator, limit);
        }
        if (View.Constraint(field) is IsolationConstraint { Requirement: not null } iso)
        {
            var have = catalog.Vocabulary.IsolationStrength(iso.Requirement!.Class);
            var want = catalog.Vocabulary.IsolationStrength(c.Value.Text);
            return TruthLogic.Of(Holds(have.CompareTo(want), c.Operator));
        }
        return Truth.Unknown;
    }

    /// <summary>True when every value the estimate allows satisfies the comparison, false when none does, unknown otherwise.</summary>
    public static Truth CompareEstimate(Estimate e, CompareOperator op, Quantity limit)
    {
        var lo = e.Low?.BaseValue ?? double.NegativeInfinity;
        var hi = e.High?.BaseValue ?? double.PositiveInfinity;
        // A strict bound excludes its limit: "> 1000" never is 1000, so "nodes > 1000" holds for it.
        if (e.Bound is BoundOperator.Greater)
        {
            lo = Math.BitIncrement(lo);
        }
        if (e.Bound is BoundOperator.Less)
        {
            hi = Math.BitDecrement(hi);
        }
        var l = limit.BaseValue;
        bool AllOf(double a, double b) => Holds(a.CompareTo(l), op) && Holds(b.CompareTo(l), op);
        bool NoneOf(double a, double b) => !Holds(a.CompareTo(l), op) && !Holds(b.CompareTo(l), op);
        if (AllOf(lo, hi))
        {
            return Truth.True;
        }
        return NoneOf(lo, hi) ? Truth.False : Truth.Unknown;
    }

    private static bool Holds(int cmp, CompareOperator op) => op switch
    {
        CompareOperator.Less => cmp < 0,
        CompareOperator.LessOrEqual => cmp <= 0,
        CompareOperator.Greater => cmp > 0,
        CompareOperator.GreaterOrEqual => cmp >= 0,
        CompareOperator.Equal => cmp == 0,
        _ => cmp != 0,
    };

    private Truth Equal(string field, Literal value)
    {
        if (field == "scenario")
        {
            return TruthLogic.Of(View.Scenario == value.Text);
        }
        return View.Constraint(field) switch
        {
            WordConstraint w => TruthLogic.Of(w.Word == value.Text),
            BoolConstraint b when value.Bool is { } v => TruthLogic.Of(b.Value == v),
            IsolationConstraint { Requirement: { } r } => TruthLogic.Of(r.Class == value.Text),
            QuantityConstraint q when value.Quantity is { } l => CompareEstimate(q.Estimate, CompareOperator.Equal, l),
            _ => Truth.Unknown,
        };
    }

    private Truth Contains(string field, string word) => field == "layers" ? TruthLogic.Of(View.Layers.Contains(word)) : View.Constraint(field) switch
    {
        WordSetConstraint s => TruthLogic.Of(s.Words.Contains(word)),
        null => Truth.False,
        _ => Truth.Unknown,
    };
}
