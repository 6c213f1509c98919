using System.Collections.Immutable;
using Strata.Application;
using Strata.Fleet.Classes;
using Strata.Fleet.Inventory;
using Strata.Model.Entities;

namespace Strata.Fleet.Planning;

/// <summary>
/// One class of nodes: the facts its decision read, the answer, and a tally. <see cref="Stack"/> is the winner's
/// (empty when nothing is feasible for these nodes); <see cref="Relaxation"/> the smallest relaxation that would admit
/// a stack then.
/// </summary>
public sealed class NodeClass
{
    internal NodeClass(string id, NodeClassKey key, string profile)
    {
        Id = id;
        Key = key;
        Profile = profile;
    }

    internal void Decided(Stack? stack, string verdict, ImmutableArray<string> failing, ImmutableArray<string> relaxation, ImmutableArray<string> caveats)
    {
        Stack = stack;
        Verdict = verdict;
        Failing = failing;
        Relaxation = relaxation;
        Caveats = caveats;
    }

    /// <summary>Completes when the class has been decided (decisions run beside the reading of the inventory).</summary>
    internal Task Ready { get; set; } = Task.CompletedTask;

    public string Id { get; }
    public NodeClassKey Key { get; }

    /// <summary>The profile the class was decided on (--profile, or a --map rule's).</summary>
    public string Profile { get; }

    public Stack? Stack { get; private set; }

    /// <summary>match (known to meet every requirement), partial (some only possibly met or unknown), or none (nothing feasible).</summary>
    public string Verdict { get; private set; } = "";

    /// <summary>For an infeasible class: the constraints that leave a layer with no candidate.</summary>
    public ImmutableArray<string> Failing { get; private set; } = [];

    /// <summary>For an infeasible class: the smallest set of requirements whose relaxation admits a stack (empty when none does).</summary>
    public ImmutableArray<string> Relaxation { get; private set; } = [];

    /// <summary>
    /// What the stack needs beside its layers, as "technology for subject (rule)": an agent of a remote control plane
    /// running offline gets its edge extension here (KubeEdge or OpenYurt for K3s, rule k3s-remote-offline-edge-extension).
    /// </summary>
    public ImmutableArray<string> With { get; internal set; } = [];

    /// <summary>For a partial verdict: the requirements the winner is not known to meet.</summary>
    public ImmutableArray<string> Caveats { get; private set; } = [];

    public bool Feasible => Stack is not null;

    /// <summary>The winner's runtime (layer 'runtime'), if the stack has that layer.</summary>
    public string? Runtime => Stack is { } s && s.Layers.TryGetValue("runtime", out var r) && r.Length > 0 ? r[0] : null;

    public long Nodes { get; internal set; }

    /// <summary>The first few node names of the class, in inventory order.</summary>
    public List<string> Examples { get; } = [];

    /// <summary>The stack as one line: layer=id, layer order as the catalogue sorts them.</summary>
    public string StackText => Stack is null ? "" : string.Join(",", Stack.Layers.Select(kv => $"{kv.Key}={string.Join("+", kv.Value)}"));
}

/// <summary>Infeasible nodes that fail for the same reason, with the smallest relaxation.</summary>
public sealed record InfeasibleGroup(string Reason, ImmutableArray<string> Relaxation, long Nodes, ImmutableArray<string> Examples, ImmutableArray<string> Classes);

/// <summary>The whole plan: every class, the infeasible groups, and how the inventory read.</summary>
public sealed record FleetPlan(
    string Inventory,
    string Format,
    long Nodes,
    ImmutableArray<NodeClass> Classes,
    ImmutableArray<InfeasibleGroup> Infeasible,
    ImmutableArray<string> Profiles,
    bool Cancelled)
{
    public long InfeasibleNodes => Infeasible.Sum(g => g.Nodes);
}

/// <summary>What a plan run ended in: the plan, or the inventory's or profiles' errors (bad input).</summary>
public sealed record FleetOutcome(FleetPlan? Plan, IReadOnlyList<InventoryError> InventoryErrors, Outcome<Strata.Engine.Decisions.Decision>? ProfileFailure, string? ProfileFailed)
{
    public bool BadInput => Plan is null;
}
