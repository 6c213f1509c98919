using System.Collections.Immutable;
using Strata.Model.Quantities;

namespace Strata.Model.Conditions;

public enum CompareOperator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>A condition over a profile, as parsed from text such as <c>nodes &gt; 1000 and not ha</c>.</summary>
public abstract record Condition
{
    private protected Condition() { }

    /// <summary>Column (0-based) in the source text where this part starts.</summary>
    public int Offset { get; init; }

    /// <summary>Identifiers read by this condition: profile fields and predicate ids.</summary>
    public abstract IEnumerable<Identifier> Identifiers();
}

public sealed record Identifier(string Name, int Offset);

public sealed record AndCondition(Condition Left, Condition Right) : Condition
{
    public override IEnumerable<Identifier> Identifiers() => Left.Identifiers().Concat(Right.Identifiers());
    public override string ToString() => $"({Left} and {Right})";
}

public sealed record OrCondition(Condition Left, Condition Right) : Condition
{
    public override IEnumerable<Identifier> Identifiers() => Left.Identifiers().Concat(Right.Identifiers());
    public override string ToString() => $"({Left} or {Right})";
}

public sealed record NotCondition(Condition Inner) : Condition
{
    public override IEnumerable<Identifier> Identifiers() => Inner.Identifiers();
    public override string ToString() => $"not {Inner}";
}

/// <summary>A bare identifier: a boolean profile field or a predicate id.</summary>
public sealed record ReferenceCondition(Identifier Name) : Condition
{
    public override IEnumerable<Identifier> Identifiers() => [Name];
    public override string ToString() => Name.Name;
}

/// <summary><c>field OP literal</c>: a word comparison (== / !=) or a quantity comparison.</summary>
public sealed record CompareCondition(Identifier Field, CompareOperator Operator, Literal Value) : Condition
{
    public override IEnumerable<Identifier> Identifiers() => [Field];
    public override string ToString() => $"{Field.Name} {Operator} {Value}";
}

/// <summary><c>field in [a, b]</c>.</summary>
public sealed record InCondition(Identifier Field, ImmutableArray<Literal> Values) : Condition
{
    public override IEnumerable<Identifier> Identifiers() => [Field];
    public override string ToString() => $"{Field.Name} in [{string.Join(", ", Values)}]";
}

/// <summary><c>field contains word</c> for set-valued fields.</summary>
public sealed record ContainsCondition(Identifier Field, Literal Value) : Condition
{
    public override IEnumerable<Identifier> Identifiers() => [Field];
    public override string ToString() => $"{Field.Name} contains {Value}";
}

/// <summary>A literal: a word, a boolean, or a quantity.</summary>
public sealed record Literal(string Text, int Offset, Quantity? Quantity, bool? Bool)
{
    public override string ToString() => Text;
}
