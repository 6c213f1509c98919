using System.Collections.Immutable;
using Strata.Model.Diagnostics;
using Strata.Model.Quantities;

namespace Strata.Model.Entities;

/// <summary>How a term combines its readings; <see cref="Depth"/> is defence in depth: 1 − Π(1 − xᵢ) over independent barriers.</summary>
public enum Aggregate { Min, Max, Mean, Sum, Depth }

/// <summary>How a term maps a figure to 0..1; <see cref="Boundaries"/> reads a set of isolation boundaries as their combined strength.</summary>
public enum ScaleKind { Log, Linear, Stars, Ordinal, Bool, Boundaries }

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

    /// <summary>The term reads the stack's figure at this scope (composed from its parts) instead of one figure per layer.</summary>
    public string? Scope { get; init; }

    /// <summary>The term is 1 when the stack has this capability (any of its components), else 0.</summary>
    public string? Capability { get; init; }

    /// <summary>The term is the share of the profile's preferred capabilities (<c>prefers:</c>) the stack has.</summary>
    public bool Preferences { get; init; }

    /// <summary>The term applies only to profiles where this holds (availability rewards HA only where there is more than one node).</summary>
    public ConditionText? When { get; init; }

    /// <summary>The term reads seed ratings and serves only the reproduction of the seeds' own tables (evidence policy 'seed').</summary>
    public bool SeedOnly { get; init; }

    /// <summary>What the term is, for explanations: the fact, the scope, or the capability it reads.</summary>
    public string Label => Scope ?? Capability ?? (Preferences ? "preferred capabilities" : Fact);
}

public enum CompareMode { AtMost, Fits, AtLeast, Contains, ContainsAll, Ordered, Isolation, Required, StackHasAll, Derived }

/// <summary>What a profile constraint compares: a fact of some layers, which measurements count, and how.</summary>
public sealed record ConstraintDefinition(
    string Field,
    string Fact,
    ImmutableArray<string> Layers,
    CompareMode Compare,
    ImmutableArray<string> Measures,
    ImmutableArray<string> Order,
    string Summary,
    SourceLocation Location)
{
    /// <summary>The scope the constraint compares at when the profile names none: the first whose condition holds.</summary>
    public ImmutableArray<ScopeChoice> Scopes { get; init; } = [];

    /// <summary>Whether the constraint compares a stack-level figure (composed, or a capability of any component) rather than each technology's own.</summary>
    public bool StackLevel => !Scopes.IsDefaultOrEmpty || Compare == CompareMode.StackHasAll;
}

/// <summary>A constraint's default scope under a condition (<c>{ when: "control_plane == remote", scope: node-agent-footprint }</c>); no condition = otherwise.</summary>
public sealed record ScopeChoice(ConditionText? When, string Scope);
