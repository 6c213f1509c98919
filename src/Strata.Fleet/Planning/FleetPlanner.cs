using System.Collections.Immutable;
using Strata.Application;
using Strata.Application.Requests;
using Strata.Engine.Decisions;
using Strata.Engine.Robustness;
using Strata.Fleet.Classes;
using Strata.Fleet.Inventory;
using Strata.Model.Entities;
using Strata.Model.Quantities;

namespace Strata.Fleet.Planning;

/// <summary>Hears every node as it is planned (JSON Lines, the label plan), in inventory order.</summary>
public interface IFleetSink
{
    void Node(NodeRecord node, NodeFacts facts, NodeClass nodeClass);
}

/// <summary>What a plan is asked for: the base profile, the --map rules, the catalogue and evidence policy.</summary>
public sealed record FleetRequest(string Inventory, string Profile)
{
    public ProfileMap Map { get; init; } = ProfileMap.Empty;

    /// <summary>How the --map rules' profiles resolve (a path relative to the map file, or a scenario id).</summary>
    public Func<string, ProfileSource> ProfileSourceOf { get; init; } = ProfileSource.Path;

    public CatalogLocation Catalog { get; init; } = CatalogLocation.Bundled;

    public string Evidence { get; init; } = "sourced";

    public InventoryLimits Limits { get; init; } = InventoryLimits.Default;
}

/// <summary>
/// Plans a fleet in one pass over its inventory: each node's facts, its class, and the class's decision, made once
/// through <see cref="StrataApplication.Decide"/> with the class's facts as a <see cref="NodeOverride"/>. Memory holds
/// one node and the per-class tallies, whatever the number of nodes.
/// </summary>
public sealed class FleetPlanner(StrataApplication application)
{
    private const int ExamplesPerClass = 3;

    /// <summary>Called with (bytes read, nodes planned, classes) every 4,096 nodes and at the end.</summary>
    public Action<long, long, int>? Progress { get; init; }

    public FleetOutcome Plan(FleetRequest request, IReadOnlyList<IFleetSink> sinks, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sinks);
        var profiles = new List<(string Name, ProfileSource Source)> { (request.Profile, ProfileSource.Path(request.Profile)) };
        profiles.AddRange(request.Map.Rules.Select(r => (r.Profile, request.ProfileSourceOf(r.Profile))));
        // Every profile is read and checked once before the inventory: a broken one is bad input before anything is
        // planned. Checked, not decided: the decision without a node's facts is never used, and deciding it cost as much
        // as a class's decision, on one core, before the first node was read.
        foreach (var (name, profileSource) in profiles.DistinctBy(p => p.Name))
        {
            var check = application.Check(Request(request, profileSource, null));
            if (check.IsBadInput)
            {
                return new FleetOutcome(null, [], check.As<Decision>(), name);
            }
        }

        var grid = application.LoadCatalog(request.Catalog).Value is { } catalog ? ClassGrid.From(catalog) : ClassGrid.None;
        var classes = new Dictionary<NodeClassKey, NodeClass>();
        var ordered = new List<NodeClass>();
        long nodes = 0;
        var cancelled = false;
        // Each new class is decided on the thread pool (at most one decision per core) while reading goes on; the
        // sinks hear the nodes in inventory order on one thread, each once its class is decided. The queue between
        // them is bounded, so memory stays bounded too. Cancelling stops the reading and the sinks at once; a decision
        // under way runs to its end on its own thread, which nothing waits for (so the semaphore is not disposed under it).
        var decisions = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount));
        using var queue = new System.Collections.Concurrent.BlockingCollection<(NodeRecord Node, NodeFacts Facts, NodeClass Class)>(boundedCapacity: 65_536);
        var consumer = sinks.Count == 0 ? Task.CompletedTask : Task.Factory.StartNew(() =>
        {
            foreach (var (node, facts, nodeClass) in queue.GetConsumingEnumerable(cancel))
            {
                nodeClass.Ready.Wait(cancel);
                foreach (var sink in sinks)
                {
                    sink.Node(node, facts, nodeClass);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        using var source = InventoryFile.Open(request.Inventory, request.Limits, request.Map.Keys);
        try
        {
            while (source.TryRead(out var node))
            {
                if (cancel.IsCancellationRequested || consumer.IsFaulted)
                {
                    cancelled = !consumer.IsFaulted;
                    break;
                }
                var facts = NodeFacts.From(node!);
                var rule = request.Map.Match(node!);
                var key = NodeClassKey.Of(rule + 1, facts, grid);
                if (!classes.TryGetValue(key, out var nodeClass))
                {
                    nodeClass = new NodeClass($"c{classes.Count + 1}", key, profiles[key.Profile].Name);
                    var profile = profiles[key.Profile];
                    var decided = nodeClass;
                    nodeClass.Ready = Task.Run(() =>
                    {
                        decisions.Wait(cancel); // a class still waiting for a core when the plan is cancelled is not decided
                        try
                        {
                            Decide(request, profile, decided);
                        }
                        finally
                        {
                            decisions.Release();
                        }
                    });
                    classes.Add(key, nodeClass);
                    ordered.Add(nodeClass);
                }
                nodeClass.Nodes++;
                if (nodeClass.Examples.Count < ExamplesPerClass)
                {
                    nodeClass.Examples.Add(node!.Name);
                }
                if (sinks.Count > 0)
                {
                    queue.Add((node!, facts, nodeClass), cancel);
                }
                if ((++nodes & 0xFFF) == 0)
                {
                    Progress?.Invoke(source.Position, nodes, classes.Count);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            cancelled = true; // the queue was full and the sinks had stopped
        }
        finally
        {
            queue.CompleteAdding();
        }
        try
        {
            // Faults inside a decision or a sink are Strata's own: they surface here with their context.
            Task.WaitAll([.. ordered.Select(c => c.Ready), consumer], cancel);
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is OperationCanceledException or AggregateException)
        {
            cancelled = true;
        }
        if (cancelled)
        {
            // The sinks stop at the next node (they observe the token); once they have, nothing writes any more and the
            // caller can drop what they wrote. The decisions still running are not waited for.
            try
            {
                consumer.Wait(CancellationToken.None);
            }
            catch (AggregateException) when (consumer.IsCanceled || consumer.IsFaulted)
            {
            }
            return new FleetOutcome(new FleetPlan(request.Inventory, source.Format, nodes, [], [], [.. profiles.Select(p => p.Name).Distinct(StringComparer.Ordinal)], Cancelled: true),
                [], null, null);
        }
        Progress?.Invoke(source.Position, nodes, classes.Count);
        if (source.Errors.Count > 0)
        {
            return new FleetOutcome(null, InventoryFile.Locate(request.Inventory, source.Errors), null, null);
        }
        var infeasible = ordered.Where(c => !c.Feasible)
            .GroupBy(Reason, StringComparer.Ordinal)
            .Select(g => new InfeasibleGroup(g.Key, g.First().Relaxation, g.Sum(c => c.Nodes),
                [.. g.SelectMany(c => c.Examples).Take(ExamplesPerClass)], [.. g.Select(c => c.Id)]))
            .OrderByDescending(g => g.Nodes).ThenBy(g => g.Reason, StringComparer.Ordinal)
            .ToImmutableArray();
        var sorted = ordered.OrderByDescending(c => c.Nodes).ThenBy(c => int.Parse(c.Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)).ToImmutableArray();
        var plan = new FleetPlan(request.Inventory, source.Format, nodes, sorted, infeasible, [.. profiles.Select(p => p.Name).Distinct(StringComparer.Ordinal)], cancelled);
        return new FleetOutcome(plan, [], null, null);
    }

    /// <summary>Why a class has no stack, as one key to group by: the smallest relaxation, else the conflicting constraints.</summary>
    public static string Reason(NodeClass c) =>
        !c.Relaxation.IsEmpty ? string.Join(" + ", c.Relaxation)
        : !c.Failing.IsEmpty ? string.Join(" + ", c.Failing)
        : "nothing feasible";

    private static DecisionRequest Request(FleetRequest request, ProfileSource source, NodeOverride? node) =>
        // A class reads its winner, the conflicts and only the first relaxation (its reason to group by): the search stops
        // once that one is certain, and nothing that explains the ranking is computed.
        new(source) { Catalog = request.Catalog, Evidence = request.Evidence, ForceAhp = true, Node = node, Relaxations = RelaxationSearch.First, ExplainRanking = false };

    private void Decide(FleetRequest request, (string Name, ProfileSource Source) profile, NodeClass nodeClass)
    {
        var outcome = application.Decide(Request(request, profile.Source, Override(nodeClass.Key)));
        // The profile was checked before the inventory; a node's facts cannot make it bad input.
        var decision = outcome.Value ?? throw new InvalidOperationException($"Deciding class {nodeClass.Id} on {profile.Name} failed: {string.Join("; ", outcome.Problems.Select(p => p.Message))}");
        if (decision.Winner is { } winner)
        {
            var verdict = winner.Verdict == Verdict.Match ? "match" : "partial";
            var caveats = winner.Caveats.Select(c => $"{c.Constraint} ({c.Verdict.ToString().ToLowerInvariant()})").Distinct(StringComparer.Ordinal).ToImmutableArray();
            nodeClass.Decided(winner.Stack, verdict, [], [], caveats);
            nodeClass.With = [.. winner.Supporting.Where(s => s.Kind == "requires").Select(s => $"{s.Technology} for {s.For} ({s.Rule})")];
            return;
        }
        var failing = decision.Conflicts.SelectMany(c => c.Constraints).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var relax = decision.Relaxations.FirstOrDefault()?.Relax ?? [];
        nodeClass.Decided(null, "none", failing, relax, []);
    }

    /// <summary>
    /// The class's facts as the application takes them: node constraints over the profile's, and host facts. An agent
    /// does not run the control plane, so unless the profile says where its control plane runs, it runs elsewhere
    /// (control_plane: remote) and node_memory is compared with the agent footprint; a server or a node of unknown role
    /// is decided as the profile says (by default the control plane's footprint is on the node).
    /// </summary>
    public static NodeOverride Override(NodeClassKey key)
    {
        var constraints = ImmutableSortedDictionary.CreateBuilder<string, ConstraintValue>(StringComparer.Ordinal);
        if (key.Arch is { } arch)
        {
            constraints["arch"] = new WordConstraint(arch);
        }
        if (key.MemoryMiB >= 0)
        {
            constraints["node_memory"] = new QuantityConstraint(Estimate.Point(Quantity.Create(key.MemoryMiB, Unit("MiB"))));
        }
        if (key.CpuMilli >= 0)
        {
            constraints["node_cpus"] = new QuantityConstraint(Estimate.Point(Quantity.Create(key.CpuMilli / 1000d, Unit("cores"))));
        }
        var host = ImmutableSortedDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
        host["kvm"] = key.Kvm;
        void Set(string name, bool? value)
        {
            if (value is { } v)
            {
                host[name] = v;
            }
        }
        Set("cgroup_v2", key.CgroupV2);
        Set("io_uring", key.IoUring);
        Set("gpu", key.Gpu);
        Set("mig", key.Mig);
        var defaults = ImmutableSortedDictionary.CreateBuilder<string, ConstraintValue>(StringComparer.Ordinal);
        if (key.Role == NodeRole.Agent)
        {
            defaults["control_plane"] = new WordConstraint("remote");
        }
        return new NodeOverride(new ConstraintSet(constraints.ToImmutable()), host.ToImmutable()) { Defaults = new ConstraintSet(defaults.ToImmutable()) };
    }

    private static Unit Unit(string symbol) =>
        Model.Quantities.Unit.TryGet(symbol, out var u) ? u : throw new InvalidOperationException($"The unit table lacks '{symbol}'.");
}
