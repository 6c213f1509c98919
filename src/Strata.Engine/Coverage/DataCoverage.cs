using System.Collections.Immutable;
using Strata.Engine.Evidence;
using Strata.Model.Entities;

namespace Strata.Engine.Coverage;

public enum CoverageStatus { Figure, Unknown, Nothing }

/// <summary>One technology against one criterion term of its layer: a figure, an explicit "unknown" (with why), or nothing.</summary>
public sealed record CoverageCell(string Layer, string Criterion, string Term, string Technology, CoverageStatus Status, string? Value, string? Why);

/// <summary>Per layer, how many of its technology × term cells have a figure.</summary>
public sealed record LayerCoverage(string Layer, int Cells, int Figures, int Unknown, int Nothing)
{
    public double Share => Cells == 0 ? 1 : (double)Figures / Cells;
}

public sealed record CoverageReport(string Evidence, ImmutableArray<LayerCoverage> Layers, ImmutableArray<CoverageCell> Cells);

/// <summary>
/// `strata catalog coverage`: for every layer profiles decide and every criterion term that reads it, which
/// technologies have a figure the default evidence policy would use, which have an explicit "unknown", and which
/// have nothing. Seed-only terms (the seeds' star ratings) are left out: they decide nothing outside the seeds' tables.
/// </summary>
public static class DataCoverage
{
    public static IReadOnlySet<string> DecidedLayers { get; } = new HashSet<string>(StringComparer.Ordinal) { "serverless", "service-mesh", "container-engine", "accelerator" };

    public static CoverageReport Compute(Model.Entities.Catalog catalog, FactSelector? policy = null, string? onlyLayer = null)
    {
        policy ??= FactSelector.Sourced;
        var cells = ImmutableArray.CreateBuilder<CoverageCell>();
        var layers = catalog.OrderedLayers.Where(l => (l.Core || DecidedLayers.Contains(l.Id)) && (onlyLayer is null || l.Id == onlyLayer)).ToList();
        foreach (var layer in layers)
        {
            var techs = catalog.Technologies.Where(t => t.Layer == layer.Id).ToList();
            foreach (var criterion in catalog.Criteria)
            {
                foreach (var term in criterion.Value.Where(t => !t.SeedOnly && t.Capability is null && !t.Preferences))
                {
                    var reads = ReadsLayer(catalog, term, layer.Id);
                    if (reads.Count == 0)
                    {
                        continue;
                    }
                    foreach (var t in techs)
                    {
                        cells.Add(Cell(policy, layer.Id, criterion.Id, term, t, reads));
                    }
                }
            }
        }
        var all = cells.ToImmutable();
        var summary = all.GroupBy(c => c.Layer)
            .Select(g => new LayerCoverage(g.Key, g.Count(), g.Count(c => c.Status == CoverageStatus.Figure), g.Count(c => c.Status == CoverageStatus.Unknown), g.Count(c => c.Status == CoverageStatus.Nothing)))
            .OrderBy(l => layers.FindIndex(x => x.Id == l.Layer))
            .ToImmutableArray();
        return new CoverageReport(policy.Name, summary, all);
    }

    /// <summary>The measures a term reads for a layer's technologies: one list for a plain term, one per way for a scope.</summary>
    private static List<ImmutableArray<string>> ReadsLayer(Model.Entities.Catalog catalog, ValueTerm term, string layer)
    {
        if (term.Scope is { } scope)
        {
            var scopes = scope.StartsWith('@') && catalog.Vocabulary.Constraints.TryGetValue(scope[1..], out var def)
                ? def.Scopes.Select(c => catalog.Vocabulary.Scopes[c.Scope])
                : catalog.Vocabulary.Scopes.TryGetValue(scope, out var sd) ? [sd] : [];
            return [.. scopes.SelectMany(s => s.Ways).SelectMany(w => w.Parts).Where(p => p.Layers.Contains(layer) && !p.Optional).Select(p => p.Measures)];
        }
        return term.Reads(layer) ? [term.Measures] : [];
    }

    private static CoverageCell Cell(FactSelector policy, string layer, string criterion, ValueTerm term, Technology t, List<ImmutableArray<string>> reads)
    {
        Model.Facts.Fact? unknown = null;
        foreach (var measures in reads)
        {
            // A figure that holds via another component counts: the stack that has that component gets it.
            var members = t.Facts.Where(f => f.Via is not null).Select(f => f.Via!).ToHashSet(StringComparer.Ordinal);
            var f = policy.Select(t, term.Fact, measures, members, _ => Conditions.Truth.True);
            if (f is { IsUnknown: false } && (term.Scale is not (ScaleKind.Ordinal) || Scoring.StackScorer.Raw(term, f) is not null))
            {
                return new CoverageCell(layer, criterion, term.Label, t.Id, CoverageStatus.Figure, f.Value.Display(), null);
            }
            if (Scoring.StackScorer.NotScored(term, f))
            {
                // Known, and outside what the term scores (not a CNCF project): nothing is missing.
                return new CoverageCell(layer, criterion, term.Label, t.Id, CoverageStatus.Figure, f!.Value.Display() + " (not scored)", null);
            }
            unknown ??= f is { IsUnknown: true } ? f : null;
        }
        return unknown is not null
            ? new CoverageCell(layer, criterion, term.Label, t.Id, CoverageStatus.Unknown, null, unknown.Note)
            : new CoverageCell(layer, criterion, term.Label, t.Id, CoverageStatus.Nothing, null, null);
    }
}
