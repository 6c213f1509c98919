using System.Collections.Immutable;
using Strata.Engine.Conditions;
using Strata.Engine.Decisions;
using Strata.Engine.Matching;
using Strata.Engine.Scoring;
using Strata.Model.Entities;
using Strata.Model.Facts;

namespace Strata.Engine.Composition;

/// <summary>
/// The feasible stacks, every match, and the record of everything removed.
/// When <see cref="Searched"/>, the feasible stacks are the best ones found by branch and bound, not all.
/// </summary>
public sealed record Composition(
    ImmutableArray<MatchResult> Matches,
    ImmutableArray<(Stack Stack, ImmutableArray<MatchResult> Caveats, ImmutableArray<SupportingComponent> Supporting)> Feasible,
    ImmutableArray<Elimination> Eliminated,
    ImmutableArray<RejectedCombinations> Rejected,
    ImmutableArray<Conflict> Conflicts,
    int Considered)
{
    public bool Searched { get; init; }
    public long SearchNodes { get; init; }
    public long TotalCombinations { get; init; }
}

/// <summary>
/// One technology per layer: filters each layer's candidates by rules and spec matching, then
/// builds the combinations that honour the requires / excludes rules.
/// </summary>
public sealed class StackComposer(Model.Entities.Catalog catalog, SpecMatcher matcher)
{
    /// <summary>Up to <see cref="EnumerationLimit"/> combinations the composer enumerates them all; above it, branch and bound finds the best <see cref="SearchTop"/> exactly.</summary>
    public const long DefaultEnumerationLimit = 200_000;

    /// <summary>Above this many combinations, branch and bound instead of enumeration (tests lower it to compare the two).</summary>
    public long EnumerationLimit { get; init; } = DefaultEnumerationLimit;

    /// <summary>How many of the best stacks branch and bound returns: enough for the ranking and the robustness analyses.</summary>
    public const int SearchTop = 20;

    public StackScorer? Scorer { get; init; }

    public WeightSet? Weights { get; init; }

    public Composition Compose(Profile profile, EffectiveRequirements req, ConditionEvaluator evaluator)
    {
        var eliminated = new List<Elimination>();
        var allMatches = new List<MatchResult>();
        var caveats = new Dictionary<string, List<MatchResult>>(StringComparer.Ordinal);
        var candidates = new SortedDictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var optionIds = profile.Options.SelectMany(o => o.TechnologyIds).ToHashSet(StringComparer.Ordinal);

        foreach (var layer in req.Layers)
        {
            var survivors = new List<string>();
            foreach (var tech in catalog.Technologies.Where(t => t.Layer == layer))
            {
                if (!profile.Options.IsEmpty && !optionIds.Contains(tech.Id))
                {
                    continue;
                }
                var removed = Assess(tech, req, evaluator.View, out var matches);
                var partials = matches.Where(m => m.Verdict == Verdict.Partial).ToList();
                allMatches.AddRange(matches);
                eliminated.AddRange(removed);
                if (removed.Count == 0)
                {
                    survivors.Add(tech.Id);
                    caveats[tech.Id] = partials;
                }
            }
            candidates[layer] = [.. survivors];
        }

        var conflicts = new List<Conflict>();
        foreach (var (layer, ids) in candidates.Where(c => c.Value.IsEmpty))
        {
            var why = eliminated.Where(e => e.Layer == layer).Select(e => e.Constraint).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            var summary = why.IsEmpty
                ? $"the catalogue has no {layer} technology{(profile.Options.IsEmpty ? "" : " among the options")}"
                : $"every {layer} technology fails at least one of: {string.Join(", ", why)}";
            conflicts.Add(new Conflict(layer, why, summary));
        }

        var total = candidates.Values.Aggregate(1L, (n, v) => n * Math.Max(1, v.Length));
        var searched = profile.Options.IsEmpty && total > EnumerationLimit && candidates.Values.All(v => !v.IsEmpty);
        IEnumerable<Stack> stacks;
        long searchNodes = 0;
        // Which compatibility rules apply depends on the profile only: evaluate their conditions once, not per stack.
        var active = ActiveRules(evaluator);
        if (searched)
        {
            if (Scorer is null || Weights is null)
            {
                throw new InvalidOperationException("Branch and bound needs the scorer and the weights.");
            }
            var layers = candidates.Keys.ToList();
            var applicable = active.Where(r => r.Kind is RuleKind.Requires or RuleKind.Excludes).ToList();
            var result = new BranchAndBound(catalog, Scorer).Search(layers, [.. candidates.Values], Weights,
                stack => CheckRules(stack, req, active, []) is null,
                ids => PartiallyFeasible(ids, layers, applicable, req),
                SearchTop);
            stacks = result.Stacks;
            searchNodes = result.Nodes;
        }
        else
        {
            stacks = profile.Options.IsEmpty ? Product(candidates) : ExpandOptions(profile.Options, candidates, eliminated);
        }
        var rejected = new Dictionary<(string, string, string), RejectedCombinations>();
        var feasible = ImmutableArray.CreateBuilder<(Stack, ImmutableArray<MatchResult>, ImmutableArray<SupportingComponent>)>();
        var considered = 0;
        foreach (var stack in stacks)
        {
            considered++;
            var supporting = new List<SupportingComponent>();
            var violation = CheckRules(stack, req, active, supporting);
            if (violation is { } v)
            {
                var key = (v.Rule.Id, v.Subject, v.Reason);
                rejected[key] = rejected.TryGetValue(key, out var prior)
                    ? prior with { Count = prior.Count + 1 }
                    : v.ToRejected(stack);
                continue;
            }
            var stackCaveats = stack.TechnologyIds.SelectMany(id => caveats.TryGetValue(id, out var c) ? c : []).ToImmutableArray();
            feasible.Add((stack, stackCaveats, [.. supporting]));
        }
        if (feasible.Count == 0 && conflicts.Count == 0)
        {
            var rules = rejected.Values.Select(r => r.Rule).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            conflicts.Add(new Conflict("(stack)", rules, rules.IsEmpty
                ? "no option survived the constraints"
                : $"each combination of the surviving candidates breaks a compatibility rule: {string.Join(", ", rules)}"));
        }
        return new Composition([.. allMatches], feasible.ToImmutable(), [.. eliminated],
            [.. rejected.Values.OrderBy(r => r.Rule, StringComparer.Ordinal).ThenBy(r => r.Subject, StringComparer.Ordinal).ThenBy(r => r.Reason, StringComparer.Ordinal)],
            [.. conflicts], considered) { Searched = searched, SearchNodes = searchNodes, TotalCombinations = total };
    }

    /// <summary>A partial stack breaks a rule only when every layer the rule could be satisfied in is already assigned.</summary>
    private bool PartiallyFeasible(string?[] ids, List<string> layers, List<Rule> rules, EffectiveRequirements req)
    {
        foreach (var rule in rules)
        {
            if (Array.IndexOf(ids, rule.Subject) < 0)
            {
                continue;
            }
            if (rule.Kind == RuleKind.Excludes)
            {
                if (rule.AnyOf.Any(id => Array.IndexOf(ids, id) >= 0))
                {
                    return false;
                }
                continue;
            }
            if (rule.AnyOf.Any(id => Array.IndexOf(ids, id) >= 0))
            {
                continue;
            }
            var subjectLayer = Technology(rule.Subject!)!.Layer;
            var undecided = rule.AnyOf.Any(id => Technology(id) is { } t && !req.Forbid.ContainsKey(id)
                && (t.Layer == subjectLayer || layers.IndexOf(t.Layer) is var l && (l < 0 || ids[l] is null)));
            if (!undecided)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Every check of one technology: the eliminations, and every constraint's match result (match, partial and mismatch).</summary>
    public List<Elimination> Assess(Technology tech, EffectiveRequirements req, ProfileView view, out List<MatchResult> matches)
    {
        matches = [];
        var removed = new List<Elimination>();
        foreach (var forbidden in req.Forbid.GetValueOrDefault(tech.Id, []))
        {
            var rule = catalog.Rules.First(r => r.Id == forbidden.Id);
            removed.Add(new Elimination(tech.Id, tech.Layer, $"rule {rule.Id}", $"not {tech.Id}", tech.Id, Verdict.Mismatch, rule.Provenance, null,
                $"rule {rule.Id} ({rule.When?.Text}) rules out {tech.Id}"));
        }
        // One elimination per rule that leaves this technology out, so that each is a relaxation of its own.
        foreach (var a in req.AllowancesFor(tech.Layer).Where(a => !a.Technologies.Contains(tech.Id)))
        {
            removed.Add(new Elimination(tech.Id, tech.Layer, $"rule {a.Origin.Id}", $"one of {string.Join(", ", a.Technologies)}", tech.Id,
                Verdict.Mismatch, a.Origin.Provenance, null, $"only {string.Join(", ", a.Technologies)} may serve as {tech.Layer} (rule {a.Origin.Id})"));
        }
        foreach (var (hostKey, requirement) in HostRequirements)
        {
            if (view.Host.TryGetValue(hostKey, out var present) && !present &&
                tech.FactsNamed("host-requirements").FirstOrDefault(f => f.Value is WordSetValue ws && ws.Words.Contains(requirement)) is { } f)
            {
                removed.Add(new Elimination(tech.Id, tech.Layer, $"host.{hostKey}", requirement, "absent on the host", Verdict.Mismatch, f.Provenance, f.Status,
                    $"{tech.Id} needs {requirement}, which the host does not offer"));
            }
        }
        foreach (var (field, c) in req.Constraints)
        {
            if (!catalog.Vocabulary.Constraints.TryGetValue(field, out var def) || !def.Layers.Contains(tech.Layer) || !SpecMatcher.Applies(c.Value))
            {
                continue;
            }
            var m = matcher.Match(tech, def, c);
            matches.Add(m);
            if (m.Verdict == Verdict.Mismatch)
            {
                removed.Add(new Elimination(tech.Id, tech.Layer, field, m.Expected, m.Actual, Verdict.Mismatch, m.Fact?.Provenance, m.Fact?.Status,
                    $"{field}: expected {m.Expected}, {tech.Id} has {m.Actual}"));
            }
        }
        return removed;
    }

    private static readonly (string HostKey, string Requirement)[] HostRequirements = [("kvm", "kvm"), ("cgroup_v2", "cgroup-v2")];

    public sealed record Violation(Rule Rule, string Subject, string Reason)
    {
        /// <summary>This violation as the decision reports it, with a stack that breaks it.</summary>
        public RejectedCombinations ToRejected(Stack example, int count = 1) =>
            new(Rule.Id, Rule.Kind.ToString().ToLowerInvariant(), Subject, Reason, count, example, Rule.Provenance);
    }

    /// <summary>The compatibility rules (requires, excludes, bundles) whose conditions hold for the profile, in catalogue order.</summary>
    public List<Rule> ActiveRules(ConditionEvaluator evaluator) =>
        [.. catalog.Rules.Where(r => r.Kind != RuleKind.Derives && r.Subject is not null && (r.When is null || evaluator.Evaluate(r.When.Condition) == Truth.True))];

    /// <summary>The first compatibility rule the stack breaks, or null; technologies the stack needs alongside go into <paramref name="supporting"/>.</summary>
    private readonly Dictionary<string, Technology> _technologies = catalog.Technologies.ToDictionary(t => t.Id, StringComparer.Ordinal);

    private Technology? Technology(string id) => _technologies.GetValueOrDefault(id);

    public Violation? CheckRules(Stack stack, EffectiveRequirements req, IReadOnlyList<Rule> active, List<SupportingComponent> supporting)
    {
        var inStack = stack.TechnologyIds.ToHashSet(StringComparer.Ordinal);
        foreach (var rule in active)
        {
            var subject = rule.Subject!;
            if (!inStack.Contains(subject))
            {
                continue;
            }
            switch (rule.Kind)
            {
                case RuleKind.Excludes when rule.AnyOf.FirstOrDefault(inStack.Contains) is { } clash:
                    return new Violation(rule, subject, $"{subject} cannot run with {clash}");
                case RuleKind.Requires when !rule.AnyOf.Any(inStack.Contains):
                    var subjectLayer = Technology(subject)!.Layer;
                    // A required technology of a layer the stack does not choose, or of the subject's own
                    // layer (crun hosting WasmEdge), comes along as a supporting component.
                    var helper = rule.AnyOf.FirstOrDefault(id => Technology(id) is { } t && !req.Forbid.ContainsKey(id)
                        && (!stack.Layers.ContainsKey(t.Layer) || t.Layer == subjectLayer));
                    if (helper is null)
                    {
                        return new Violation(rule, subject, $"{subject} needs one of {string.Join(", ", rule.AnyOf)}");
                    }
                    supporting.Add(new SupportingComponent(helper, subject, rule.Id, "requires"));
                    break;
                case RuleKind.Bundles:
                    supporting.AddRange(rule.AnyOf.Where(id => !inStack.Contains(id) && Technology(id) is { } t && !stack.Layers.ContainsKey(t.Layer))
                        .Select(id => new SupportingComponent(id, subject, rule.Id, "bundles")));
                    break;
            }
        }
        return null;
    }

    private static IEnumerable<Stack> Product(SortedDictionary<string, ImmutableArray<string>> candidates)
    {
        if (candidates.Count == 0 || candidates.Values.Any(v => v.IsEmpty))
        {
            yield break;
        }
        var layers = candidates.Keys.ToArray();
        var index = new int[layers.Length];
        while (true)
        {
            var b = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
            for (var i = 0; i < layers.Length; i++)
            {
                b[layers[i]] = [candidates[layers[i]][index[i]]];
            }
            yield return new Stack(b.ToImmutable());
            var k = layers.Length - 1;
            while (k >= 0 && ++index[k] == candidates[layers[k]].Length)
            {
                index[k--] = 0;
            }
            if (k < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>The profile's options, each alternative spelled out; an option with an eliminated technology is dropped with the reason.</summary>
    private static IEnumerable<Stack> ExpandOptions(ImmutableArray<Stack> options, SortedDictionary<string, ImmutableArray<string>> candidates, List<Elimination> eliminated)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            var partial = new List<ImmutableSortedDictionary<string, ImmutableArray<string>>> { ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.Ordinal) };
            foreach (var (layer, ids) in option.Layers)
            {
                partial = [.. partial.SelectMany(p => ids.Select(id => p.SetItem(layer, [id])))];
            }
            foreach (var layers in partial)
            {
                var stack = new Stack(layers);
                var dead = stack.TechnologyIds.Where(id => !candidates.Values.Any(c => c.Contains(id))).ToList();
                if (dead.Count > 0 || !seen.Add(stack.ToString()))
                {
                    continue;
                }
                yield return stack;
            }
        }
    }
}
