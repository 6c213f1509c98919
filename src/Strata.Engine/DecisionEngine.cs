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

    // A technology's figures depend only on the catalogue and the evidence policy, so one scorer (and its
    // cache of looked-up figures) serves every decision, relaxation and analysis of this engine (an engine
    // is used from one thread; the cache is not synchronised).
    private StackScorer? _scorer;

    private StackScorer Scorer => _scorer ??= new StackScorer(catalog, Facts);

    public Decision Decide(Profile profile) => Decide(profile, null);

    /// <summary>
    /// The whole answer: the decision, its robustness (skipped when <paramref name="robustness"/> is
    /// null) and, when nothing is feasible, the smallest relaxations.
    /// </summary>
    public Decision DecideFully(Profile profile, Robustness.RobustnessOptions? robustness)
    {
        var decision = Decide(profile);
        return decision with
        {
            Robustness = robustness is null ? null : Analyse(decision, robustness),
            Relaxations = Relaxations(profile, decision),
        };
    }

    /// <summary>
    /// Decides with some requirements relaxed: a constraint field ("cold_start"), a rule's forbid or allow
    /// ("rule sqlite-no-ha") or a host fact ("host.kvm"). Used to find the smallest relaxations of an
    /// infeasible profile.
    /// </summary>
    public Decision Decide(Profile profile, IReadOnlySet<string>? relaxed)
    {
        var requirements = RequirementDeriver.Derive(catalog, profile);
        if (relaxed is { Count: > 0 })
        {
            requirements = requirements with
            {
                Constraints = requirements.Constraints.RemoveRange(requirements.Constraints.Keys.Where(relaxed.Contains)),
                Forbid = requirements.Forbid
                    .Select(f => (f.Key, Origins: f.Value.RemoveAll(o => relaxed.Contains($"rule {o.Id}"))))
                    .Where(f => !f.Origins.IsEmpty)
                    .ToImmutableSortedDictionary(f => f.Key, f => f.Origins, StringComparer.Ordinal),
                Allowances = requirements.Allowances.RemoveAll(a => relaxed.Contains($"rule {a.Origin.Id}")),
            };
            var host = profile.Host.RemoveRange(profile.Host.Keys.Where(k => relaxed.Contains($"host.{k}")));
            profile = profile with { Host = host };
        }
        var view = new ProfileView(profile.Scenario, requirements.AsConstraintSet(), profile.Host);
        var evaluator = new ConditionEvaluator(catalog, view);
        var weights = Weights.Resolve(catalog, profile);
        var scorer = Scorer;
        var composition = new StackComposer(catalog, new SpecMatcher(catalog, Facts)) { Scorer = scorer, Weights = weights, EnumerationLimit = EnumerationLimit }.Compose(profile, requirements, evaluator);

        var scored = composition.Feasible
            .Select(f => (f.Stack, f.Caveats, f.Supporting, Criteria: scorer.Score(f.Stack, weights)))
            .Select(x => (x.Stack, x.Caveats, x.Supporting, x.Criteria, Score: x.Criteria.Sum(c => c.Contribution)))
            // Highest score first; equal scores in the stack's canonical order, so ties break the same way every time.
            .OrderByDescending(x => Math.Round(x.Score, 12))
            .ThenBy(x => x.Stack.ToString(), StringComparer.Ordinal)
            .ToList();

        var ranking = scored.Select((x, i) => new RankedStack(i + 1, x.Stack, x.Score,
            x.Caveats.IsEmpty ? Verdict.Match : Verdict.Partial, x.Criteria, x.Caveats, x.Supporting)).ToImmutableArray();

        var ties = Ties(ranking);
        var explanations = ranking.Length == 0 ? [] : PerLayerRunnersUp(ranking);
        var trees = TreeOutcomes(profile, evaluator, ranking, composition);

        return new Decision(profile, catalog.Manifest.Name, catalog.Manifest.Version, catalog.Digest, Facts.Name, requirements, weights,
            ranking, composition.Eliminated, composition.Rejected, composition.Conflicts, explanations, ties, trees, composition.Considered,
            ranking.IsEmpty ? [] : Decisive(ranking[0], composition))
        {
            Search = composition.Searched ? "branch-and-bound" : "enumeration",
            TotalCombinations = composition.TotalCombinations,
            SearchNodes = composition.SearchNodes,
        };
    }

    /// <summary>
    /// For an infeasible profile: the smallest sets of requirements (constraints, rules, host facts that
    /// eliminated candidates) whose relaxation admits a stack, each with the best stacks it admits.
    /// Searches sets of one, then two, then three.
    /// </summary>
    public ImmutableArray<Robustness.Relaxation> Relaxations(Profile profile, Decision decision, int maxSize = 3)
    {
        if (decision.Feasible)
        {
            return [];
        }
        // Compatibility rules (requires, excludes) state how technologies work together; they are not relaxed.
        var units = decision.Eliminated.Select(e => e.Constraint)
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        for (var size = 1; size <= Math.Min(maxSize, units.Length); size++)
        {
            var found = ImmutableArray.CreateBuilder<Robustness.Relaxation>();
            foreach (var subset in Subsets(units, size))
            {
                var relaxed = subset.ToHashSet(StringComparer.Ordinal);
                var d = Decide(profile, relaxed);
                if (d.Feasible)
                {
                    found.Add(new Robustness.Relaxation([.. subset], [.. d.Ranking.Take(3).Select(r => r.Stack)], [.. d.Ranking.Take(3).Select(r => r.Score)]));
                }
            }
            if (found.Count > 0)
            {
                return found.ToImmutable();
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
        var sampler = new Robustness.MonteCarlo(catalog, Scorer);
        var mc = decision.Ranking.IsEmpty || options.Samples <= 0 ? null : sampler.Run(decision.Ranking, options);
        // Beyond the top candidates, the coarser all-stacks pass says whether any stack outside them ever wins.
        var all = decision.Ranking.Length <= options.Candidates || options.Samples <= 0 ? null : sampler.RunAll(decision.Ranking, options);
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
        foreach (var m in composition.Matches.Where(m => winner.Stack.TechnologyIds.Contains(m.Technology) && m.Fact is not null))
        {
            if (seen.Add((m.Technology, m.Fact!)))
            {
                result.Add(new DecisiveFact(m.Technology, m.Fact!, $"constraint {m.Constraint}", IsFlagged(m.Fact!)));
            }
        }
        return [.. result];
    }

    private static bool IsFlagged(Model.Facts.Fact f) =>
        f.Status is Model.Evidence.ClaimStatus.Contradicted or Model.Evidence.ClaimStatus.Unsupported or Model.Evidence.ClaimStatus.Overstated;

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
            if (i < ranking.Length && Math.Abs(ranking[i].Score - ranking[start].Score) < TieTolerance)
            {
                continue;
            }
            if (i - start > 1)
            {
                var run = ranking.Skip(start).Take(i - start).ToList();
                var differing = run[0].Stack.Layers.Keys.Where(l => run.Select(r => r.Stack.Layers.TryGetValue(l, out var v) ? v[0] : "").Distinct().Count() > 1);
                ties.Add(new Tie(start + 1, i, ranking[start].Score, [.. differing]));
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
        var view = new ProfileView(profile.Scenario, requirements.AsConstraintSet(), profile.Host);
        var evaluator = new ConditionEvaluator(catalog, view);
        var composer = new StackComposer(catalog, new SpecMatcher(catalog, Facts));
        var matches = ImmutableArray.CreateBuilder<MatchResult>();
        var eliminations = ImmutableArray.CreateBuilder<Elimination>();
        foreach (var id in stack.TechnologyIds)
        {
            var tech = catalog.Technology(id) ?? throw new ArgumentException($"The catalogue has no technology '{id}'.", nameof(stack));
            eliminations.AddRange(composer.Assess(tech, requirements, view, out var m));
            matches.AddRange(m);
        }
        var supporting = new List<SupportingComponent>();
        var violation = composer.CheckRules(stack, requirements, composer.ActiveRules(evaluator), supporting);
        var rejected = violation?.ToRejected(stack);
        var criteria = Scorer.Score(stack, decision.Weights);
        var score = criteria.Sum(c => c.Contribution);
        var ranked = decision.Ranking.FirstOrDefault(r => r.Stack.Equals(stack));
        var me = ranked ?? new RankedStack(0, stack, score, Verdict.Mismatch, criteria, [], [.. supporting]);
        var versus = decision.Winner is { } w && !w.Stack.Equals(stack) ? Compare(w, me) : null;
        return new StackAssessment(stack, eliminations.Count == 0 && violation is null, matches.ToImmutable(), eliminations.ToImmutable(), rejected,
            [.. supporting], criteria, score, ranked?.Rank, versus);
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
        var requirements = RequirementDeriver.Derive(catalog, profile);
        var evaluator = new ConditionEvaluator(catalog, new ProfileView(profile.Scenario, requirements.AsConstraintSet(), profile.Host));
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
            return $"the best stack with {best.Stack.Layers[layer][0]} ranks {best.Rank} ({best.Score.ToString("0.000", inv)} against {ranking[0].Score.ToString("0.000", inv)}); the winner leads on {top}";
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
