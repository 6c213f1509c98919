using Strata.Engine.Decisions;
using Strata.Engine.Evidence;
using Strata.Model.Conditions;
using Strata.Model.Entities;
using Strata.Model.Facts;
using Strata.Model.Quantities;

namespace Strata.Engine.Matching;

/// <summary>
/// M(T,R) of 003 §17.9.3 for one technology and one constraint: match, partial (ranges overlap, or
/// the catalogue has no figure) or mismatch — with the expected and actual values and the fact used.
/// </summary>
public sealed class SpecMatcher(Model.Entities.Catalog catalog, FactSelector facts)
{
    /// <summary>Evaluates the host conditions some figures hold under (null: no such figure is used).</summary>
    public Func<ConditionText, Conditions.Truth>? Holds { get; init; }

    /// <param name="members">The stack the technology is in, so that figures holding via one of its components count; null for the technology alone.</param>
    public MatchResult Match(Technology tech, ConstraintDefinition def, EffectiveConstraint requirement, IReadOnlySet<string>? members = null)
    {
        var fact = facts.Select(tech, def.Fact, def.Measures, members, Holds);
        var expected = Expected(def, requirement.Value);
        if (fact is null || fact.IsUnknown)
        {
            return Result(Verdict.Unknown, expected, fact is null ? "no figure in the catalogue" : $"unknown ({fact.Note})", fact);
        }
        var actual = fact.Value.Display() + (fact.Measures is { } m && m != "unspecified" ? $" ({m})" : "");
        var verdict = Compare(def, requirement.Value, fact.Value) ?? throw new InvalidOperationException(
            $"Constraint '{def.Field}' ({def.Compare}) cannot compare a {requirement.Value.GetType().Name} with fact '{fact.Name}' of {tech.Id} ({fact.Value.GetType().Name}).");
        return Result(verdict, expected, actual, fact);

        MatchResult Result(Verdict v, string e, string a, Fact? f) => new(tech.Id, tech.Layer, def.Field, v, e, a, f, requirement.Origin);
    }

    /// <summary>
    /// Whether one technology's own figure answers the requirement (then <see cref="Match"/> compares it). Not so for
    /// a capability need or a figure at a scope (the whole stack answers those), a derived constraint (rules read it),
    /// or an isolation requirement given only as boundaries (the stack's boundaries answer it).
    /// </summary>
    public static bool OneFigureAnswers(ConstraintDefinition def, ConstraintValue value) =>
        def.Compare is not (CompareMode.StackHasAll or CompareMode.Derived) && def.Scopes.IsDefaultOrEmpty
        && value is not QuantityConstraint { Scope: not null } && value is not IsolationConstraint { Requirement: null };

    /// <summary>
    /// Whether the technology's figure for this fact depends on the stack: some figure of it holds only with another
    /// component (Kubernetes ran 100,000 nodes with KubeEdge, 5,000 without). Such a requirement is judged in each stack.
    /// </summary>
    public static bool DependsOnStack(Technology tech, string fact) => tech.Facts.Any(f => f.Name == fact && f.Via is not null);

    /// <summary>The verdict of one figure against one requirement, or null when the two cannot be compared.</summary>
    public Verdict? Compare(ConstraintDefinition def, ConstraintValue requirement, FactValue value) => (def.Compare, requirement, value) switch
    {
        (CompareMode.AtMost, QuantityConstraint q, EstimateValue e) => AtMost(e.Estimate, q.Estimate),
        (CompareMode.Fits, QuantityConstraint q, EstimateValue e) => Fits(e.Estimate, q.Estimate),
        (CompareMode.AtLeast, QuantityConstraint q, EstimateValue e) => AtLeast(e.Estimate, q.Estimate),
        (CompareMode.Contains, WordConstraint w, _) when w.Word == "any" => Verdict.Match,
        (CompareMode.Contains, WordConstraint w, WordSetValue s) => s.Words.Contains(w.Word) ? Verdict.Match : Verdict.Mismatch,
        (CompareMode.Contains, WordConstraint w, WordValue s) => s.Word == w.Word ? Verdict.Match : Verdict.Mismatch,
        (CompareMode.ContainsAll, WordSetConstraint w, WordSetValue s) => w.Words.All(s.Words.Contains) ? Verdict.Match : Verdict.Mismatch,
        (CompareMode.Ordered, WordConstraint w, WordValue s) => Ordered(def, s.Word, w.Word),
        (CompareMode.Isolation, IsolationConstraint { Requirement: { } r }, WordValue s) => Isolation(s.Word, r),
        (CompareMode.Required, BoolConstraint b, BoolValue v) => !b.Value || v.Value ? Verdict.Match : Verdict.Mismatch,
        _ => null,
    };

    /// <summary>Whether the profile's value asks anything of a technology at all (false flags, "any", empty lists do not).</summary>
    public static bool Applies(ConstraintValue value) => value switch
    {
        BoolConstraint b => b.Value,
        WordConstraint w => w.Word != "any",
        WordSetConstraint s => !s.Words.IsEmpty,
        IsolationConstraint i => i.Requirement is not null || !i.AnyOf.IsEmpty,
        _ => true,
    };

    /// <summary>How the expectation reads in messages ("at most &lt; 100ms").</summary>
    public static string ExpectedText(ConstraintDefinition def, ConstraintValue v) => Expected(def, v);

    private static string Expected(ConstraintDefinition def, ConstraintValue v) => def.Compare switch
    {
        CompareMode.AtMost => $"at most {v.Display()}",
        CompareMode.Fits => $"fits in {v.Display()}",
        CompareMode.AtLeast => $"at least {v.Display()}",
        CompareMode.Contains => $"supports {v.Display()}",
        CompareMode.ContainsAll => $"supports all of {v.Display()}",
        CompareMode.Ordered => $"at least {v.Display()}",
        CompareMode.Isolation => $"isolation {v.Display()}",
        _ => "yes",
    };

    /// <summary>The verdict of a stack's composed figure against a quantity requirement.</summary>
    public static Verdict CompareQuantity(CompareMode mode, Estimate figure, Estimate required) => mode switch
    {
        CompareMode.AtMost => AtMost(figure, required),
        CompareMode.Fits => Fits(figure, required),
        _ => AtLeast(figure, required),
    };

    private static (double Lo, double Hi) Interval(Estimate e)
    {
        var lo = e.Low?.BaseValue ?? 0;
        var hi = e.High?.BaseValue ?? double.PositiveInfinity;
        return (lo, hi);
    }

    /// <summary>The technology's figure must stay under the profile's bound.</summary>
    private static Verdict AtMost(Estimate tech, Estimate required)
    {
        var limit = required.High?.BaseValue ?? required.Low!.Value.BaseValue;
        var strict = required.Bound == BoundOperator.Less;
        bool Within(double x) => strict ? x < limit : x <= limit;
        var (lo, hi) = Interval(tech);
        // A technology bound "< 50ms" never reaches 50ms, so its high end satisfies "< 50ms" too.
        var hiOk = Within(hi) || (tech.Bound == BoundOperator.Less && hi <= limit);
        if (hiOk)
        {
            return Verdict.Match;
        }
        return Within(lo) ? Verdict.Partial : Verdict.Mismatch;
    }

    /// <summary>The technology's demand must fit the profile's capacity; fitting only the larger end is partial.</summary>
    private static Verdict Fits(Estimate demand, Estimate capacity)
    {
        var smallest = capacity.Low?.BaseValue ?? capacity.High!.Value.BaseValue;
        var largest = capacity.High?.BaseValue ?? double.PositiveInfinity;
        var (lo, hi) = Interval(demand);
        if (hi <= smallest)
        {
            return Verdict.Match;
        }
        return lo <= largest ? Verdict.Partial : Verdict.Mismatch;
    }

    /// <summary>The technology's capacity must reach what the profile needs.</summary>
    private static Verdict AtLeast(Estimate tech, Estimate required)
    {
        var needHigh = required.High?.BaseValue ?? required.Low!.Value.BaseValue;
        var needLow = required.Low?.BaseValue ?? needHigh;
        var (lo, hi) = Interval(tech);
        if (tech.Form == EstimateForm.Bound && tech.Bound is BoundOperator.Greater or BoundOperator.GreaterOrEqual)
        {
            // "> 1800" says it reaches 1800; beyond that the source says nothing, so more is possible, not known.
            return lo >= needHigh ? Verdict.Match : Verdict.Partial;
        }
        if (hi >= needHigh)
        {
            return Verdict.Match;
        }
        return hi >= needLow ? Verdict.Partial : Verdict.Mismatch;
    }

    private static Verdict Ordered(ConstraintDefinition def, string have, string want)
    {
        var h = def.Order.IndexOf(have);
        var w = def.Order.IndexOf(want);
        return h >= 0 && w >= 0 && h >= w ? Verdict.Match : Verdict.Mismatch;
    }

    private Verdict Isolation(string have, IsolationRequirement want)
    {
        var h = catalog.Vocabulary.IsolationStrength(have);
        var w = catalog.Vocabulary.IsolationStrength(want.Class);
        var ok = want.Operator switch
        {
            CompareOperator.GreaterOrEqual => h >= w,
            CompareOperator.Greater => h > w,
            CompareOperator.LessOrEqual => h <= w,
            CompareOperator.Less => h < w,
            CompareOperator.NotEqual => h != w,
            _ => h == w,
        };
        return ok ? Verdict.Match : Verdict.Mismatch;
    }
}
