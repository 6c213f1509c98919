using Strata.Model.Diagnostics;
using Strata.Model.Evidence;

namespace Strata.Model.Facts;

/// <summary>One claim about a technology, with exactly one provenance.</summary>
public sealed record Fact(
    string Name,
    FactValue Value,
    Provenance Provenance,
    string? Measures = null,
    ClaimStatus? Status = null,
    string? AsOf = null,
    string? Note = null,
    SourceLocation? Location = null);

/// <summary>A sentence (a pro, a con, a note) with its provenance.</summary>
public sealed record Statement(string Text, Provenance Provenance, ClaimStatus? Status = null, string? Note = null);
