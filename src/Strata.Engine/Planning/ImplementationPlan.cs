using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Engine.Evidence;
using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Facts;
using Strata.Model.Quantities;

namespace Strata.Engine.Planning;

/// <summary>One target of the profile checked against the chosen stack (004 §5): ✅ match, ⚠️ partial, ❌ mismatch.</summary>
public sealed record ValidationItem(string Constraint, string Target, string Technology, string Actual, Verdict Verdict, Provenance? Provenance, ClaimStatus? Status);

/// <summary>A resource the chosen stack and the runner-up cost (004 §5.3).</summary>
public sealed record CostLine(string Resource, string Layer, string Winner, string RunnerUp, double? Ratio);

/// <summary>Suggested limits per workload and what is left for workloads on the smallest node (004 §4.3).</summary>
public sealed record ResourceBudget(string RuntimeOverhead, string ControlPlane, string? WorkloadMemoryOnSmallestNode, string? WorkloadCpusOnSmallestNode);

/// <summary>004 §4-§5 for the chosen stack: composition, settings, limits, the validation checklist and the cost comparison.</summary>
public sealed record ImplementationPlan(
    Stack Stack,
    ImmutableArray<SupportingComponent> Supporting,
    ImmutableArray<string> Network,
    ImmutableArray<string> Security,
    ResourceBudget Budget,
    ImmutableArray<ValidationItem> Validation,
    Stack? RunnerUp,
    ImmutableArray<CostLine> Cost);

public static class Planner
{
    public static ImplementationPlan? Plan(Model.Entities.Catalog catalog, Decision decision, FactSelector facts)
    {
        // The chosen stack: the table's first, or with an order or bounds the one first over most weightings they allow.
        if (decision.Chosen is not { } w)
        {
            return null;
        }
        Technology Tech(string layer) => catalog.Technology(w.Stack.Layers[layer][0])!;
        Fact? FactOf(Stack stack, string layer, string fact) =>
            stack.Layers.TryGetValue(layer, out var ids) && catalog.Technology(ids[0]) is { } t
                ? facts.Select(t, fact, catalog.Vocabulary.Constraints.Values.FirstOrDefault(c => c.Fact == fact)?.Measures ?? [])
                : null;

        var network = ImmutableArray.CreateBuilder<string>();
        if (w.Stack.Layers.ContainsKey("network"))
        {
            var policy = FactOf(w.Stack, "network", "network-policy")?.Value.Display() ?? "unknown";
            network.Add($"CNI {Tech("network").Name}: enforces network policy at level {policy}");
        }
        if (decision.Requirements.Constraints.TryGetValue("network_policy", out var np))
        {
            network.Add($"write NetworkPolicies at level {np.Value.Display()} (required by {np.Origin})");
        }
        if (w.Stack.Layers.ContainsKey("service-mesh"))
        {
            network.Add($"service mesh {Tech("service-mesh").Name} for mTLS and traffic management between services");
        }
        var security = ImmutableArray.CreateBuilder<string>();
        if (w.Stack.Layers.ContainsKey("runtime"))
        {
            var runtime = Tech("runtime");
            security.Add($"runtime {runtime.Name}: isolation class {FactOf(w.Stack, "runtime", "isolation")?.Value.Display() ?? "unknown"}");
            if (runtime.FactsNamed("host-requirements").FirstOrDefault()?.Value is WordSetValue hr && !hr.Words.IsEmpty)
            {
                security.Add($"hosts must offer: {string.Join(", ", hr.Words)}");
            }
        }
        if (w.Stack.Layers.ContainsKey("policy"))
        {
            security.Add($"admission policy with {Tech("policy").Name} ({FactOf(w.Stack, "policy", "policy-language")?.Value.Display() ?? "its policy language"})");
        }

        var overhead = FactOf(w.Stack, "runtime", "memory-overhead");
        var control = FactOf(w.Stack, "orchestration", "control-plane-memory");
        string? leftMemory = null, leftCpus = null;
        if (decision.Requirements.Constraints.TryGetValue("node_memory", out var nm) && nm.Value is QuantityConstraint nmq
            && control?.Value is EstimateValue cm && (nmq.Estimate.Low ?? nmq.Estimate.High) is { } smallest)
        {
            var left = smallest.BaseValue - cm.Estimate.Central;
            leftMemory = left > 0 ? Quantity.Of(DataSize.FromBytes(left)).ToString() : "none: the control plane alone needs more than the smallest node";
        }
        if (decision.Requirements.Constraints.TryGetValue("node_cpus", out var nc) && nc.Value is QuantityConstraint ncq
            && FactOf(w.Stack, "orchestration", "control-plane-cpus")?.Value is EstimateValue cc && (ncq.Estimate.Low ?? ncq.Estimate.High) is { } cpus)
        {
            var left = cpus.BaseValue - cc.Estimate.Central;
            leftCpus = left > 0 ? left.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " cores" : "none";
        }
        var budget = new ResourceBudget(overhead?.Value.Display() ?? "no figure", control?.Value.Display() ?? "no figure", leftMemory, leftCpus);

        var validation = ImmutableArray.CreateBuilder<ValidationItem>();
        var matcher = new Matching.SpecMatcher(catalog, facts);
        foreach (var (field, c) in decision.Requirements.Constraints)
        {
            // Per-technology checks only: what the whole stack or the rules answer, the decision's own checks cover.
            if (!catalog.Vocabulary.Constraints.TryGetValue(field, out var def) || !Matching.SpecMatcher.Applies(c.Value)
                || !Matching.SpecMatcher.OneFigureAnswers(def, c.Value))
            {
                continue;
            }
            foreach (var layer in def.Layers.Where(w.Stack.Layers.ContainsKey))
            {
                var tech = Tech(layer);
                var m = matcher.Match(tech, def, c);
                validation.Add(new ValidationItem(field, m.Expected, tech.Id, m.Actual, m.Verdict, m.Fact?.Provenance, m.Fact?.Status));
            }
        }

        var runnerUp = decision.ChosenDiffersFromTable ? decision.Winner!.Stack
            : decision.Explanations.FirstOrDefault(e => e.Layer == "runtime")?.Other ?? (decision.Ranking.Length > 1 ? decision.Ranking[1].Stack : null);
        var cost = ImmutableArray.CreateBuilder<CostLine>();
        if (runnerUp is not null)
        {
            foreach (var (resource, layer, fact) in new[]
            {
                ("memory per workload", "runtime", "memory-overhead"),
                ("control-plane memory", "orchestration", "control-plane-memory"),
                ("CPU per workload", "runtime", "cpu-overhead"),
                ("control-plane CPUs", "orchestration", "control-plane-cpus"),
                ("image size", "runtime", "image-size"),
            })
            {
                var a = FactOf(w.Stack, layer, fact);
                var b = FactOf(runnerUp, layer, fact);
                if (a is null && b is null)
                {
                    continue;
                }
                double? ratio = a?.Value is EstimateValue ea && b?.Value is EstimateValue eb && eb.Estimate.Central > 0 ? ea.Estimate.Central / eb.Estimate.Central : null;
                cost.Add(new CostLine(resource, layer, a?.Value.Display() ?? "no figure", b?.Value.Display() ?? "no figure", ratio));
            }
        }
        return new ImplementationPlan(w.Stack, w.Supporting, network.ToImmutable(), security.ToImmutable(), budget, validation.ToImmutable(), runnerUp, cost.ToImmutable());
    }
}
