using System.Collections.Immutable;
using Strata.Model.Conditions;
using Strata.Model.Diagnostics;
using Strata.Model.Evidence;
using Strata.Model.Facts;
using Strata.Model.Quantities;

namespace Strata.Model.Entities;

/// <summary>Anything in the catalogue with an id and a place it was written.</summary>
public interface IEntity
{
    string Id { get; }
    SourceLocation Location { get; }
}

public sealed record CatalogManifest(string Name, string Version, string? Summary, string? Extends);

public sealed record Layer(string Id, string Name, bool Core, int Order, string Summary, Provenance Provenance, SourceLocation Location) : IEntity;

public enum CriterionDirection { HigherIsBetter, LowerIsBetter }

public sealed record Criterion(string Id, string Name, string Summary, CriterionDirection Direction, ImmutableArray<ValueTerm> Value, Provenance Provenance, SourceLocation Location) : IEntity
{
    /// <summary>Layers the criterion deliberately does not read, each with why (isolation says nothing about a datastore).</summary>
    public ImmutableSortedDictionary<string, string> NotFor { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}

public sealed record Technology(
    string Id,
    string Name,
    string Layer,
    string Summary,
    Uri? Homepage,
    ImmutableArray<string> Aliases,
    string? Tool,
    ImmutableArray<Fact> Facts,
    ImmutableArray<Statement> Pros,
    ImmutableArray<Statement> Cons,
    SourceLocation Location) : IEntity
{
    public IEnumerable<Fact> FactsNamed(string name) => Facts.Where(f => f.Name == name);

    /// <summary>The components some of its facts hold via (Firecracker's figures through Kata): which of them a stack has changes which facts count.</summary>
    public ImmutableArray<string> ViaComponents
    {
        get
        {
            // Keyed by the facts array, so a copy with other facts (measurements added with 'with') works it out again.
            // One reference, published whole: concurrent decisions read the catalogue's technologies.
            var cached = _via;
            if (cached is null || cached.For != Facts)
            {
                _via = cached = new ViaCache(Facts, [.. Facts.Where(f => f.Via is not null).Select(f => f.Via!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
            }
            return cached.Ids;
        }
    }

    private sealed record ViaCache(ImmutableArray<Fact> For, ImmutableArray<string> Ids);

    private ViaCache? _via;

    /// <summary>An integration component (KubeVirt, firecracker-containerd): never a layer's choice, only brought in by a rule as a supporting component.</summary>
    public bool ComponentOnly { get; init; }

    /// <summary>Layers a stack with this technology has no use for (a single host under systemd has no cluster datastore, CNI or admission policy): such stacks leave them empty.</summary>
    public ImmutableArray<string> Omits { get; init; } = [];
}

/// <summary>A constraint on an isolation class: <c>&gt;= container</c>, <c>vm</c>.</summary>
public sealed record IsolationRequirement(CompareOperator Operator, string Class)
{
    public override string ToString() => Operator switch
    {
        CompareOperator.Equal => Class,
        CompareOperator.GreaterOrEqual => $">= {Class}",
        CompareOperator.Greater => $"> {Class}",
        CompareOperator.LessOrEqual => $"<= {Class}",
        CompareOperator.Less => $"< {Class}",
        _ => $"!= {Class}",
    };
}

/// <summary>One constraint of a profile: the field, and the value in the field's shape.</summary>
public abstract record ConstraintValue
{
    private protected ConstraintValue() { }
    public abstract string Display();
}

public sealed record BoolConstraint(bool Value) : ConstraintValue { public override string Display() => Value ? "true" : "false"; }
public sealed record WordConstraint(string Word) : ConstraintValue { public override string Display() => Word; }
public sealed record WordSetConstraint(ImmutableArray<string> Words) : ConstraintValue { public override string Display() => "[" + string.Join(", ", Words) + "]"; }
/// <summary>A quantity the profile bounds; <see cref="Scope"/> names the scope it is compared at when the profile says (<c>{ max: 100ms, of: workload-start }</c>).</summary>
public sealed record QuantityConstraint(Estimate Estimate) : ConstraintValue
{
    public string? Scope { get; init; }

    public override string Display() => Scope is null ? Estimate.ToString() : $"{Estimate} (of {Scope})";
}

/// <summary>
/// An isolation requirement: a class compared by strength (<c>&gt;= sandbox</c>, the seeds' form), and/or groups
/// of boundaries of which the stack's runtime must have at least one each (<c>{ any_of: [hardware-virtualisation, user-space-kernel] }</c>).
/// </summary>
public sealed record IsolationConstraint(IsolationRequirement? Requirement) : ConstraintValue
{
    public ImmutableArray<ImmutableArray<string>> AnyOf { get; init; } = [];

    public override string Display()
    {
        var parts = new List<string>();
        if (Requirement is not null)
        {
            parts.Add(Requirement.ToString());
        }
        parts.AddRange(AnyOf.Select(g => g.Length == 1 ? g[0] : "any of [" + string.Join(", ", g) + "]"));
        return string.Join(" and ", parts);
    }

    public bool Equals(IsolationConstraint? other) =>
        other is not null && Equals(Requirement, other.Requirement) && AnyOf.Length == other.AnyOf.Length &&
        AnyOf.Zip(other.AnyOf).All(p => p.First.SequenceEqual(p.Second));

    public override int GetHashCode() => HashCode.Combine(Requirement, AnyOf.Length);
}

/// <summary>Constraints in the profile syntax: field name → value. Sorted for deterministic output.</summary>
public sealed record ConstraintSet(ImmutableSortedDictionary<string, ConstraintValue> Values)
{
    public static readonly ConstraintSet Empty = new(ImmutableSortedDictionary<string, ConstraintValue>.Empty.WithComparers(StringComparer.Ordinal));
}

public sealed record Scenario(
    string Id,
    string Name,
    string Summary,
    Provenance Provenance,
    Sourced<ImmutableArray<double>>? Vector,
    Sourced<ImmutableSortedDictionary<string, double>>? Weights,
    Sourced<ConstraintSet>? Requirements,
    ImmutableArray<string> Layers,
    Sourced<ImmutableArray<string>>? Typical,
    Sourced<ImmutableSortedDictionary<string, string>>? Needs,
    SourceLocation Location) : IEntity
{
    /// <summary>Requirements the seed states that research disputes: applied on top of <see cref="Requirements"/> only under the seed policy, so the seeds reproduce.</summary>
    public Sourced<ConstraintSet>? SeedRequirements { get; init; }
}

/// <summary>A condition written in the catalogue, kept with its text for messages.</summary>
public sealed record ConditionText(string Text, Condition Condition, SourceLocation Location)
{
    public override string ToString() => Text;
}

public sealed record Predicate(string Id, string Name, ConditionText When, Provenance Provenance, string? Note, SourceLocation Location) : IEntity;

public enum RuleKind { Requires, Excludes, Bundles, Derives }

/// <summary>What a derivation rule adds to a profile.</summary>
public sealed record Derivation(
    ConstraintSet Constraints,
    ImmutableArray<string> AddLayers,
    ImmutableSortedDictionary<string, ImmutableArray<string>> Allow,
    ImmutableArray<string> Forbid);

public sealed record Rule(
    string Id,
    RuleKind Kind,
    string? Subject,
    ImmutableArray<string> AnyOf,
    ConditionText? When,
    Derivation? Then,
    string? Note,
    Provenance Provenance,
    SourceLocation Location) : IEntity
{
    /// <summary>A requires rule met by any other component of the stack that has one of these capabilities (the NVIDIA toolkit needs a runtime with gpu-host-driver).</summary>
    public ImmutableArray<string> AnyCapability { get; init; } = [];

    /// <summary>The rule encodes a seed claim that research grades overstated or contradicted: it reproduces the seed (evidence 'seed') and applies nowhere else.</summary>
    public bool SeedOnly => Provenance is SeedReference && Status is ClaimStatus.Overstated or ClaimStatus.Contradicted or ClaimStatus.Unsupported;

    public ClaimStatus? Status { get; init; }

    /// <summary>The rule also applies when its condition cannot be decided for the profile (a field it reads is not stated), not only when it holds.</summary>
    public bool WhenUnknown { get; init; }
}

public sealed record TreeBranch(ConditionText? When, bool Else, string Next, SourceLocation Location);

public sealed record TreeNode(
    string Id,
    string? Question,
    ImmutableArray<TreeBranch> Branches,
    Stack? Outcome,
    string? Then,
    string? Note,
    SourceLocation Location);

public sealed record DecisionTree(
    string Id,
    string Name,
    Provenance Provenance,
    string Root,
    ImmutableArray<TreeNode> Nodes,
    string? Note,
    SourceLocation Location) : IEntity
{
    public TreeNode? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);
}

public enum ColumnType { Technology, Technologies, Stack, Scenario, Layer, Criterion, Text, Number, Integer, Stars, Quantity, Bool, Compat, Level }

public sealed record TableColumn(string Id, ColumnType Type, string? Title, string? Criterion, Dimension? Dimension);

/// <summary>A table cell's value in its column's shape.</summary>
public abstract record CellValue
{
    private protected CellValue() { }
    public abstract string Display();
}

public sealed record TextCell(string Text) : CellValue { public override string Display() => Text; }
public sealed record NumberCell(double Number) : CellValue { public override string Display() => Number.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture); }
public sealed record BoolCell(bool Value) : CellValue { public override string Display() => Value ? "yes" : "no"; }
public sealed record EstimateCell(Estimate Estimate) : CellValue { public override string Display() => Estimate.ToString(); }
public sealed record IdListCell(ImmutableArray<string> Ids) : CellValue { public override string Display() => string.Join(", ", Ids); }
public sealed record StackCell(Stack Stack) : CellValue { public override string Display() => Stack.ToString(); }

public sealed record TableCell(CellValue Value, string? Note, SourceLocation Location);

public sealed record TableRow(ImmutableSortedDictionary<string, TableCell> Cells, SourceLocation Location)
{
    public TableCell? this[string column] => Cells.TryGetValue(column, out var c) ? c : null;
}

/// <summary>How a table weighs its criteria columns: stated weights, or only a stated priority order.</summary>
public sealed record TableEvaluation(
    ImmutableSortedDictionary<string, double> Weights,
    ImmutableArray<string> Priority,
    string? Total);

public sealed record Table(
    string Id,
    string Title,
    Provenance Provenance,
    ImmutableArray<TableColumn> Columns,
    ImmutableArray<TableRow> Rows,
    TableEvaluation? Evaluation,
    ImmutableArray<Statement> Notes,
    SourceLocation Location) : IEntity;

/// <summary>A profile as a case states it: constraints, weights, layers.</summary>
public sealed record CaseProfile(ConstraintSet Constraints, ImmutableSortedDictionary<string, double> Weights, ImmutableArray<string> Layers);

public sealed record CaseOutcome(Stack Stack, Provenance Provenance, string? Note);

public sealed record Case(
    string Id,
    string Title,
    Provenance Provenance,
    string? Scenario,
    CaseProfile Profile,
    ImmutableArray<Stack> Options,
    CaseOutcome? Outcome,
    string? Evaluation,
    ImmutableArray<Fact> Claims,
    ImmutableArray<Statement> Notes,
    SourceLocation Location) : IEntity;

public enum MigrationKind { Migration, Evolution }

public sealed record MigrationStep(string Id, string Text, ConditionText? When, SourceLocation Location);

public sealed record Migration(
    string Id,
    MigrationKind Kind,
    string Title,
    Provenance Provenance,
    Stack? From,
    Stack? To,
    ImmutableArray<MigrationStep> Steps,
    ImmutableArray<Stack> Stages,
    SourceLocation Location) : IEntity;
