using System.Collections.Immutable;
using Strata.Model.Diagnostics;
using Strata.Model.Quantities;

namespace Strata.Model.Entities;

public enum Aggregate { Min, Max, Mean, Sum }

public enum ScaleKind { Log, Linear, Stars, Ordinal, Bool }

/// <summary>
/// One term of a criterion's value function: read <see cref="Fact"/> from the technologies of
/// <see cref="Layers"/> (empty = every chosen layer), combine them with <see cref="Aggregate"/>,
/// and map the result to 0..1 with the scale.
/// </summary>
public sealed record ValueTerm(
    string Fact,
    ImmutableArray<string> Layers,
    Aggregate Aggregate,
    ImmutableArray<string> Measures,
    ScaleKind Scale,
    Quantity? Best,
    Quantity? Worst,
    ImmutableSortedDictionary<string, double> Values,
    double Weight)
{
    public bool AllLayers => Layers.IsDefaultOrEmpty;

    /// <summary>Whether this term reads the technology chosen in <paramref name="layer"/>.</summary>
    public bool Reads(string layer) => AllLayers || Layers.Contains(layer);
}

public enum CompareMode { AtMost, Fits, AtLeast, Contains, ContainsAll, Ordered, Isolation, Required }

/// <summary>What a profile constraint compares: a fact of some layers, which measurements count, and how.</summary>
public sealed record ConstraintDefinition(
    string Field,
    string Fact,
    ImmutableArray<string> Layers,
    CompareMode Compare,
    ImmutableArray<string> Measures,
    ImmutableArray<string> Order,
    string Summary,
    SourceLocation Location);
