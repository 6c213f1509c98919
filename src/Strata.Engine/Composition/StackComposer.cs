using System.Collections.Immutable;
using Strata.Engine.Conditions;
using Strata.Engine.Decisions;
using Strata.Engine.Matching;
using Strata.Engine.Scoring;
using Strata.Model.Entities;
using Strata.Model.Facts;

namespace Strata.Engine.Composition;

/// <summary>A stack that meets every hard requirement (or might: <see cref="Caveats"/> say which are unknown or partial).</summary>
public sealed record FeasibleStack(Stack Stack, ImmutableArray<MatchResult> Caveats, ImmutableArray<SupportingComponent> Supporting, StackView View, ImmutableArray<MatchResult> StackMatches);

/// <summary>
/// The feasible stacks, every match, and the record of everything removed.
/// When <see cref="Searched"/>, the feasible stacks are the best ones found by branch and bound, not all.
/// </summary>
public sealed record Composition(
    ImmutableArray<MatchResult> Matches,
    ImmutableArray<FeasibleStack> Feasible,
    ImmutableArray<Elimination> Eliminated,
    ImmutableArray<RejectedCombinations> Rejected,
    ImmutableArray<Conflict> Conflicts,
    int Considered)
{
    public bool Searched { get; init; }
    public long SearchNodes { get; init; }
    /// <summary>False when the search stopped at its node budget: the stacks are the best found, not proven the best.</summary>
    public bool SearchComplete { get; init; } = true;
    public long TotalCombinations { get; init; }
}

/// <summary>
/// One technology per layer: filters each layer's candidates by rules and spec matching, builds the combinations
/// that honour the requires / excludes rules (bringing the supporting components they name), and checks what only
/// a whole stack can answer: figures at a scope composed from its components, the capabilities it needs, the
/// isolation boundaries of its runtime. A technology every one of whose stacks fails such a requirement is
/// reported as eliminated by it.
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

    /// <summary>Stops the composition at its next candidate, stack or search node (<see cref="OperationCanceledException"/>).</summary>
    public CancellationToken Cancel { get; init; }

    /// <summary>The seeds' rules that research rejected apply only under the seed policy.</summary>
    public bool SeedPolicy { get; init; }

    private readonly RuleReach _reach = new(catalog);

    private Technology? Technology(string id) => catalog.Technology(id);

    public Composition Compose(Profile profile, EffectiveRequirements req, ConditionEvaluator evaluator)
    {
        var eliminated = new List<Elimination>();
        var allMatches = new List<MatchResult>();
        var caveats = new Dictionary<string, List<MatchResult>>(StringComparer.Ordinal);
        var candidates = new SortedDictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var optionIds = profile.Options.SelectMany(o => o.TechnologyIds).ToHashSet(StringComparer.Ordinal);
        var optionLayers = profile.Options.SelectMany(o => o.Layers.Keys).ToHashSet(StringComparer.Ordinal);

        foreach (var layer in req.Layers)
        {
            var survivors = new List<string>();
            foreach (var tech in catalog.Technologies.Where(t => t.Layer == layer && !t.ComponentOnly))
            {
                Cancel.ThrowIfCancellationRequested();
                // Options fix the layers they name; a layer none of them names (one a rule brought in) stays open.
                if (!profile.Options.IsEmpty && optionLayers.Contains(layer) && !optionIds.Contains(tech.Id))
                {
                    continue;
                }
                var removed = Assess(tech, req, evaluator.View, out var matches);
                allMatches.AddRange(matches);
                eliminated.AddRange(removed);
                if (removed.Count == 0)
                {
                    survivors.Add(tech.Id);
                    caveats[tech.Id] = [.. matches.Where(m => m.Verdict is Verdict.Partial or Verdict.Unknown)];
                }
            }
            candidates[layer] = [.. survivors];
        }

        var conflicts = new List<Conflict>();
        foreach (var (layer, ids) in candidates.Where(c => c.Value.IsEmpty))
        {
            var why = eliminated.Where(e => e.Layer == layer).Select(e => e.Constraint).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            var summary = why.IsEmpty
                ? $"the catalogue has no {layer} technology{(optionLayers.Contains(layer) ? " among the options" : "")}"
                : $"every {layer} technology fails at least one of: {string.Join(", ", why)}";
            conflicts.Add(new Conflict(layer, why, summary));
        }

        var total = candidates.Values.Aggregate(1L, (n, v) => n * Math.Max(1, v.Length));
        var searched = profile.Options.IsEmpty && total > EnumerationLimit && candidates.Values.All(v => !v.IsEmpty);
        IEnumerable<Stack> stacks;
        long searchNodes = 0;
        var searchComplete = true;
        // Which compatibility rules apply depends on the profile only: evaluate their conditions once, not per stack.
        var active = ActiveRules(evaluator);
        var stackMatcher = Scorer is null ? null : new StackMatcher(catalog, Scorer.Context, ChecksAlone, matcher);
        if (searched)
        {
            if (Scorer is null)
            {
                throw new InvalidOperationException("Branch and bound needs the scorer.");
            }
            var layers = candidates.Keys.ToList();
            var applicable = active.Where(r => r.Kind is RuleKind.Requires or RuleKind.Excludes).ToList();
            var result = new BranchAndBound(catalog, Scorer, _reach) { Cancel = Cancel }.Search(layers, [.. candidates.Values],
                stack =>
                {
                    if (View(stack, req, active, evaluator.View, out _) is not { } view)
                    {
                        return (null, false);
                    }
                    var matches = stackMatcher?.Match(view, req) ?? [];
                    if (matches.Any(m => m.Verdict == Verdict.Mismatch))
                    {
                        return (null, false);
                    }
                    return (view, CaveatsOf(stack, caveats, matches).IsEmpty);
                },
                ids => PartiallyFeasible(ids, layers, applicable, req),
                SearchTop, id => caveats.TryGetValue(id, out var c) && c.Count > 0, StackScopes(req, layers, stackMatcher));
            stacks = result.Stacks;
            searchNodes = result.Nodes;
            searchComplete = result.Complete;
        }
        else
        {
            stacks = profile.Options.IsEmpty ? Product(candidates, OmittedBy(candidates)) : ExpandOptions(profile.Options, candidates, eliminated);
        }
        var rejected = new Dictionary<(string, string, string), RejectedCombinations>();
        var feasible = ImmutableArray.CreateBuilder<FeasibleStack>();
        var considered = 0;
        // Per technology and stack-level constraint: stacks with it that passed, and the best figure of those that failed.
        var stackLevel = new Dictionary<(string Technology, string Constraint), (int Passed, MatchResult? Failure)>();
        foreach (var stack in stacks)
        {
            Cancel.ThrowIfCancellationRequested();
            considered++;
            var view = View(stack, req, active, evaluator.View, out var violation);
            if (view is null)
            {
                var v = violation!;
                var key = (v.Rule.Id, v.Subject, v.Reason);
                rejected[key] = rejected.TryGetValue(key, out var prior) ? prior with { Count = prior.Count + 1 } : v.ToRejected(stack);
                continue;
            }
            var stackMatches = stackMatcher?.Match(view, req) ?? [];
            foreach (var m in stackMatches)
            {
                foreach (var id in stack.TechnologyIds)
                {
                    var k = (id, m.Constraint);
                    var (passed, failure) = stackLevel.GetValueOrDefault(k);
                    stackLevel[k] = m.Verdict == Verdict.Mismatch ? (passed, failure ?? m) : (passed + 1, failure);
                }
            }
            if (stackMatches.FirstOrDefault(m => m.Verdict == Verdict.Mismatch) is { } failed)
            {
                var key = ($"constraint {failed.Constraint}", failed.Technology, failed.Expected);
                rejected[key] = rejected.TryGetValue(key, out var prior) ? prior with { Count = prior.Count + 1 }
                    : new RejectedCombinations(failed.Constraint, "constraint", failed.Technology, $"{failed.Constraint}: expected {failed.Expected}; {failed.Actual}", 1, stack,
                        failed.Fact?.Provenance ?? failed.Origin.Provenance);
                continue;
            }
            feasible.Add(new FeasibleStack(stack, CaveatsOf(stack, caveats, stackMatches), view.Supporting, view, stackMatches));
        }
        // A technology no stack of which meets a stack-level requirement is eliminated by it, with the nearest miss.
        foreach (var ((id, constraint), (passed, failure)) in stackLevel.OrderBy(k => k.Key.Technology, StringComparer.Ordinal).ThenBy(k => k.Key.Constraint, StringComparer.Ordinal))
        {
            if (passed == 0 && failure is not null && Technology(id) is { } tech && !eliminated.Any(e => e.Technology == id))
            {
                eliminated.Add(new Elimination(id, tech.Layer, constraint, failure.Expected, failure.Actual, Verdict.Mismatch, failure.Fact?.Provenance, failure.Fact?.Status,
                    $"{constraint}: expected {failure.Expected}, every stack with {id} fails it (e.g. {failure.Actual})"));
            }
        }
        if (feasible.Count > 0)
        {
            conflicts.Clear(); // a layer without candidates that the feasible stacks leave empty is no conflict
        }
        if (feasible.Count == 0 && conflicts.Count == 0)
        {
            var rules = rejected.Values.Select(r => r.Rule).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            conflicts.Add(new Conflict("(stack)", rules, rules.IsEmpty
                ? "no option survived the constraints"
                : $"each combination of the surviving candidates breaks a compatibility rule or a requirement of the whole stack: {string.Join(", ", rules)}"));
        }
        return new Composition([.. allMatches], feasible.ToImmutable(), [.. eliminated],
            [.. rejected.Values.OrderBy(r => r.Rule, StringComparer.Ordinal).ThenBy(r => r.Subject, StringComparer.Ordinal).ThenBy(r => r.Reason, StringComparer.Ordinal)],
            [.. conflicts], considered) { Searched = searched, SearchNodes = searchNodes, SearchComplete = searchComplete, TotalCombinations = total };
    }

    /// <summary>
    /// The scopes at which the requirements compare a stack's composed figure (a stack whose figure there is unknown is not known
    /// to meet them, or misses them). Under the seed policy a seed's figure may stand for a scope: none.
    /// </summary>
    private List<Model.Entities.ScopeDefinition> StackScopes(EffectiveRequirements req, List<string> layers, StackMatcher? stackMatcher)
    {
        if (stackMatcher is null || SeedPolicy)
        {
            return [];
        }
        var result = new List<Model.Entities.ScopeDefinition>();
        foreach (var (field, c) in req.Constraints)
        {
            if (catalog.Vocabulary.Constraints.TryGetValue(field, out var def) && SpecMatcher.Applies(c.Value) && stackMatcher.IsStackLevel(def, c.Value)
                && c.Value is QuantityConstraint q && !(def.Compare == CompareMode.StackHasAll)
                && (def.Layers.IsDefaultOrEmpty || def.Layers.Any(layers.Contains)) && stackMatcher.ScopeOf(def, q) is { } scope)
            {
                result.Add(scope);
            }
        }
        return result;
    }

    /// <summary>What a feasible stack is not known to meet: its technologies' own caveats, then the stack-level partial and unknown verdicts.</summary>
    private static ImmutableArray<MatchResult> CaveatsOf(Stack stack, Dictionary<string, List<MatchResult>> caveats, IEnumerable<MatchResult> stackMatches) =>
        [.. stack.TechnologyIds.SelectMany(id => caveats.TryGetValue(id, out var c) ? c : []).Concat(stackMatches.Where(m => m.Verdict is Verdict.Partial or Verdict.Unknown))];

    /// <summary>The stack with its supporting components, or null with the compatibility rule it breaks.</summary>
    public StackView? View(Stack stack, EffectiveRequirements req, IReadOnlyList<Rule> active, ProfileView profile, out Violation? violation)
    {
        var supporting = new List<SupportingComponent>();
        violation = CheckRules(stack, req, active, supporting, profile);
        if (violation is not null)
        {
            return null;
        }
        var members = new HashSet<string>(stack.TechnologyIds, StringComparer.Ordinal);
        foreach (var s in supporting)
        {
            members.Add(s.Technology);
        }
        HashSet<string>? bundled = null;
        foreach (var rule in active)
        {
            if (rule.Kind == RuleKind.Bundles && members.Contains(rule.Subject!))
            {
                (bundled ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(rule.AnyOf);
            }
        }
        return new StackView(stack, supporting, bundled ?? NothingBundled, _layerOf, members);
    }

    private static readonly HashSet<string> NothingBundled = new(StringComparer.Ordinal);

    private Func<string, string?> _layerOf => field ??= id => Technology(id)?.Layer;

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
            if (!rule.AnyCapability.IsEmpty)
            {
                if (CapabilityUnmet(rule, ids, layers))
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

    /// <summary>
    /// Whether a requires rule met by a capability fails in every completion of a partial stack: no choice of a
    /// technology it names is still possible, and every layer that could give the capability is assigned to a choice
    /// that lacks it (with every helper its own layer's rules could bring), or is a layer the stack does not choose
    /// whose every possible supporting component lacks it. A layer other than the subject's that could give it must be
    /// among the stack's, so that the rule asks something of the stack.
    /// </summary>
    private bool CapabilityUnmet(Rule rule, string?[] ids, List<string> layers)
    {
        if (Scorer?.Context.Capabilities is not { } capabilities || Technology(rule.Subject!) is not { } subject)
        {
            return false;
        }
        if (rule.AnyOf.Any(id => Array.IndexOf(ids, id) >= 0 || (Technology(id) is { } t && layers.IndexOf(t.Layer) is var l and >= 0 && ids[l] is null)))
        {
            return false;
        }
        foreach (var capability in rule.AnyCapability)
        {
            var providers = capabilities.Layers(capability);
            if (!providers.Any(p => p != subject.Layer && layers.Contains(p)))
            {
                return false;
            }
            foreach (var provider in providers)
            {
                var l = layers.IndexOf(provider);
                var possible = l < 0
                    ? _reach.NamedIn(provider)
                    : ids[l] is { } chosen ? [chosen, .. _reach.SameLayerHelpers(chosen)] : null;
                if (possible is null || possible.Any(id => capabilities.Has(id, capability) == true || capabilities.HasVia(id, capability)))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>Every check of one technology: the eliminations, and every constraint's match result (match, partial, unknown and mismatch).</summary>
    public List<Elimination> Assess(Technology tech, EffectiveRequirements req, ProfileView view, out List<MatchResult> matches)
    {
        matches = [];
        var removed = new List<Elimination>();
        foreach (var forbidden in req.Forbid.GetValueOrDefault(tech.Id, []))
        {
            if (forbidden.Kind == RequirementOrigin.ExcludeKind)
            {
                removed.Add(new Elimination(tech.Id, tech.Layer, forbidden.Unit, $"not {tech.Id}", tech.Id, Verdict.Mismatch, forbidden.Provenance, null,
                    $"excluded: {forbidden.Id}"));
                continue;
            }
            var rule = catalog.Rules.First(r => r.Id == forbidden.Id);
            removed.Add(new Elimination(tech.Id, tech.Layer, forbidden.Unit, $"not {tech.Id}", tech.Id, Verdict.Mismatch, rule.Provenance, null,
                $"rule {rule.Id} ({rule.When?.Text}) rules out {tech.Id}"));
        }
        // One elimination per rule that leaves this technology out, so that each is a relaxation of its own.
        foreach (var a in req.AllowancesFor(tech.Layer).Where(a => !a.Technologies.Contains(tech.Id)))
        {
            removed.Add(new Elimination(tech.Id, tech.Layer, a.Origin.Unit, $"one of {string.Join(", ", a.Technologies)}", tech.Id,
                Verdict.Mismatch, a.Origin.Provenance, null, $"only {string.Join(", ", a.Technologies)} may serve as {tech.Layer} (rule {a.Origin.Id})"));
        }
        removed.AddRange(HostMismatches(tech, view));
        matches.AddRange(HostUnknowns(tech, view));
        var capabilities = Scorer?.Context.Capabilities;
        foreach (var (field, c) in req.Constraints)
        {
            if (!catalog.Vocabulary.Constraints.TryGetValue(field, out var def) || !SpecMatcher.Applies(c.Value))
            {
                continue;
            }
            // A needed capability only this layer's technologies can give is checked on each of them, so the elimination names it.
            if (def.Compare == CompareMode.StackHasAll && c.Value is WordSetConstraint needs && capabilities is not null)
            {
                foreach (var capability in needs.Words.Where(w => ChecksAlone(capabilities, w, tech)))
                {
                    var has = capabilities.Has(tech.Id, capability);
                    var m = new MatchResult(tech.Id, tech.Layer, $"{field}:{capability}", has switch { true => Verdict.Match, false => Verdict.Mismatch, _ => Verdict.Unknown },
                        $"has {capability}", has switch { true => "has it", false => "does not have it", _ => "unknown" }, capabilities.Fact(tech.Id), c.Origin);
                    matches.Add(m);
                    if (has == false)
                    {
                        removed.Add(new Elimination(tech.Id, tech.Layer, m.Constraint, m.Expected, m.Actual, Verdict.Mismatch, m.Fact?.Provenance, m.Fact?.Status,
                            $"{field}: {capability} — {tech.Id} does not have it"));
                    }
                }
                continue;
            }
            if (!def.Layers.Contains(tech.Layer) || !SpecMatcher.OneFigureAnswers(def, c.Value))
            {
                continue; // checked on the whole stack, or read only by rules
            }
            if (SpecMatcher.DependsOnStack(tech, def.Fact))
            {
                continue; // a figure that holds with another component may answer it: judged in each stack
            }
            var match = matcher.Match(tech, def, c);
            matches.Add(match);
            if (match.Verdict == Verdict.Mismatch)
            {
                removed.Add(new Elimination(tech.Id, tech.Layer, field, match.Expected, match.Actual, Verdict.Mismatch, match.Fact?.Provenance, match.Fact?.Status,
                    $"{field}: expected {match.Expected}, {tech.Id} has {match.Actual}"));
            }
        }
        return removed;
    }

    /// <summary>
    /// Whether a needed capability is checked on the technology alone: only technologies of its layer can give it, the
    /// technology does not have it with some other component (via), and no rule brings it a helper (a VM's KubeVirt
    /// and runc give it the pod runtime it lacks alone).
    /// </summary>
    public bool ChecksAlone(Capabilities.CapabilityIndex capabilities, string capability, Technology tech) =>
        capabilities.OnlyIn(capability, tech.Layer) && !capabilities.HasVia(tech.Id, capability)
        && !catalog.Rules.Any(r => r.Kind is RuleKind.Requires or RuleKind.Bundles && r.Subject == tech.Id);

    private static IEnumerable<Elimination> HostMismatches(Technology tech, ProfileView view)
    {
        foreach (var (hostKey, requirement) in HostRequirements)
        {
            if (view.Host.TryGetValue(hostKey, out var present) && !present &&
                tech.FactsNamed("host-requirements").FirstOrDefault(f => f.Value is WordSetValue ws && ws.Words.Contains(requirement)) is { } f)
            {
                yield return new Elimination(tech.Id, tech.Layer, $"host.{hostKey}", requirement, "absent on the host", Verdict.Mismatch, f.Provenance, f.Status,
                    $"{tech.Id} needs {requirement}, which the host does not offer");
            }
        }
    }

    /// <summary>
    /// Never guessed: what the technology needs from the host and nobody stated (no host: block, no --host, or one
    /// without the key) leaves it not known to meet that, so stacks that need nothing of the host rank ahead of it.
    /// </summary>
    private static IEnumerable<MatchResult> HostUnknowns(Technology tech, ProfileView view)
    {
        foreach (var (hostKey, requirement) in HostRequirements)
        {
            if (!view.Host.ContainsKey(hostKey) &&
                tech.FactsNamed("host-requirements").FirstOrDefault(f => f.Value is WordSetValue ws && ws.Words.Contains(requirement)) is { } f)
            {
                yield return new MatchResult(tech.Id, tech.Layer, $"host.{hostKey}", Verdict.Unknown, $"a host with {requirement}",
                    view.Host.IsEmpty ? $"no host is described (host:, --host), so whether it has {requirement} is not known"
                        : $"the host description does not say whether it has {requirement}", f, RequirementOrigin.Profile);
            }
        }
    }

    /// <summary>The host facts composition reads (against technologies' host-requirements); a fleet plan keeps exactly these, and those conditions name, in its node classes.</summary>
    public static readonly IReadOnlyList<(string HostKey, string Requirement)> HostRequirements = [("kvm", "kvm"), ("cgroup_v2", "cgroup-v2"), ("gpu", "nvidia-driver"), ("mig", "mig-capable-gpu")];

    public sealed record Violation(Rule Rule, string Subject, string Reason)
    {
        /// <summary>This violation as the decision reports it, with a stack that breaks it.</summary>
        public RejectedCombinations ToRejected(Stack example, int count = 1) =>
            new(Rule.Id, Rule.Kind.ToString().ToLowerInvariant(), Subject, Reason, count, example, Rule.Provenance);
    }

    /// <summary>
    /// The compatibility rules (requires, excludes, bundles) whose conditions hold for the profile, in catalogue
    /// order; a seed rule research rejected only under the seed policy.
    /// </summary>
    public List<Rule> ActiveRules(ConditionEvaluator evaluator) =>
        [.. catalog.Rules.Where(r => r.Kind != RuleKind.Derives && r.Subject is not null && (SeedPolicy || !r.SeedOnly)
            && (r.When is null || evaluator.Evaluate(r.When.Condition) == Truth.True))];

    /// <summary>
    /// The first compatibility rule the stack breaks, or null; technologies the stack needs alongside go into
    /// <paramref name="supporting"/>. A supporting component must itself be allowed: not forbidden, on the nodes'
    /// architecture, and with what it needs from the host.
    /// </summary>
    public Violation? CheckRules(Stack stack, EffectiveRequirements req, IReadOnlyList<Rule> active, List<SupportingComponent> supporting, ProfileView? profile = null)
    {
        Index(active);
        List<Rule>? capabilityRules = null;
        // Rules apply to supporting components too (Kubernetes brings containerd, which brings runc), so the rules
        // are walked again while new components come along; each rule applies once.
        Array.Clear(_applied);
        for (var pass = 0; pass < 4; pass++)
        {
            var before = supporting.Count;
            var violation = ApplyRules(stack, req, active, supporting, profile, ref capabilityRules);
            if (violation is not null)
            {
                return violation;
            }
            if (supporting.Count == before)
            {
                break;
            }
        }
        return capabilityRules is null ? null : CheckCapabilityRules(stack, supporting, capabilityRules);
    }

    private static bool Supports(List<SupportingComponent> supporting, string id)
    {
        foreach (var s in supporting)
        {
            if (string.Equals(s.Technology, id, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private Violation? ApplyRules(Stack stack, EffectiveRequirements req, IReadOnlyList<Rule> active, List<SupportingComponent> supporting, ProfileView? profile,
        ref List<Rule>? capabilityRules)
    {
        foreach (var order in RulesOf(stack, supporting))
        {
            if (_applied[order])
            {
                continue;
            }
            _applied[order] = true;
            var rule = active[order];
            var subject = rule.Subject!;
            switch (rule.Kind)
            {
                case RuleKind.Excludes when FirstChosen(stack, rule.AnyOf) is { } clash:
                    return new Violation(rule, subject, $"{subject} cannot run with {clash}");
                case RuleKind.Requires when !rule.AnyCapability.IsEmpty:
                    (capabilityRules ??= []).Add(rule);
                    break;
                case RuleKind.Requires when FirstChosen(stack, rule.AnyOf) is null && !rule.AnyOf.Any(id => Supports(supporting, id)):
                    var subjectLayer = Technology(subject)!.Layer;
                    // A required technology of a layer the stack does not choose, or of the subject's own
                    // layer (crun hosting WasmEdge), comes along as a supporting component.
                    string? helper = null;
                    foreach (var id in rule.AnyOf)
                    {
                        if (Technology(id) is { } t && Usable(t, req, profile, helpsOwnLayer: t.Layer == subjectLayer)
                            && (!stack.Layers.ContainsKey(t.Layer) || t.Layer == subjectLayer))
                        {
                            helper = id;
                            break;
                        }
                    }
                    if (helper is null)
                    {
                        return new Violation(rule, subject, $"{subject} needs one of {string.Join(", ", rule.AnyOf)}");
                    }
                    supporting.Add(new SupportingComponent(helper, subject, rule.Id, "requires") { Layer = Technology(helper)!.Layer });
                    break;
                case RuleKind.Bundles:
                    foreach (var id in rule.AnyOf)
                    {
                        if (!stack.Has(id) && !Supports(supporting, id) && Technology(id) is { } t && !stack.Layers.ContainsKey(t.Layer)
                            && supporting.All(s => s.Layer != t.Layer || t.Layer != "runtime"))
                        {
                            supporting.Add(new SupportingComponent(id, subject, rule.Id, "bundles") { Layer = t.Layer });
                        }
                    }
                    break;
            }
        }
        return null;
    }

    /// <summary>The first of <paramref name="ids"/> the stack chooses, or null.</summary>
    private static string? FirstChosen(Stack stack, ImmutableArray<string> ids)
    {
        foreach (var id in ids)
        {
            if (stack.Has(id))
            {
                return id;
            }
        }
        return null;
    }

    private IReadOnlyList<Rule>? _indexed;
    private Dictionary<string, int[]> _bySubject = [];
    private bool[] _applied = [];
    private bool[] _marked = [];
    private readonly List<int> _found = [];

    /// <summary>The active rules by subject (their positions in catalogue order), built once per list of active rules.</summary>
    private void Index(IReadOnlyList<Rule> active)
    {
        if (ReferenceEquals(_indexed, active))
        {
            return;
        }
        _bySubject = active.Select((r, i) => (Order: i, Rule: r)).GroupBy(x => x.Rule.Subject!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Order).ToArray(), StringComparer.Ordinal);
        _applied = new bool[active.Count];
        _marked = new bool[active.Count];
        _indexed = active;
    }

    /// <summary>
    /// The positions of the active rules whose subject is in the stack or among its supporting components, in catalogue
    /// order (a buffer reused by the next call: the caller reads it before asking again).
    /// </summary>
    private List<int> RulesOf(Stack stack, List<SupportingComponent> supporting)
    {
        _found.Clear();
        void Mark(string id)
        {
            if (_bySubject.TryGetValue(id, out var orders))
            {
                foreach (var o in orders)
                {
                    if (!_marked[o])
                    {
                        _marked[o] = true;
                        _found.Add(o);
                    }
                }
            }
        }
        foreach (var id in stack.TechnologyIds)
        {
            Mark(id);
        }
        foreach (var s in supporting)
        {
            Mark(s.Technology);
        }
        _found.Sort();
        foreach (var o in _found)
        {
            _marked[o] = false;
        }
        return _found;
    }

    /// <summary>Rules met by a capability, checked once the supporting components are known.</summary>
    private Violation? CheckCapabilityRules(Stack stack, List<SupportingComponent> supporting, List<Rule> capabilityRules)
    {
        var capabilities = Scorer?.Context.Capabilities;
        foreach (var rule in capabilityRules)
        {
            var all = stack.TechnologyIds.Concat(supporting.Select(s => s.Technology)).ToList();
            // The rule constrains the pairing with a layer the stack decides: with no component in any layer that
            // could give the capability (an accelerator-only profile has no runtime), it asks nothing.
            var providerLayers = capabilities is null ? [] : rule.AnyCapability.SelectMany(capabilities.Layers).ToHashSet(StringComparer.Ordinal);
            var decidesLayer = all.Any(id => id != rule.Subject && Technology(id) is { } t && providerLayers.Contains(t.Layer));
            var met = capabilities is null || !decidesLayer
                || rule.AnyCapability.Any(c => capabilities.ReadOn(c, all, l => LayerLead(stack, supporting, l)).Any(id => id != rule.Subject && capabilities.Has(id, c, all) == true))
                || FirstChosen(stack, rule.AnyOf) is not null;
            if (!met)
            {
                return new Violation(rule, rule.Subject!, $"{rule.Subject} needs a component with {string.Join(" or ", rule.AnyCapability)}");
            }
        }
        return null;
    }

    /// <summary>The component that runs the workload in a layer: the stack's choice there, else its first supporting component there (as <see cref="StackView.InLayer"/> orders them).</summary>
    private string? LayerLead(Stack stack, List<SupportingComponent> supporting, string layer) =>
        stack.TechnologyIds.FirstOrDefault(id => Technology(id)?.Layer == layer)
        ?? supporting.Select(s => s.Technology).FirstOrDefault(id => Technology(id)?.Layer == layer);

    /// <summary>Whether a technology may come along as a supporting component: not forbidden, on the architecture asked, with what it needs from the host.</summary>
    /// <remarks>
    /// A rule's "only these may serve as the layer" restricts the layer's choice, not a helper the choice brings
    /// into its own layer (KubeVirt under "only vm for runtime", crun hosting WasmEdge); an explicit "not X" does.
    /// </remarks>
    private bool Usable(Technology t, EffectiveRequirements req, ProfileView? profile, bool helpsOwnLayer = false)
    {
        // The same requirements and profile ask the same of a technology for every stack: answered once per composition.
        if (!ReferenceEquals(_usableFor.Requirements, req) || !ReferenceEquals(_usableFor.Profile, profile))
        {
            _usable.Clear();
            _usableFor = (req, profile);
        }
        if (!_usable.TryGetValue((t.Id, helpsOwnLayer), out var usable))
        {
            _usable[(t.Id, helpsOwnLayer)] = usable = IsUsable(t, req, profile, helpsOwnLayer);
        }
        return usable;
    }

    private (EffectiveRequirements? Requirements, ProfileView? Profile) _usableFor;
    private readonly Dictionary<(string Technology, bool HelpsOwnLayer), bool> _usable = [];

    private bool IsUsable(Technology t, EffectiveRequirements req, ProfileView? profile, bool helpsOwnLayer)
    {
        if (req.Forbid.ContainsKey(t.Id) || (!helpsOwnLayer && req.AllowancesFor(t.Layer).Any(a => !a.Technologies.Contains(t.Id))))
        {
            return false;
        }
        if (profile is not null && HostMismatches(t, profile).Any())
        {
            return false;
        }
        if (req.Constraints.TryGetValue("arch", out var arch) && catalog.Vocabulary.Constraints.TryGetValue("arch", out var def) && SpecMatcher.Applies(arch.Value))
        {
            return matcher.Match(t, def, arch).Verdict != Verdict.Mismatch;
        }
        return true;
    }

    /// <summary>For each technology among the candidates that leaves layers empty (systemd: no datastore, CNI or policy), those layers.</summary>
    private Dictionary<string, ImmutableArray<string>> OmittedBy(SortedDictionary<string, ImmutableArray<string>> candidates)
    {
        var result = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        foreach (var id in candidates.Values.SelectMany(v => v))
        {
            if (Technology(id) is { Omits.IsEmpty: false } t)
            {
                result[id] = [.. t.Omits.Where(candidates.ContainsKey)];
            }
        }
        return result;
    }

    /// <summary>
    /// Every combination of one candidate per layer. A layer some chosen technology omits is left out of the stack
    /// (and only then), so a single-host stack under systemd has no datastore, CNI or policy choice.
    /// </summary>
    private static IEnumerable<Stack> Product(SortedDictionary<string, ImmutableArray<string>> candidates, Dictionary<string, ImmutableArray<string>> omitted)
    {
        var omittable = omitted.Values.SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
        if (candidates.Count == 0 || candidates.Any(c => c.Value.IsEmpty && !omittable.Contains(c.Key)))
        {
            yield break;
        }
        var layers = candidates.Keys.ToArray();
        // "" stands for "nothing in this layer", offered only where some candidate omits the layer.
        var options = layers.Select(l => omittable.Contains(l) ? candidates[l].Add("") : candidates[l]).ToArray();
        var index = new int[layers.Length];
        var chosen = new string[layers.Length];
        // Each candidate's one-element layer array, made once rather than once per combination.
        var single = options.Select(o => o.Select(id => ImmutableArray.Create(id)).ToArray()).ToArray();
        var skip = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            skip.Clear();
            for (var i = 0; i < layers.Length; i++)
            {
                chosen[i] = options[i][index[i]];
                if (omitted.TryGetValue(chosen[i], out var leaves))
                {
                    skip.UnionWith(leaves);
                }
            }
            var valid = true;
            for (var i = 0; i < layers.Length && valid; i++)
            {
                valid = (chosen[i].Length == 0) == skip.Contains(layers[i]);
            }
            if (valid)
            {
                var b = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
                for (var i = 0; i < layers.Length; i++)
                {
                    if (chosen[i].Length > 0)
                    {
                        b[layers[i]] = single[i][index[i]];
                    }
                }
                yield return new Stack(b.ToImmutable());
            }
            var k = layers.Length - 1;
            while (k >= 0 && ++index[k] == options[k].Length)
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
        var named = options.SelectMany(o => o.Layers.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var option in options)
        {
            var partial = new List<ImmutableSortedDictionary<string, ImmutableArray<string>>> { ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.Ordinal) };
            // The option's layers, then each layer no option names (a rule brought it in) with every candidate of it.
            foreach (var (layer, ids) in option.Layers.Concat(candidates.Where(c => !named.Contains(c.Key) && !c.Value.IsEmpty)))
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
