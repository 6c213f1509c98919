using System.Collections.Immutable;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;

namespace Strata.Catalog.Loading;

/// <summary>The outcome of loading: a catalogue only when there were no errors, and every diagnostic either way.</summary>
public sealed record CatalogLoadResult(Model.Entities.Catalog? Catalog, ImmutableArray<Diagnostic> Diagnostics, int FileCount)
{
    public bool Success => Catalog is not null;
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == Severity.Warning);
}
