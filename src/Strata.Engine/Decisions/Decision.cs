using System.Collections.Immutable;
using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Facts;

namespace Strata.Engine.Decisions;

/// <summary>
/// M(T,R) of 003 §17.9.3, with unknown kept apart: <see cref="Partial"/> means the figure's range straddles the
/// requirement; <see cref="Unknown"/> means there is no figure at the scope asked. Neither is a pass: stacks with
/// either rank after every stack known to meet every requirement.
/// </summary>
public enum Verdict { Match, Partial, Unknown, Mismatch }

/// <summary>Where an effective requirement came from.</summary>
public sealed record RequirementOrigin(string Kind, string Id, Provenance? Provenance)
{
    public static readonly RequirementOrigin Profile = new("profile", "profile", null);

    /// <summary>The kind of a technology the profile excludes (its id says why); relaxed as the unit "exclude".</summary>
    public const string ExcludeKind = "exclude";

    /// <summary>What a relaxation names to drop this origin's forbid or allow: "rule ID", or "exclude" for the profile's exclusions.</summary>
    public string Unit => Kind == ExcludeKind ? ExcludeKind : $"rule {Id}";

    public override string ToString() => Kind == "profile" ? "profile" : $"{Kind} {Id}";
}

public sealed record EffectiveConstraint(string Field, ConstraintValue Value, RequirementOrigin Origin);

/// <summary>A requirement a rule added to the profile, with the rule's provenance.</summary>
public sealed record DerivedRequirement(string Rule, string Condition, string Adds, Provenance Provenance, string? Note);

/// <summary>The profile as the engine decides on it: the user's constraints, the scenario's defaults, and what rules derived.</summary>
public sealed record EffectiveRequirements(
    ImmutableArray<string> Layers,
    ImmutableSortedDictionary<string, EffectiveConstraint> Constraints,
    ImmutableArray<Allowance> Allowances,
    ImmutableSortedDictionary<string, ImmutableArray<RequirementOrigin>> Forbid,
    ImmutableArray<DerivedRequirement> Derived)
{
    /// <summary>The allowances that restrict <paramref name="layer"/> (each rule's own list, so relaxing one rule keeps the others).</summary>
    public IEnumerable<Allowance> AllowancesFor(string layer) => Allowances.Where(a => a.Layer == layer);

    public ConstraintSet AsConstraintSet() =>
        new(Constraints.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal));
}

/// <summary>A rule's "only these technologies may serve as this layer".</summary>
public sealed record Allowance(string Layer, ImmutableArray<string> Technologies, RequirementOrigin Origin);

/// <summary>One technology against one constraint: the verdict with what was expected, what was found, and the fact used.</summary>
public sealed record MatchResult(
    string Technology,
    string Layer,
    string Constraint,
    Verdict Verdict,
    string Expected,
    string Actual,
    Fact? Fact,
    RequirementOrigin Origin);

/// <summary>A candidate removed before composition, and why.</summary>
public sealed record Elimination(
    string Technology,
    string Layer,
    string Constraint,
    string Expected,
    string Actual,
    Verdict Verdict,
    Provenance? Provenance,
    ClaimStatus? Status,
    string Reason);

/// <summary>Combinations a compatibility rule rejected, grouped by rule and culprit.</summary>
/// <param name="Provenance">The rule's, or the failing figure's; null when the requirement is the profile's own and no figure decided it.</param>
public sealed record RejectedCombinations(string Rule, string Kind, string Subject, string Reason, int Count, Stack Example, Provenance? Provenance);

/// <summary>A technology that is not a layer choice but comes with the stack (a host runtime, a shim, a bundled part).</summary>
public sealed record SupportingComponent(string Technology, string For, string Rule, string Kind)
{
    /// <summary>The component's layer (a supporting component may sit in a layer the stack does not choose, or in its subject's own).</summary>
    public string Layer { get; init; } = "";
}

/// <summary>The figure a criterion read from one technology (for a composed scope: the composed fact, whose provenance lists the parts).</summary>
public sealed record FactUse(string Technology, Fact Fact, double Value);

/// <summary>
/// A criterion's value for a stack; <see cref="NoData"/> when at least one of its terms had no figure (counted at the
/// middle of its range here, drawn over the whole range in the Monte Carlo); <see cref="Missing"/> names what was missing.
/// What was read and what was missing are made when first asked for: a decision scores every feasible stack and shows a few.
/// </summary>
public sealed record CriterionScore(string Criterion, double Value, double Weight, double Contribution, bool NoData)
{
    private readonly Func<(ImmutableArray<string> Missing, ImmutableArray<FactUse> Facts)> _explain = static () => ([], []);
    private (ImmutableArray<string> Missing, ImmutableArray<FactUse> Facts)? _details;

    /// <summary>The figures the criterion read, one per technology and fact.</summary>
    public ImmutableArray<FactUse> Facts => Details.Facts;

    /// <summary>What had no figure: "term (technology)".</summary>
    public ImmutableArray<string> Missing => Details.Missing;

    /// <summary>Makes <see cref="Missing"/> and <see cref="Facts"/> (pure: a second call gives equal lists).</summary>
    public Func<(ImmutableArray<string> Missing, ImmutableArray<FactUse> Facts)> Explain { init => _explain = value ?? throw new ArgumentNullException(nameof(value)); }

    // A race makes the same lists twice; either is kept.
    private (ImmutableArray<string> Missing, ImmutableArray<FactUse> Facts) Details => _details ??= _explain();

    /// <summary>False when no term of the criterion applies to this profile and stack (it then separates nothing).</summary>
    public bool Applies { get; init; } = true;
}

/// <summary>
/// A ranked stack. <see cref="Verdict"/> is Match when every requirement is known to be met; Partial when some
/// requirement is only possibly met or its figure is unknown (<see cref="Caveats"/> say which). Stacks known to
/// meet every requirement rank first.
/// </summary>
public sealed record RankedStack(
    int Rank,
    Stack Stack,
    double Score,
    Verdict Verdict,
    ImmutableArray<CriterionScore> Criteria,
    ImmutableArray<MatchResult> Caveats,
    ImmutableArray<SupportingComponent> Supporting)
{
    /// <summary>The stack's own figures at the scopes its constraints compare (composed, with their parts).</summary>
    public ImmutableArray<MatchResult> StackMatches { get; init; } = [];
}

/// <summary>How much of a weighted criterion's data the top stacks have.</summary>
/// <param name="Complete">How many of the <paramref name="Stacks"/> top stacks have every figure the criterion reads.</param>
/// <param name="Low">The criterion carries at least 20 % of the weight and fewer than half the top stacks have its figures.</param>
public sealed record CriterionCoverage(string Criterion, double Weight, int Stacks, int Complete, bool Low, ImmutableArray<string> Missing)
{
    public double Share => Stacks == 0 ? 1 : (double)Complete / Stacks;
}

/// <summary>Why the winner's technology in one layer was chosen: the requirement that left no alternative, or the criteria that beat the runner-up.</summary>
/// <param name="Kind">"only" (the one candidate), "requirement" (every alternative eliminated), "criteria" (outscored), "tie" (undecided).</param>
public sealed record LayerReason(string Layer, string Chosen, string Kind, string? RunnerUp, ImmutableArray<string> Because);

public sealed record WeightSet(
    string Source,
    ImmutableSortedDictionary<string, double> Given,
    ImmutableSortedDictionary<string, double> Normalised,
    bool WasNormalised)
{
    /// <summary>The profile's order, swing or bounds, when it stated weights that way.</summary>
    public Model.Weights.WeightStatements? Statements { get; init; }

    /// <summary>For stated weights, which single weighting the table uses: "rank-order centroid", "swing normalisation", ….</summary>
    public string? PointEstimate { get; init; }

    /// <summary>The statements allow many weightings (an order or bounds): the decision is judged over all of them (SMAA-2).</summary>
    public bool Partial => Statements is { IsPartial: true };
}

/// <summary>Why the winner beat a runner-up: each criterion's weighted difference, largest first.</summary>
public sealed record Comparison(string Layer, Stack Winner, Stack Other, int OtherRank, double Margin, ImmutableArray<CriterionDelta> Deltas);

public sealed record CriterionDelta(string Criterion, double Weight, double Winner, double Other, double Contribution);

/// <summary>A layer left with no candidate, and the constraints and rules that removed them all.</summary>
public sealed record Conflict(string Layer, ImmutableArray<string> Constraints, string Summary);

public sealed record TreeOutcome(string Tree, ImmutableArray<TreeStep> Path, Stack Outcome, bool? AgreesWithWinner, ImmutableArray<TreeDisagreement> Disagreements);

/// <summary>Where a tree's answer differs from the scoring's, and why the scoring went the other way.</summary>
public sealed record TreeDisagreement(string Layer, ImmutableArray<string> TreeSays, string ScoringChose, string Why);

public sealed record TreeStep(string Node, string? Question, string? Condition, string Truth, string? Next);

/// <summary>A fact that decided the winner: behind a weighted criterion or a constraint it had to meet.</summary>
public sealed record DecisiveFact(string Technology, Fact Fact, string UsedFor, bool Flagged);

/// <summary>A decision: everything the engine concluded, as data every renderer reads.</summary>
public sealed record Decision(
    Profile Profile,
    string CatalogName,
    string CatalogVersion,
    string CatalogDigest,
    string EvidencePolicy,
    EffectiveRequirements Requirements,
    WeightSet Weights,
    ImmutableArray<RankedStack> Ranking,
    ImmutableArray<Elimination> Eliminated,
    ImmutableArray<RejectedCombinations> Rejected,
    ImmutableArray<Conflict> Conflicts,
    ImmutableArray<Comparison> Explanations,
    ImmutableArray<Tie> Ties,
    ImmutableArray<TreeOutcome> Trees,
    int CombinationsConsidered,
    ImmutableArray<DecisiveFact> DecisiveFacts)
{
    /// <summary>Per weighted criterion, how many of the top stacks have its figures.</summary>
    public ImmutableArray<CriterionCoverage> Coverage { get; init; } = [];

    /// <summary>The weighted criteria with low coverage (≥ 20 % of the weight, figures for fewer than half the top stacks): every output names them first.</summary>
    public IEnumerable<CriterionCoverage> LowCoverage => Coverage.Where(c => c.Low);

    /// <summary>When the first stacks tie, the tie: there is then no single winner.</summary>
    public Tie? TopTie { get; init; }

    /// <summary>What would separate the tied top stacks: criteria (weighted or not) on which they differ.</summary>
    public ImmutableArray<string> TieSeparators { get; init; } = [];

    /// <summary>Per layer of the winner, why it was chosen.</summary>
    public ImmutableArray<LayerReason> LayerReasons { get; init; } = [];

    /// <summary>Criteria the profile weighs that no term reads for this profile (they separate nothing).</summary>
    public ImmutableArray<string> InapplicableCriteria { get; init; } = [];

    /// <summary>With --strict, stacks that were only possibly feasible were removed.</summary>
    public bool Strict { get; init; }

    /// <summary>How the combinations were searched: every one enumerated, or branch and bound for the best (then the ranking holds only those).</summary>
    public string Search { get; init; } = "enumeration";

    /// <summary>All combinations of the surviving candidates (the product over layers).</summary>
    public long TotalCombinations { get; init; }

    /// <summary>Nodes branch and bound visited (0 when enumerating).</summary>
    public long SearchNodes { get; init; }

    /// <summary>False when branch and bound stopped at its node budget: the ranking is the best found, not proven the best.</summary>
    public bool SearchComplete { get; init; } = true;

    /// <summary>Weight stability, acceptability, Pareto front and method check; null when not asked for.</summary>
    public Robustness.RobustnessReport? Robustness { get; init; }

    /// <summary>For an infeasible profile, the smallest relaxations that admit a stack.</summary>
    public ImmutableArray<Robustness.Relaxation> Relaxations { get; init; } = [];

    public bool Feasible => !Ranking.IsEmpty;

    /// <summary>Under the 'measured' evidence policy, the decisive facts that no measurement backs (empty under the others).</summary>
    public IEnumerable<DecisiveFact> Unmeasured =>
        EvidencePolicy == Evidence.FactSelector.Measured.Name ? DecisiveFacts.Where(f => f.Fact.Provenance is not Model.Evidence.Measurement) : [];
    public RankedStack? Winner => Ranking.IsEmpty ? null : Ranking[0];

    /// <summary>
    /// The stack the decision recommends. With weights stated as an order or bounds, and the Monte Carlo run, the one
    /// with the highest first-rank acceptability over every weighting they allow (SMAA-2); otherwise the table's first.
    /// </summary>
    public RankedStack? Chosen =>
        Weights.Partial && Robustness?.MonteCarlo is { WeightSpace: not null, MostAcceptable: { } best }
            ? Ranking.FirstOrDefault(r => r.Stack.Equals(best)) ?? Winner
            : Winner;

    /// <summary>True when <see cref="Chosen"/> is not the table's first stack (the centroid weights and the whole weight set disagree).</summary>
    public bool ChosenDiffersFromTable => Chosen is { } c && Winner is { } w && !c.Stack.Equals(w.Stack);

    /// <summary>The chosen stack's first-rank acceptability over the statements' weightings, when that is what chose it.</summary>
    public Robustness.Acceptability? ChosenAcceptability =>
        Weights.Partial && Robustness?.MonteCarlo is { WeightSpace: not null } mc && Chosen is { } c
            ? mc.Acceptability.FirstOrDefault(a => a.Stack.Equals(c.Stack))
            : null;
}

/// <summary>One stack examined in full against a profile (`strata explain`): every check, every score, its rank.</summary>
public sealed record StackAssessment(
    Stack Stack,
    bool Feasible,
    ImmutableArray<MatchResult> Matches,
    ImmutableArray<Elimination> Eliminations,
    RejectedCombinations? RuleViolation,
    ImmutableArray<SupportingComponent> Supporting,
    ImmutableArray<CriterionScore> Criteria,
    double Score,
    int? Rank,
    Comparison? VersusWinner)
{
    /// <summary>The assessed stack as a ranking row (rank 0 when it is not in the ranking), to compare two assessments.</summary>
    public RankedStack AsRanked() => new(Rank ?? 0, Stack, Score, Feasible ? Verdict.Match : Verdict.Mismatch, Criteria, [], Supporting);
}

/// <summary>
/// Ranks <see cref="FirstRank"/> to <see cref="LastRank"/> share one score: their stacks differ only in
/// <see cref="Layers"/>, which no weighted criterion tells apart. They are ordered by the criteria the profile does
/// not weigh (<see cref="Scoring.TieBreak"/>), then by name.
/// </summary>
public sealed record Tie(int FirstRank, int LastRank, double Score, ImmutableArray<string> Layers)
{
    /// <summary>The unweighted criteria on which the first of the run leads the first stack of the run they rank lower; empty when only names order the run.</summary>
    public ImmutableArray<string> OrderedBy { get; init; } = [];

    /// <summary>How many stacks from the start of the run also tie on the criteria the profile does not weigh (1: the tie-break left one first).</summary>
    public int Residual { get; init; } = 1;

    /// <summary>True when the criteria the profile does not weigh put the first stack ahead of every other in the run (not only its name).</summary>
    public bool Broken => Residual == 1;
}
