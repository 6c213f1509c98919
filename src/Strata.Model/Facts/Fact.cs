using Strata.Model.Diagnostics;
using Strata.Model.Entities;
using Strata.Model.Evidence;

namespace Strata.Model.Facts;

/// <summary>One claim about a technology, with exactly one provenance.</summary>
/// <param name="Via">The figure holds for this technology reached through another one (Firecracker under Kubernetes through Kata); used only when that component is in the stack.</param>
/// <param name="HoldsWhen">The figure holds only under this host condition (a QEMU boot under TCG: <c>not host.kvm</c>); elsewhere it never decides.</param>
/// <param name="Representative">False for a figure kept for the record whose conditions the catalogue itself calls unrepresentative; it never decides.</param>
public sealed record Fact(
    string Name,
    FactValue Value,
    Provenance Provenance,
    string? Measures = null,
    ClaimStatus? Status = null,
    string? AsOf = null,
    string? Note = null,
    SourceLocation? Location = null)
{
    public string? Via { get; init; }

    public ConditionText? HoldsWhen { get; init; }

    /// <summary>
    /// When what the fact states became true (YYYY, YYYY-MM or YYYY-MM-DD): the release that brought a capability or
    /// the figure. A decision replayed as of an earlier year does not see the fact (Linkerd's VM workloads: 2.15, 2024-02).
    /// </summary>
    public string? Since { get; init; }

    /// <summary>Whether the fact already held in <paramref name="year"/> (a fact with no <see cref="Since"/> always has).</summary>
    public bool HeldIn(int year) => YearOf(Since) is not { } y || y <= year;

    /// <summary>The year a date or a dated text starts with (YYYY, YYYY-MM, YYYY-MM-DD, "2019 (v0.1.0)"), or null.</summary>
    public static int? YearOf(string? text) =>
        text is { Length: >= 4 } && int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : null;

    public bool Representative { get; init; } = true;

    /// <summary>An explicit "no published figure": where one looked, and why there is none.</summary>
    public bool IsUnknown => Value is UnknownValue;
}

/// <summary>A sentence (a pro, a con, a note) with its provenance.</summary>
public sealed record Statement(string Text, Provenance Provenance, ClaimStatus? Status = null, string? Note = null);
