using System.Collections.Immutable;
using Strata.Catalog.Loading;
using Strata.Engine.Audit;
using Strata.Engine.Decisions;
using Strata.Engine.Matrix;
using Strata.Engine.Planning;
using Strata.Engine.Radar;
using Strata.Host.Measure;
using Strata.Model.Entities;

namespace Strata.Application.Results;

/// <summary>A catalogue as checked: the load result with every diagnostic, and how messages name it.</summary>
public sealed record CatalogValidation(string Source, CatalogLoadResult Result);

/// <summary>The catalogue's technologies, all or of one layer.</summary>
public sealed record TechnologyList(Model.Entities.Catalog Catalog, ImmutableArray<Technology> Technologies);

/// <summary>How much of what the criteria read the catalogue has, per layer (`strata catalog coverage`).</summary>
public sealed record CatalogCoverage(Model.Entities.Catalog Catalog, Engine.Coverage.CoverageReport Report, double? Required)
{
    /// <summary>The layers below the required share of figures (none when no share was required).</summary>
    public IEnumerable<Engine.Coverage.LayerCoverage> BelowRequired => Required is { } r ? Report.Layers.Where(l => l.Share < r - 1e-9) : [];
}

/// <summary>One capability of the vocabulary: which technologies of its layer have it, have it only with another component, lack it, or do not say.</summary>
public sealed record CapabilityRow(CapabilityDefinition Definition, ImmutableArray<string> Have, ImmutableArray<(string Technology, string With)> HaveWith,
    ImmutableArray<string> Lack, ImmutableArray<string> Unknown);

/// <summary>The capability vocabulary against the catalogue (`strata catalog capabilities`).</summary>
public sealed record CapabilityTable(Model.Entities.Catalog Catalog, ImmutableArray<CapabilityRow> Rows);

/// <summary>One technology with the catalogue it belongs to.</summary>
public sealed record TechnologyDetail(Model.Entities.Catalog Catalog, Technology Technology);

/// <summary>A synthetic catalogue written for scale tests.</summary>
public sealed record SyntheticCatalogWritten(string Path, int Technologies, int Rules, int Seed);

/// <summary>One stack examined against a profile: as asked, and as assessed (completed from the best feasible stack).</summary>
public sealed record Explanation(Decision Decision, Stack Asked, StackAssessment Assessment);

/// <summary>Two stacks examined against a profile, and what decides between them.</summary>
public sealed record StackComparison(Decision Decision, StackAssessment First, StackAssessment Second, Comparison Comparison);

/// <summary>A decision written down: with its robustness, the implementation plan (null when nothing is feasible) and the catalogue it was made on.</summary>
public sealed record DecisionReport(Decision Decision, ImplementationPlan? Plan, Model.Entities.Catalog Catalog);

/// <summary>A decision tree walked on a profile.</summary>
public sealed record TreeWalk(DecisionTree Tree, Profile Profile, TreeOutcome Outcome);

/// <summary>001's matrix view, for a scenario (null when a vector was given outright).</summary>
public sealed record RankedChains(string? Scenario, MatrixRanking Ranking);

/// <summary>The seeds' decision tables recomputed; <see cref="DefectChangesAWinner"/> is the domain "no".</summary>
public sealed record TableAudits(ImmutableArray<TableAudit> Audits)
{
    public bool DefectChangesAWinner => Audits.Any(a => a.Verdict == AuditVerdict.DefectChangesWinner);
}

/// <summary>A technology radar from the engine's verdicts.</summary>
public sealed record TechnologyRadar(ImmutableArray<RadarEntry> Entries);

/// <summary>What the isolation tools cost on this host; <see cref="Interrupted"/> when the run was cancelled (nothing should be saved).</summary>
public sealed record Measurement(MeasureReport Report, bool Interrupted);

/// <summary>The reference suite decided: each real decision against Strata's answer, and how many matched.</summary>
public sealed record ReferenceSuite(string Directory, ImmutableArray<Engine.Reference.ReferenceResult> Results)
{
    public int Matched => Results.Count(r => r.Matched);

    public int Total => Results.Length;
}
