namespace Strata.Model.Evidence;

/// <summary>Where a fact comes from: a seed section, a primary source, or a measurement on a host.</summary>
public abstract record Provenance
{
    private protected Provenance() { }

    /// <summary><c>seed</c>, <c>source</c> or <c>measured</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>A one-line citation for tables.</summary>
    public abstract string Cite();
}

/// <summary>A seed document and section, e.g. <c>003 §17.3.2</c>.</summary>
public sealed record SeedReference(string SeedId, string Section) : Provenance
{
    public override string Kind => "seed";
    public override string Cite() => $"{SeedId} §{Section}";
}

public enum SourceGrade { Primary, Paper, Docs, Vendor }

/// <summary>A published source with the conditions under which its figure holds.</summary>
public sealed record SourceReference(Uri Url, string? Conditions, SourceGrade Grade) : Provenance
{
    public override string Kind => "source";
    public override string Cite() => Url.ToString();
}

/// <summary>A measurement on a host, written by <c>strata measure --save</c>.</summary>
/// <remarks>
/// <see cref="Here"/> is true only for measurements of the host being decided for (a measurements file from
/// <c>strata measure</c> passed to the command); a measurement in the catalogue was taken on another machine
/// and counts like a published source with its conditions.
/// </remarks>
public sealed record Measurement(string Host, string Tool, string? Date, int? Runs) : Provenance
{
    public bool Here { get; init; }

    public override string Kind => "measured";
    public override string Cite() => $"measured on {Host} with {Tool}" + (Date is null ? "" : $" ({Date})") + (Here ? " (this host)" : "");
}

/// <summary>
/// A figure the engine combined from several facts of equal standing at one scope: their envelope (quantities)
/// or their union (sets). Every part keeps its own provenance.
/// </summary>
public sealed record CombinedProvenance(string How, System.Collections.Immutable.ImmutableArray<Facts.Fact> Parts) : Provenance
{
    public override string Kind => "combined";
    public override string Cite() => $"{How} of {Parts.Length} sources: " + string.Join("; ", Parts.Select(p => p.Provenance.Cite()));
}

/// <summary>A stack's figure at a scope, composed from its parts (each a fact of one component) by a rule of the catalogue.</summary>
public sealed record ComposedProvenance(string Scope, System.Collections.Immutable.ImmutableArray<ComposedPart> Parts) : Provenance
{
    public override string Kind => "composed";
    public override string Cite() => $"{Scope} = " + string.Join(" + ", Parts.Select(p => $"{p.Fact.Value.Display()} {p.Label} ({p.Technology}) [{p.Fact.Provenance.Cite()}]"));
}

/// <summary>One part of a composed figure: which component, in which role, with which fact.</summary>
public sealed record ComposedPart(string Label, string Technology, Facts.Fact Fact);

/// <summary>How research judged a seed claim.</summary>
public enum ClaimStatus { Supported, Plausible, Unsupported, Overstated, Contradicted }

/// <summary>A value with its provenance: used for scenario defaults and other sourced blocks.</summary>
public sealed record Sourced<T>(T Value, Provenance Provenance, ClaimStatus? Status = null, string? Note = null);
