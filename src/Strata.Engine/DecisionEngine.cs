using System.Collections.Immutable;
using Strata.Engine.Composition;
using Strata.Engine.Conditions;
using Strata.Engine.Decisions;
using Strata.Engine.Evidence;
using Strata.Engine.Matching;
using Strata.Engine.Requirements;
using Strata.Engine.Scoring;
using Strata.Engine.Trees;
using Strata.Model.Entities;

namespace Strata.Engine;

/// <summary>
/// T*(S,C) = argmax_T Σ wᵢ·fᵢ(T,S,C), following the decision flow of 003 §17.6.2: requirements,
/// constraints, options, spec matching, combinations, the best feasible one — and every step as data.
/// </summary>
public sealed class DecisionEngine(Model.Entities.Catalog catalog)
{
    private const double TieTolerance = 1e-9;

    /// <summary>Which figure to use when a technology has several (default: a primary source over the seed, a measurement over both).</summary>
    public FactSelector Facts { get; init; } = FactSelector.Sourced;

    /// <summary>Above this many combinations, branch and bound finds the best stacks instead of enumerating all.</summary>
    public long EnumerationLimit { get; init; } = StackComposer.DefaultEnumerationLimit;

    /// <summary>With strict, a stack that only possibly meets a requirement (a partial or unknown figure) is removed instead of ranked last.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Whether <see cref="DecideFully"/> explains its ranking (default): ties, runners-up, trees, layer reasons, decisive
    /// facts and coverage. Without, a decision holds the ranking, eliminations, rejections, conflicts and relaxations
    /// only (what a caller that reads the winner and why nothing is feasible needs); asking for robustness explains anyway.
    /// </summary>
    public bool ExplainRanking { get; init; } = true;

    /// <summary>How far <see cref="DecideFully"/> searches for relaxations of an infeasible profile (default: all the smallest).</summary>
    public Robustness.RelaxationSearch RelaxationSearch { get; init; } = Robustness.RelaxationSearch.All;

    /// <summary>
    /// Stops a decision part-way (a server's per-request time limit): each decision, relaxation, candidate, enumerated
    /// stack and search node checks it and throws <see cref="OperationCanceledException"/>; robustness sampling without
    /// a token of its own uses this one.
    /// </summary>
    public CancellationToken Cancel { get; init; }

    // What a decision was scored with, kept so that its analyses (robustness) read the same figures.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Decision, DecisionState> _states = [];

    private sealed record DecisionState(StackScorer Scorer, Dictionary<Stack, Composition.StackView> Views);

    public Decision Decide(Profile profile) => Decide(profile, null);

    /// <summary>
    /// The whole answer: the decision, its robustness (skipped when <paramref name="robustness"/> is
    /// null) and, when nothing is feasible, the smallest relaxations.
    /// </summary>
    public Decision DecideFully(Profile profile, Robustness.RobustnessOptions? robustness)
    {
        var decision = Decide(profile, null, explain: ExplainRanking || robustness is not null);
        if (robustness is { Cancel.CanBeCanceled: false } && Cancel.CanBeCanceled)
        {
            robustness = robustness with { Cancel = Cancel };
        }
        robustness?.Cancel.ThrowIfCancellationRequested();
        return decision with
        {
            Robustness = robustness is null ? null : Analyse(decision, robustness),
            Relaxations = Relaxations(profile, decision, search: RelaxationSearch),
        };
    }

    /// <summary>
    /// Decides with some requirements relaxed: a constraint field ("cold_start"), one word of a list
    /// ("needs:revisions"), a rule's forbid or allow ("rule sqlite-no-ha") or a host fact ("host.kvm"). Used to find
    /// the smallest relaxations of an infeasible profile.
    /// </summary>
    public Decision Decide(Profile profile, IReadOnlySet<string>? relaxed) => Decide(profile, relaxed, explain: true);

    /// <summary>
    /// Without <paramref name="explain"/>, only the ranking: the ties, runners-up, trees, layer reasons, decisive facts and
    /// coverage that explain it are left empty, and no state is kept for robustness. A relaxation search reads no more.
    /// </summary>
    private Decision Decide(Profile profile, IReadOnlySet<string>? relaxed, bool explain)
    {
        Cancel.ThrowIfCancellationRequested();
        var requirements = RequirementDeriver.Derive(catalog, profile, Facts.IsSeed);
        if (relaxed is { Count: > 0 })
        {
            var constraints = requirements.Constraints.RemoveRange(requirements.Constraints.Keys.Where(relaxed.Contains));
            foreach (var unit in relaxed.Where(u => u.Contains(':')))
            {
                var (field, word) = (unit[..unit.IndexOf(':')], unit[(unit.IndexOf(':') + 1)..]);
                if (constraints.TryGetValue(field, out var c) && c.Value is WordSetConstraint ws)
                {
                    var rest = ws.Words.Remove(word);
                    constraints = rest.IsEmpty ? constraints.Remove(field) : constraints.SetItem(field, c with { Value = new WordSetConstraint(rest) });
                }
            }
            requirements = requirements with
            {
                Constraints = constraints,
                Forbid = requirements.Forbid
                    .Select(f => (f.Key, Origins: f.Value.RemoveAll(o => relaxed.Contains(o.Unit))))
                    .Where(f => !f.Origins.IsEmpty)
                    .ToImmutableSortedDictionary(f => f.Key, f => f.Origins, StringComparer.Ordinal),
                Allowances = requirements.Allowances.RemoveAll(a => relaxed.Contains(a.Origin.Unit)),
            };
            var host = profile.Host.RemoveRange(profile.Host.Keys.Where(k => relaxed.Contains($"host.{k}")));
            profile = profile with { Host = host };
        }
        var view = new ProfileView(profile.Scenario, requirements.AsConstraintSet(), profile.Host) { Layers = requirements.Layers };
        var evaluator = new ConditionEvaluator(catalog, view);
        var prefers = requirements.Constraints.TryGetValue("prefers", out var pc) && pc.Value is WordSetConstraint pw ? pw.Words : [];
        var weights = Weights.Resolve(catalog, profile, !prefers.IsEmpty);
        var context = new ScoringContext(catalog, Facts, evaluator, weights, prefers);
        var scorer = new StackScorer(catalog, context);
        context.CalibrateComponents(scorer, catalog);
        var matcher = new SpecMatcher(catalog, Facts) { Holds = context.Holds };
        var composition = new StackComposer(catalog, matcher) { Scorer = scorer, EnumerationLimit = EnumerationLimit, SeedPolicy = Facts.IsSeed, Cancel = Cancel }
            .Compose(profile, requirements, evaluator);

        var feasible = Strict ? composition.Feasible.Where(f => f.Caveats.IsEmpty).ToList() : [.. composition.Feasible];
        var scored = feasible
            .Select(f => (f.Stack, f.Caveats, f.Supporting, f.StackMatches, f.View, Criteria: scorer.Score(f.View)))
            .Select(x => (x.Stack, x.Caveats, x.Supporting, x.StackMatches, x.View, x.Criteria, Score: x.Criteria.Sum(c => c.Contribution)))
            // Stacks known to meet every requirement first; then the highest score; equal scores by the criteria the
            // profile does not weigh (TieBreak), then in the stack's canonical order, so ties break the same way every
            // time (and are reported as ties, with what ordered them).
            .OrderBy(x => x.Caveats.IsEmpty ? 0 : 1)
            .ThenByDescending(x => Math.Round(x.Score, 12))
            .ThenByDescending(x => TieBreak.Secondary(x.Criteria))
            .ThenBy(x => x.Stack.ToString(), StringComparer.Ordinal)
            .ToList();

        var ranking = scored.Select((x, i) => new RankedStack(i + 1, x.Stack, x.Score,
            x.Caveats.IsEmpty ? Verdict.Match : Verdict.Partial, x.Criteria, x.Caveats, x.Supporting) { StackMatches = x.StackMatches }).ToImmutableArray();

        var ties = explain ? Ties(ranking) : [];
        var explanations = ranking.Length == 0 || !explain ? [] : PerLayerRunnersUp(ranking);
        var trees = explain ? TreeOutcomes(profile, evaluator, ranking, composition) : [];
        var topTie = ties.FirstOrDefault(t => t.FirstRank == 1);
        var eliminated = composition.Eliminated;
        if (Strict)
        {
            eliminated = eliminated.AddRange(composition.Feasible.Where(f => !f.Caveats.IsEmpty).SelectMany(f => f.Caveats)
                .DistinctBy(c => (c.Technology, c.Constraint))
                .Select(c => new Elimination(c.Technology, c.Layer, c.Constraint, c.Expected, c.Actual, c.Verdict, c.Fact?.Provenance, c.Fact?.Status,
                    $"{c.Constraint}: expected {c.Expected}, {c.Technology} has {c.Actual} (not known to meet it; --strict)")));
        }

        var decision = new Decision(profile, catalog.Manifest.Name, catalog.Manifest.Version, catalog.Digest, Facts.Name, requirements, weights,
            ranking, eliminated, composition.Rejected, composition.Conflicts, explanations, ties, trees, composition.Considered,
            ranking.IsEmpty || !explain ? [] : Decisive(ranking[0], composition))
        {
            Search = composition.Searched ? "branch-and-bound" : "enumeration",
            TotalCombinations = composition.TotalCombinations,
            SearchNodes = composition.SearchNodes,
            SearchComplete = composition.SearchComplete,
            Coverage = explain ? Coverage(ranking, weights) : [],
            TopTie = topTie,
            TieSeparators = topTie is null ? [] : Separators(ranking, topTie),
            LayerReasons = ranking.IsEmpty || !explain ? [] : LayerReasons(ranking, requirements, composition, topTie),
            InapplicableCriteria = ranking.IsEmpty ? [] : [.. ranking[0].Criteria.Where(c => c.Weight > 0 && !c.Applies).Select(c => c.Criterion)],
            Strict = Strict,
        };
        if (explain)
        {
            _states.AddOrUpdate(decision, new DecisionState(scorer, scored.ToDictionary(x => x.Stack, x => x.View)));
        }
        return decision;
    }

    /// <summary>Per weighted criterion: of the top stacks (at most 20), how many have every figure it reads.</summary>
    private static ImmutableArray<CriterionCoverage> Coverage(ImmutableArray<RankedStack> ranking, WeightSet weights)
    {
        if (ranking.IsEmpty)
        {
            return [];
        }
        var top = ranking.Take(20).ToList();
        var result = ImmutableArray.CreateBuilder<CriterionCoverage>();
        for (var k = 0; k < top[0].Criteria.Length; k++)
        {
            var c = top[0].Criteria[k];
            if (c.Weight <= 0)
            {
                continue;
            }
            var complete = top.Count(r => !r.Criteria[k].NoData);
            var missing = top.SelectMany(r => r.Criteria[k].Missing).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(8).ToImmutableArray();
            result.Add(new CriterionCoverage(c.Criterion, c.Weight, top.Count, complete, c.Weight >= 0.2 - 1e-9 && complete * 2 < top.Count, missing));
        }
        return result.ToImmutable();
    }

    /// <summary>What would tell the tied top stacks apart: every criterion, weighted or not, on which their values differ.</summary>
    private static ImmutableArray<string> Separators(ImmutableArray<RankedStack> ranking, Tie tie)
    {
        var tied = ranking.Skip(tie.FirstRank - 1).Take(tie.LastRank - tie.FirstRank + 1).ToList();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var result = ImmutableArray.CreateBuilder<string>();
        for (var k = 0; k < tied[0].Criteria.Length; k++)
        {
            var values = tied.Select(r => r.Criteria[k].Value).ToList();
            if (values.Max() - values.Min() > 1e-9)
            {
                var differing = string.Join(", ", tie.Layers.Select(l => l));
                result.Add($"{tied[0].Criteria[k].Criterion} ({string.Join(", ", tied.Take(4).Select(r => $"{DiffName(r, tied[0], tie)} {r.Criteria[k].Value.ToString("0.00", inv)}"))})");
            }
        }
        if (tied.Any(r => r.Criteria.Any(c => c.Weight > 0 && c.NoData)))
        {
            result.Add("figures the weighted criteria miss: " + string.Join(", ", tied.SelectMany(r => r.Criteria.Where(c => c.Weight > 0).SelectMany(c => c.Missing)).Distinct(StringComparer.Ordinal).Take(6)));
        }
        return result.ToImmutable();

        static string DiffName(RankedStack r, RankedStack first, Tie t) =>
            string.Join("+", t.Layers.Select(l => r.Stack.Layers.TryGetValue(l, out var ids) ? ids[0] : "-"));
    }

    /// <summary>Per layer of the winner: left alone by the requirements, or chosen over the runner-up on the criteria.</summary>
    private static ImmutableArray<LayerReason> LayerReasons(ImmutableArray<RankedStack> ranking, EffectiveRequirements requirements, Composition.Composition composition, Tie? topTie)
    {
        var winner = ranking[0];
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var result = ImmutableArray.CreateBuilder<LayerReason>();
        foreach (var (layer, ids) in winner.Stack.Layers)
        {
            var chosen = ids[0];
            if (topTie is not null && topTie.Layers.Contains(layer))
            {
                var runnerUp = ranking.Skip(1).Take(topTie.LastRank - 1).FirstOrDefault(r => r.Stack.Layers.TryGetValue(layer, out var o) && o[0] != chosen);
                var order = runnerUp is null ? [] : TieBreak.Reasons(winner, runnerUp);
                result.Add(new LayerReason(layer, chosen, "tie", runnerUp?.Stack.Layers[layer][0], order.IsEmpty
                    ? ["no criterion, weighted or not, separates the tied stacks in this layer: listed in name order"]
                    : ["no weighted criterion separates the tied stacks in this layer; ordered by the criteria the profile does not weigh", .. order]));
                continue;
            }
            var other = ranking.Skip(1).FirstOrDefault(r => r.Stack.Layers.TryGetValue(layer, out var o) && o[0] != chosen);
            var eliminatedHere = composition.Eliminated.Where(e => e.Layer == layer && e.Technology != chosen).ToList();
            if (other is null)
            {
                var because = eliminatedHere.GroupBy(e => e.Technology).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => $"{g.Key}: {g.First().Reason}").ToImmutableArray();
                var rejectedHere = composition.Rejected.Where(r => r.Example.Layers.TryGetValue(layer, out var x) && x[0] != chosen).Select(r => $"every stack with {r.Example.Layers[layer][0]} broke {r.Rule}: {r.Reason}");
                result.Add(new LayerReason(layer, chosen, because.IsEmpty && !rejectedHere.Any() ? "only" : "requirement", null, [.. because, .. rejectedHere.Distinct().Take(4)]));
                continue;
            }
            var c = Compare(winner, other, layer);
            var lead = c.Deltas.Where(d => d.Contribution > 0).Take(3).Select(d => $"{d.Criterion} +{d.Contribution.ToString("0.000", inv)}").ToImmutableArray();
            var tier = winner.Verdict == Verdict.Match && other.Verdict != Verdict.Match ? ImmutableArray.Create($"{other.Stack.Layers[layer][0]}'s best stack is not known to meet every requirement") : [];
            result.Add(new LayerReason(layer, chosen, "criteria", other.Stack.Layers[layer][0], [.. tier, .. lead]));
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// For an infeasible profile: the smallest sets of requirements (constraints, rules, host facts that
    /// eliminated candidates) whose relaxation admits a stack, each with the best stacks it admits.
    /// Searches sets of one, then two, then three; with <see cref="Robustness.RelaxationSearch.First"/>, only until the
    /// first relaxation of that list is certain (the first set of the smallest size whose best stack is known to meet
    /// every other requirement, else the first that admits any stack), and returns that one.
    /// </summary>
    public ImmutableArray<Robustness.Relaxation> Relaxations(Profile profile, Decision decision, int maxSize = 3,
        Robustness.RelaxationSearch search = Robustness.RelaxationSearch.All)
    {
        if (decision.Feasible)
        {
            return [];
        }
        // Compatibility rules (requires, excludes) state how technologies work together; they are not relaxed.
        var units = decision.Eliminated.Select(e => e.Constraint)
            .Concat(decision.Rejected.Where(r => r.Kind == "constraint").Select(r => r.Rule))
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        for (var size = 1; size <= Math.Min(maxSize, units.Length); size++)
        {
            var found = new List<(Robustness.Relaxation Relaxation, bool Known)>();
            foreach (var subset in Subsets(units, size))
            {
                var relaxed = subset.ToHashSet(StringComparer.Ordinal);
                var d = Decide(profile, relaxed, explain: false);
                if (d.Feasible)
                {
                    var relaxation = new Robustness.Relaxation([.. subset], [.. d.Ranking.Take(3).Select(r => r.Stack)], [.. d.Ranking.Take(3).Select(r => r.Score)]);
                    var known = d.Winner!.Verdict == Verdict.Match;
                    if (known && search == Robustness.RelaxationSearch.First)
                    {
                        // No set searched later can be listed before the first known one.
                        return [relaxation];
                    }
                    found.Add((relaxation, known));
                }
            }
            if (found.Count > 0)
            {
                // Relaxations that admit a stack known to meet every other requirement first; then those whose stacks
                // are only not known to fail one (a missing figure), in the order searched.
                var listed = found.OrderBy(f => f.Known ? 0 : 1).Select(f => f.Relaxation);
                return search == Robustness.RelaxationSearch.First ? [listed.First()] : [.. listed];
            }
        }
        return [];
    }

    private static IEnumerable<string[]> Subsets(string[] items, int size)
    {
        var index = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return [.. index.Select(i => items[i])];
            var k = size - 1;
            while (k >= 0 && index[k] == items.Length - size + k)
            {
                k--;
            }
            if (k < 0)
            {
                yield break;
            }
            index[k]++;
            for (var j = k + 1; j < size; j++)
            {
                index[j] = index[j - 1] + 1;
            }
        }
    }

    /// <summary>Weight stability, Monte Carlo acceptability, the Pareto front and the TOPSIS check for a decision.</summary>
    public Robustness.RobustnessReport Analyse(Decision decision, Robustness.RobustnessOptions options)
    {
        var stability = Robustness.WeightStability.Analyse(decision.Ranking);
        var (front, count) = Robustness.Pareto.Front(decision.Ranking);
        var topsis = Robustness.Topsis.Check(decision.Ranking);
        if (!_states.TryGetValue(decision, out var state))
        {
            // A decision made elsewhere: decide again to recover the figures it was scored with.
            var again = Decide(decision.Profile);
            state = _states.TryGetValue(again, out var s2) ? s2 : throw new InvalidOperationException("The engine kept no state for its own decision.");
        }
        var sampler = new Robustness.MonteCarlo(catalog, state.Scorer, r => state.Views.TryGetValue(r.Stack, out var v) ? v
            : throw new InvalidOperationException($"The decision has no stack {r.Stack} to sample."));
        // An order or bounds allow many weightings: the samples draw from all of them (SMAA-2), not around the table's.
        var space = decision.Weights.Partial ? Model.Weights.OrdinalWeights.For(decision.Weights.Statements!) : null;
        var mc = decision.Ranking.IsEmpty || options.Samples <= 0 ? null : sampler.Run(decision.Ranking, options, space);
        // Beyond the top candidates, the all-stacks pass (the same independent draws, on the vectorised kernel) says whether any stack outside them ever wins.
        var all = decision.Ranking.Length <= options.Candidates || options.Samples <= 0 ? null : sampler.RunAll(decision.Ranking, options, space);
        return new Robustness.RobustnessReport(stability, mc, front, count, topsis, all);
    }

    /// <summary>
    /// The facts behind the winner: those its weighted criteria read and those its technologies had to
    /// meet as constraints. A contradicted, unsupported or overstated seed claim among them is flagged.
    /// </summary>
    private static ImmutableArray<DecisiveFact> Decisive(RankedStack winner, Composition.Composition composition)
    {
        var result = new List<DecisiveFact>();
        var seen = new HashSet<(string, Model.Facts.Fact)>();
        foreach (var c in winner.Criteria.Where(c => c.Weight > 0))
        {
            foreach (var u in c.Facts.Where(u => seen.Add((u.Technology, u.Fact))))
            {
                result.Add(new DecisiveFact(u.Technology, u.Fact, $"criterion {c.Criterion}", IsFlagged(u.Fact)));
            }
        }
        foreach (var m in composition.Matches.Where(m => winner.Stack.TechnologyIds.Contains(m.Technology) && m.Fact is not null).Concat(winner.StackMatches.Where(m => m.Fact is not null)))
        {
            if (seen.Add((m.Technology, m.Fact!)))
            {
                result.Add(new DecisiveFact(m.Technology, m.Fact!, $"constraint {m.Constraint}", IsFlagged(m.Fact!)));
            }
        }
        return [.. result];
    }

    private static bool IsFlagged(Model.Facts.Fact f) =>
        f.Status is Model.Evidence.ClaimStatus.Contradicted or Model.Evidence.ClaimStatus.Unsupported or Model.Evidence.ClaimStatus.Overstated
        || (f.Provenance is Model.Evidence.ComposedProvenance cp && cp.Parts.Any(p => IsFlagged(p.Fact)));

    /// <summary>
    /// Runs of equal scores, reported once each with the layers their stacks differ in (which no
    /// weighted criterion tells apart). Only runs within the top 50 are reported.
    /// </summary>
    private static ImmutableArray<Tie> Ties(ImmutableArray<RankedStack> ranking)
    {
        var ties = ImmutableArray.CreateBuilder<Tie>();
        var start = 0;
        for (var i = 1; i <= ranking.Length && start < 50; i++)
        {
            if (i < ranking.Length && Math.Abs(ranking[i].Score - ranking[start].Score) < TieTolerance && ranking[i].Verdict == ranking[start].Verdict)
            {
                continue;
            }
            if (i - start > 1)
            {
                var run = ranking.Skip(start).Take(i - start).ToList();
                var differing = run[0].Stack.Layers.Keys.Where(l => run.Select(r => r.Stack.Layers.TryGetValue(l, out var v) ? v[0] : "").Distinct().Count() > 1);
                var secondary = TieBreak.Secondary(run[0].Criteria);
                var residual = run.TakeWhile(r => TieBreak.Secondary(r.Criteria) >= secondary - 1e-9).Count();
                ties.Add(new Tie(start + 1, i, ranking[start].Score, [.. differing])
                {
                    OrderedBy = residual < run.Count ? TieBreak.Reasons(run[0], run[residual]) : [],
                    Residual = residual,
                });
            }
            start = i;
        }
        return ties.ToImmutable();
    }

    /// <summary>For each layer, why the winner's choice beat the best stack that chose differently there.</summary>
    private static ImmutableArray<Comparison> PerLayerRunnersUp(ImmutableArray<RankedStack> ranking)
    {
        var winner = ranking[0];
        var result = ImmutableArray.CreateBuilder<Comparison>();
        foreach (var (layer, ids) in winner.Stack.Layers)
        {
            var other = ranking.Skip(1).FirstOrDefault(r => r.Stack.Layers.TryGetValue(layer, out var o) && o[0] != ids[0]);
            if (other is not null)
            {
                result.Add(Compare(winner, other, layer));
            }
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// Examines one stack against a profile: each technology against every constraint, the
    /// compatibility rules, the criteria, and where it ranks (or why it cannot).
    /// </summary>
    public StackAssessment Explain(Profile profile, Stack stack, Decision? decision = null)
    {
        decision ??= Decide(profile);
        var requirements = decision.Requirements;
        var view = new ProfileView(profile.Scenario, requirements.AsConstraintSet(), profile.Host) { Layers = requirements.Layers };
        var evaluator = new ConditionEvaluator(catalog, view);
        if (!_states.TryGetValue(decision, out var state))
        {
            decision = Decide(profile);
            state = _states.TryGetValue(decision, out var s2) ? s2 : throw new InvalidOperationException("The engine kept no state for its own decision.");
        }
        // The decision's own scorer, so the stack is scored exactly as the ranking scored it (missing figures included).
        var scorer = state.Scorer;
        var context = scorer.Context;
        var composer = new StackComposer(catalog, new SpecMatcher(catalog, Facts) { Holds = context.Holds }) { Scorer = scorer, SeedPolicy = Facts.IsSeed };
        var matches = ImmutableArray.CreateBuilder<MatchResult>();
        var eliminations = ImmutableArray.CreateBuilder<Elimination>();
        foreach (var id in stack.TechnologyIds)
        {
            var tech = catalog.Technology(id) ?? throw new ArgumentException($"The catalogue has no technology '{id}'.", nameof(stack));
            eliminations.AddRange(composer.Assess(tech, requirements, view, out var m));
            matches.AddRange(m);
        }
        var stackView = composer.View(stack, requirements, composer.ActiveRules(evaluator), view, out var violation);
        var rejected = violation?.ToRejected(stack);
        stackView ??= new Composition.StackView(stack, [], new HashSet<string>(), id => catalog.Technology(id)?.Layer);
        var stackMatches = new StackMatcher(catalog, context, composer.ChecksAlone).Match(stackView, requirements);
        matches.AddRange(stackMatches);
        foreach (var m in stackMatches.Where(m => m.Verdict == Verdict.Mismatch))
        {
            eliminations.Add(new Elimination(m.Technology, m.Layer, m.Constraint, m.Expected, m.Actual, Verdict.Mismatch, m.Fact?.Provenance, m.Fact?.Status,
                $"{m.Constraint}: expected {m.Expected}, the stack has {m.Actual}"));
        }
        var criteria = scorer.Score(stackView);
        var score = criteria.Sum(c => c.Contribution);
        var ranked = decision.Ranking.FirstOrDefault(r => r.Stack.Equals(stack));
        var me = ranked ?? new RankedStack(0, stack, score, Verdict.Mismatch, criteria, [], stackView.Supporting) { StackMatches = stackMatches };
        var versus = decision.Winner is { } w && !w.Stack.Equals(stack) ? Compare(w, me) : null;
        return new StackAssessment(stack, eliminations.Count == 0 && violation is null, matches.ToImmutable(), eliminations.ToImmutable(), rejected,
            stackView.Supporting, criteria, score, ranked?.Rank, versus);
    }

    /// <summary>Examines a stack that may name only some layers, completed as <see cref="Complete"/> does.</summary>
    public StackAssessment ExplainPartial(Profile profile, Stack partial, Decision decision) =>
        Explain(profile, Complete(decision, partial)?.Stack ?? partial, decision);

    /// <summary>
    /// A stack that names only some layers, completed from the best-ranked feasible stack that makes
    /// the same choices; null when no feasible stack does (the partial stack is then examined as given).
    /// </summary>
    public static RankedStack? Complete(Decision decision, Stack partial) =>
        decision.Ranking.FirstOrDefault(r => partial.Layers.All(kv => r.Stack.Layers.TryGetValue(kv.Key, out var ids) && ids[0] == kv.Value[0]));

    public static Comparison Compare(RankedStack winner, RankedStack other, string layer = "")
    {
        var deltas = winner.Criteria.Zip(other.Criteria)
            .Select(p => new CriterionDelta(p.First.Criterion, p.First.Weight, p.First.Value, p.Second.Value, p.First.Contribution - p.Second.Contribution))
            .Where(d => d.Weight > 0)
            .OrderByDescending(d => Math.Abs(d.Contribution))
            .ThenBy(d => d.Criterion, StringComparer.Ordinal)
            .ToImmutableArray();
        return new Comparison(layer, winner.Stack, other.Stack, other.Rank, winner.Score - other.Score, deltas);
    }

    /// <summary>Evaluates a tree on a profile (as `strata tree` does).</summary>
    public TreeOutcome Walk(DecisionTree tree, Profile profile)
    {
        var requirements = RequirementDeriver.Derive(catalog, profile, Facts.IsSeed);
        var evaluator = new ConditionEvaluator(catalog, new ProfileView(profile.Scenario, requirements.AsConstraintSet(), profile.Host) { Layers = requirements.Layers });
        return Outcome(tree, evaluator, [], null);
    }

    private ImmutableArray<TreeOutcome> TreeOutcomes(Profile profile, ConditionEvaluator evaluator, ImmutableArray<RankedStack> ranking, Composition.Composition composition)
    {
        var trees = new List<DecisionTree>();
        if (catalog.Tree("global") is { } global)
        {
            trees.Add(global);
        }
        if (profile.Scenario is { } s && catalog.Tree($"scenario-{s}") is { } scenarioTree)
        {
            trees.Add(scenarioTree);
        }
        return [.. trees.Select(t => Outcome(t, evaluator, ranking, composition))];
    }

    private TreeOutcome Outcome(DecisionTree tree, ConditionEvaluator evaluator, ImmutableArray<RankedStack> ranking, Composition.Composition? composition)
    {
        var (path, outcome) = TreeEvaluator.Walk(tree, evaluator);
        if (ranking.IsEmpty)
        {
            return new TreeOutcome(tree.Id, path, outcome, null, []);
        }
        var winner = ranking[0];
        var differences = ImmutableArray.CreateBuilder<TreeDisagreement>();
        foreach (var (layer, ids) in outcome.Layers)
        {
            if (!winner.Stack.Layers.TryGetValue(layer, out var chosen) || ids.Contains(chosen[0]))
            {
                continue;
            }
            differences.Add(new TreeDisagreement(layer, ids, chosen[0], WhyNot(layer, ids, ranking, composition)));
        }
        return new TreeOutcome(tree.Id, path, outcome, differences.Count == 0, differences.ToImmutable());
    }

    /// <summary>Why none of the tree's technologies for a layer won: eliminated (by what), never feasible, or outscored (on which criteria).</summary>
    private static string WhyNot(string layer, ImmutableArray<string> treeSays, ImmutableArray<RankedStack> ranking, Composition.Composition? composition)
    {
        var best = ranking.FirstOrDefault(r => r.Stack.Layers.TryGetValue(layer, out var t) && treeSays.Contains(t[0]));
        if (best is not null)
        {
            var c = Compare(ranking[0], best, layer);
            var top = string.Join(", ", c.Deltas.Where(d => d.Contribution > 0).Take(3).Select(d =>
                $"{d.Criterion} +{d.Contribution.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}"));
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var why = top.Length > 0 ? $"the winner leads on {top}"
                : best.Verdict != ranking[0].Verdict ? "it is not known to meet every requirement, the winner is"
                : TieBreak.Reasons(ranking[0], best) is { IsEmpty: false } order
                    ? $"they tie on every weighted criterion; the winner leads on the criteria the profile does not weigh: {string.Join(", ", order)}"
                    : "they tie on every criterion and the tie is listed in name order";
            return $"the best stack with {best.Stack.Layers[layer][0]} ranks {best.Rank} ({best.Score.ToString("0.000", inv)} against {ranking[0].Score.ToString("0.000", inv)}); {why}";
        }
        var eliminated = composition?.Eliminated.Where(e => treeSays.Contains(e.Technology)).ToList() ?? [];
        if (eliminated.Count > 0)
        {
            return string.Join("; ", eliminated.Select(e => $"{e.Technology} was eliminated: {e.Reason}"));
        }
        var rejected = composition?.Rejected.Where(r => treeSays.Any(t => r.Example.TechnologyIds.Contains(t))).ToList() ?? [];
        return rejected.Count > 0
            ? string.Join("; ", rejected.Select(r => $"every stack with it broke rule {r.Rule}: {r.Reason}"))
            : $"{string.Join("/", treeSays)} is not among the candidates considered";
    }
}
