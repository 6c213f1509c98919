using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Model.Entities;

namespace Strata.Engine.Reference;

/// <summary>One documented layer of a real decision against Strata's answer.</summary>
/// <param name="Outcome">"match", "miss", "tie" (the top stacks disagree on this layer), or "infeasible".</param>
/// <param name="Explained">The case file says why the conditions differ here (then a miss is not a model error).</param>
public sealed record LayerCheck(string Layer, ImmutableArray<string> Chose, string? Strata, string Outcome, string? Explained);

/// <summary>A reference profile decided: whether Strata chose what the real system chose, layer by layer.</summary>
public sealed record ReferenceResult(string Profile, string System, bool Matched, ImmutableArray<LayerCheck> Layers, Decision Decision);

/// <summary>
/// Compares a decision with the real decision its profile describes. A layer matches when the winner's component
/// in that layer (its choice, or a supporting component of that layer such as KubeVirt under a VM) is one the real
/// system chose; when the top stacks tie and only their names order them, only if every tied stack agrees. A decision matches when every layer the
/// sources document with a catalogue id matches.
/// </summary>
public static class ReferenceCheck
{
    public static ReferenceResult Check(Decision decision, ReferenceDecision reference)
    {
        var layers = ImmutableArray.CreateBuilder<LayerCheck>();
        // A tie the criteria the profile does not weigh have ordered is Strata's answer (its first stack); one that only
        // names order is not an answer, so every tied stack must agree.
        var tied = decision.Ranking.Take(decision.TopTie is { } t ? t.Residual : 1).ToList();
        foreach (var (layer, chose) in reference.Chose.Layers)
        {
            var explained = reference.KnownDifferences.GetValueOrDefault(layer);
            if (tied.Count == 0)
            {
                layers.Add(new LayerCheck(layer, chose, null, "infeasible", explained));
                continue;
            }
            var picks = tied.Select(r => Members(r, layer)).ToList();
            var first = picks[0].FirstOrDefault();
            var ok = picks.All(p => p.Any(chose.Contains));
            var outcome = ok ? "match" : picks.Count > 1 && picks.Any(p => p.Any(chose.Contains)) ? "tie" : "miss";
            layers.Add(new LayerCheck(layer, chose, first, outcome, explained));
        }
        var checks = layers.ToImmutable();
        return new ReferenceResult(decision.Profile.Name, reference.System, !checks.IsEmpty && checks.All(c => c.Outcome == "match"), checks, decision);
    }

    /// <summary>The stack's components in a layer: the choice and the supporting components of that layer.</summary>
    private static IEnumerable<string> Members(RankedStack stack, string layer)
    {
        if (stack.Stack.Layers.TryGetValue(layer, out var ids))
        {
            yield return ids[0];
        }
        foreach (var s in stack.Supporting.Where(s => s.Layer == layer))
        {
            yield return s.Technology;
        }
    }
}
