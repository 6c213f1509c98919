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
public sealed record Measurement(string Host, string Tool, string? Date, int? Runs) : Provenance
{
    public override string Kind => "measured";
    public override string Cite() => $"measured on {Host} with {Tool}" + (Date is null ? "" : $" ({Date})");
}

/// <summary>How research judged a seed claim.</summary>
public enum ClaimStatus { Supported, Plausible, Unsupported, Overstated, Contradicted }

/// <summary>A value with its provenance: used for scenario defaults and other sourced blocks.</summary>
public sealed record Sourced<T>(T Value, Provenance Provenance, ClaimStatus? Status = null, string? Note = null);
