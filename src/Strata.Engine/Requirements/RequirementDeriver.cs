using System.Collections.Immutable;
using Strata.Engine.Conditions;
using Strata.Engine.Decisions;
using Strata.Model.Conditions;
using Strata.Model.Entities;

namespace Strata.Engine.Requirements;

/// <summary>
/// Builds the effective requirements: the scenario's defaults, the profile's own constraints over
/// them, then every derivation rule whose condition holds, until nothing changes.
/// </summary>
public static class RequirementDeriver
{
    private const int MaxRounds = 16;

    /// <param name="seedPolicy">Under the seed policy the seeds' own rules that research rejected apply too, so the seeds reproduce.</param>
    public static EffectiveRequirements Derive(Model.Entities.Catalog catalog, Profile profile, bool seedPolicy = false)
    {
        var scenario = profile.Scenario is { } sid ? catalog.Scenario(sid) : null;
        var constraints = new SortedDictionary<string, EffectiveConstraint>(StringComparer.Ordinal);
        if (scenario?.Requirements is { } req)
        {
            var origin = new RequirementOrigin("scenario", scenario.Id, req.Provenance);
            foreach (var (k, v) in req.Value.Values)
            {
                constraints[k] = new EffectiveConstraint(k, v, origin);
            }
        }
        if (seedPolicy && scenario?.SeedRequirements is { } seedReq)
        {
            var origin = new RequirementOrigin("scenario", scenario.Id, seedReq.Provenance);
            foreach (var (k, v) in seedReq.Value.Values)
            {
                constraints[k] = new EffectiveConstraint(k, v, origin);
            }
        }
        foreach (var (k, v) in profile.Constraints.Values)
        {
            constraints[k] = new EffectiveConstraint(k, v, RequirementOrigin.Profile);
        }

        var layers = new List<string>();
        if (!profile.Layers.IsEmpty)
        {
            layers.AddRange(profile.Layers);
        }
        else if (!profile.Options.IsEmpty)
        {
            layers.AddRange(profile.Options.SelectMany(o => o.Layers.Keys).Distinct());
        }
        else if (scenario is { Layers.IsEmpty: false })
        {
            layers.AddRange(scenario.Layers);
        }
        else
        {
            layers.AddRange(catalog.OrderedLayers.Where(l => l.Core).Select(l => l.Id));
        }

        var allow = new List<Allowance>();
        // Every rule that forbids a technology (not only the first), so relaxing one rule keeps the others.
        var forbid = new SortedDictionary<string, ImmutableArray<RequirementOrigin>>(StringComparer.Ordinal);
        var derived = new List<DerivedRequirement>();
        // Rules whose only effect is to forbid technologies: listed only if one of those is in a layer the decision has.
        var forbidOnly = new Dictionary<DerivedRequirement, ImmutableArray<string>>();
        var fired = new HashSet<string>(StringComparer.Ordinal);
        // The profile's own exclusions (and those the reference suite adds) forbid like a rule, with the profile as origin.
        foreach (var (id, exclusion) in profile.Exclude)
        {
            var why = exclusion.ReleasedIn is { } released
                ? $"first publicly released {released}, after the decision ({exclusion.DecidedIn})"
                : "the profile excludes it";
            forbid[id] = [new RequirementOrigin(RequirementOrigin.ExcludeKind, why, exclusion.Provenance)];
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var view = new ProfileView(profile.Scenario, Snapshot(constraints), profile.Host) { Layers = [.. layers] };
            var evaluator = new ConditionEvaluator(catalog, view);
            var changed = false;
            foreach (var rule in catalog.Rules.Where(r => r.Kind == RuleKind.Derives && !fired.Contains(r.Id) && (seedPolicy || !r.SeedOnly)))
            {
                var truth = rule.When is null ? Truth.False : evaluator.Evaluate(rule.When.Condition);
                if (!(truth == Truth.True || (truth == Truth.Unknown && rule.WhenUnknown)))
                {
                    continue;
                }
                fired.Add(rule.Id);
                changed = true;
                var origin = new RequirementOrigin("rule", rule.Id, rule.Provenance);
                var then = rule.Then!;
                var adds = new List<string>();
                foreach (var (k, v) in then.Constraints.Values)
                {
                    var merged = constraints.TryGetValue(k, out var existing) ? Merge(catalog, existing.Value, v) : v;
                    if (existing is null || !Equals(merged, existing.Value))
                    {
                        constraints[k] = new EffectiveConstraint(k, merged, origin);
                    }
                    adds.Add($"{k} {v.Display()}");
                }
                foreach (var layer in then.AddLayers)
                {
                    adds.Add(layers.Contains(layer) ? $"layer {layer} (already chosen)" : $"layer {layer}");
                    if (!layers.Contains(layer))
                    {
                        layers.Add(layer);
                    }
                }
                foreach (var (layer, ids) in then.Allow)
                {
                    allow.Add(new Allowance(layer, ids, origin));
                    adds.Add($"only {string.Join("/", ids)} for {layer}");
                }
                foreach (var id in then.Forbid)
                {
                    forbid[id] = forbid.GetValueOrDefault(id, []).Add(origin);
                }
                if (!then.Forbid.IsEmpty)
                {
                    adds.Add($"not {string.Join(", ", then.Forbid)}");
                }
                // A rule that fired because its condition is unknown says so: "nodes > 1" is not what the profile stated.
                var because = truth == Truth.Unknown ? $"{rule.When?.Text} (not stated, so assumed)" : rule.When?.Text ?? "";
                var requirement = new DerivedRequirement(rule.Id, because, string.Join("; ", adds), rule.Provenance, rule.Note);
                derived.Add(requirement);
                if (then.Constraints.Values.IsEmpty && then.AddLayers.IsEmpty && then.Allow.IsEmpty && !then.Forbid.IsEmpty)
                {
                    forbidOnly[requirement] = then.Forbid;
                }
            }
            if (!changed)
            {
                break;
            }
        }

        // A needed capability brings its layer: needing scale-to-zero means choosing a serverless platform.
        if (constraints.TryGetValue("needs", out var needs) && needs.Value is WordSetConstraint needed)
        {
            foreach (var group in needed.Words.Where(catalog.Vocabulary.Capabilities.ContainsKey).GroupBy(w => catalog.Vocabulary.Capabilities[w].Layer))
            {
                if (!layers.Contains(group.Key))
                {
                    layers.Add(group.Key);
                    derived.Add(new DerivedRequirement("needs", $"needs {string.Join(", ", group)}", $"layer {group.Key}",
                        (catalog.Layer(group.Key) ?? throw new InvalidOperationException($"capability layer '{group.Key}' is not in the catalogue (the loader's cross-checks should have refused it)")).Provenance,
                        $"{string.Join(", ", group)} {(group.Count() == 1 ? "is a capability" : "are capabilities")} of the {group.Key} layer"));
                }
            }
        }

        // The forbids stay in force (a supporting component may come from any layer); only the listing is about the decision's layers.
        derived.RemoveAll(d => forbidOnly.TryGetValue(d, out var ids)
            && ids.All(id => catalog.Technology(id) is { } t && !layers.Contains(t.Layer)));

        var ordered = catalog.Layers.ToDictionary(l => l.Id, l => l.Order, StringComparer.Ordinal);
        return new EffectiveRequirements(
            [.. layers.Distinct().OrderBy(l => ordered.GetValueOrDefault(l, int.MaxValue)).ThenBy(l => l, StringComparer.Ordinal)],
            constraints.ToImmutableSortedDictionary(StringComparer.Ordinal),
            [.. allow],
            forbid.ToImmutableSortedDictionary(StringComparer.Ordinal),
            [.. derived]);
    }

    private static ConstraintSet Snapshot(SortedDictionary<string, EffectiveConstraint> constraints) =>
        new(constraints.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal));

    /// <summary>Combines a stated and a derived constraint: the stricter isolation, the union of sets, true over false.</summary>
    private static ConstraintValue Merge(Model.Entities.Catalog catalog, ConstraintValue existing, ConstraintValue derived) => (existing, derived) switch
    {
        (IsolationConstraint a, IsolationConstraint b) => new IsolationConstraint(
            a.Requirement is null ? b.Requirement : b.Requirement is null ? a.Requirement
            : catalog.Vocabulary.IsolationStrength(b.Requirement.Class) > catalog.Vocabulary.IsolationStrength(a.Requirement.Class) ? b.Requirement : a.Requirement)
        {
            AnyOf = [.. a.AnyOf.Concat(b.AnyOf).DistinctBy(g => string.Join(",", g))],
        },
        (WordSetConstraint a, WordSetConstraint b) => new WordSetConstraint([.. a.Words.Union(b.Words)]),
        (BoolConstraint a, BoolConstraint b) => new BoolConstraint(a.Value || b.Value),
        _ => existing,
    };
}
