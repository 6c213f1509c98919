using Strata.Engine.Robustness;

namespace Strata.Application.Requests;

/// <summary>
/// A request for a decision (or an analysis of one) on a profile. Everything but the profile has a default:
/// the bundled catalogue, evidence 'sourced', no measurements, the profile's own host facts, no robustness,
/// and AHP comparisons refused when they are inconsistent.
/// </summary>
public sealed record DecisionRequest(ProfileSource Profile)
{
    public CatalogLocation Catalog { get; init; } = CatalogLocation.Bundled;

    /// <summary>Which figure decides when a technology has several: seed, sourced or measured (<see cref="Engine.Evidence.FactSelector.Names"/>).</summary>
    public string Evidence { get; init; } = "sourced";

    /// <summary>A file of measured evidence <c>strata measure --save</c> wrote, added to the catalogue for this request.</summary>
    public string? Measurements { get; init; }

    /// <summary>Host facts that override the profile's <c>host:</c> block.</summary>
    public HostSource? Host { get; init; }

    /// <summary>A fleet node's own facts: its constraints over the profile's and its host block instead of the profile's (applied after <see cref="Host"/>).</summary>
    public NodeOverride? Node { get; init; }

    /// <summary>Weight stability, Monte Carlo acceptability, Pareto and TOPSIS with these options; null for none. Used by recommend and report.</summary>
    public RobustnessOptions? Robustness { get; init; }

    /// <summary>How far the relaxation search of an infeasible profile goes: every smallest relaxation (the default), or only the first of them.</summary>
    public RelaxationSearch Relaxations { get; init; } = RelaxationSearch.All;

    /// <summary>False: the decision holds its ranking, eliminations, conflicts and relaxations, without what explains the ranking (ties, runners-up, trees, layer reasons, decisive facts, coverage).</summary>
    public bool ExplainRanking { get; init; } = true;

    /// <summary>Use AHP weights even when their consistency ratio exceeds 0.1.</summary>
    public bool ForceAhp { get; init; }

    /// <summary>Remove stacks not known to meet every requirement (partial or unknown figures) instead of ranking them after the known ones.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Replay a reference profile's decision as of its <c>as_of</c> year: technologies whose first release came later are
    /// excluded (a team could not have chosen them). Used by the reference suite; no effect on a profile without it.
    /// </summary>
    public bool AsOfReference { get; init; }

    /// <summary>Weights per criterion that replace the profile's (and its AHP comparisons'); null keeps the profile's. A server's sliders send these.</summary>
    public System.Collections.Immutable.ImmutableSortedDictionary<string, double>? Weights { get; init; }

    /// <summary>
    /// Stops the work part-way (a server's per-request time limit): the engine's search and sampling loops throw
    /// <see cref="OperationCanceledException"/> at their next check point.
    /// </summary>
    public CancellationToken Cancel { get; init; }
}
