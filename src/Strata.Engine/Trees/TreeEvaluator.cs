using System.Collections.Immutable;
using Strata.Engine.Conditions;
using Strata.Engine.Decisions;
using Strata.Model.Entities;

namespace Strata.Engine.Trees;

/// <summary>
/// Walks a catalogue tree on a profile: the first branch whose condition is true (an unknown
/// condition is not taken), outcomes accumulate along the way, <c>then</c> continues the chain.
/// </summary>
public static class TreeEvaluator
{
    public static (ImmutableArray<TreeStep> Path, Stack Outcome) Walk(DecisionTree tree, ConditionEvaluator evaluator)
    {
        var path = ImmutableArray.CreateBuilder<TreeStep>();
        var outcome = new SortedDictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var id = tree.Root;
        var steps = 0;
        while (id is not null && tree.Node(id) is { } node && steps++ <= tree.Nodes.Length)
        {
            if (node.Outcome is { } o)
            {
                foreach (var (layer, ids) in o.Layers)
                {
                    outcome[layer] = ids;
                }
            }
            string? next = node.Then;
            string? taken = null;
            var truth = "";
            foreach (var b in node.Branches)
            {
                if (b.Else)
                {
                    (next, taken, truth) = (b.Next, "else", "else");
                    break;
                }
                var t = evaluator.Evaluate(b.When!.Condition);
                if (t == Truth.True)
                {
                    (next, taken, truth) = (b.Next, b.When.Text, "true");
                    break;
                }
                if (t == Truth.Unknown)
                {
                    path.Add(new TreeStep(node.Id, node.Question, b.When.Text, "unknown (not taken)", null));
                }
            }
            path.Add(new TreeStep(node.Id, node.Question, taken, node.Branches.IsEmpty ? "outcome" : truth.Length == 0 ? "no branch holds" : truth, next));
            id = next;
        }
        return (path.ToImmutable(), new Stack(outcome.ToImmutableSortedDictionary(StringComparer.Ordinal)));
    }
}
