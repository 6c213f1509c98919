using System.Collections.Immutable;
using Strata.Model.Quantities;

namespace Strata.Model.Facts;

/// <summary>The value of a fact; its shape follows the fact kind's type in the vocabulary.</summary>
public abstract record FactValue
{
    private protected FactValue() { }
    public abstract string Display();
}

public sealed record EstimateValue(Estimate Estimate) : FactValue
{
    public override string Display() => Estimate.ToString();
}

public sealed record WordValue(string Word) : FactValue
{
    public override string Display() => Word;
}

public sealed record WordSetValue(ImmutableArray<string> Words) : FactValue
{
    public override string Display() => Words.IsEmpty ? "(none)" : string.Join(", ", Words);
}

public sealed record BoolValue(bool Value) : FactValue
{
    public override string Display() => Value ? "yes" : "no";
}

public sealed record StarsValue(int Stars) : FactValue
{
    public override string Display() => $"{Stars}/5";
}

public sealed record TextValue(string Text) : FactValue
{
    public override string Display() => Text;
}

/// <summary>"No published figure": the fact was looked for and is not known (the fact's note says why).</summary>
public sealed record UnknownValue : FactValue
{
    public static readonly UnknownValue Instance = new();

    public override string Display() => "unknown";
}
