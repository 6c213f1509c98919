namespace Strata.Fleet.Classes;

/// <summary>
/// The facts a decision reads, and nothing else: nodes with the same key get the same answer, so each key is decided
/// once. Memory and CPUs are rounded down (never up) to a grid fine enough not to matter to a stack's figures
/// (memory to one of eight steps per doubling, at most 12.5 % below the node's own; CPUs to whole cores, or 100m below
/// one core): a stack that fits the rounded node fits the node, and real inventories, whose capacities differ by a
/// few KiB from node to node, fall into a handful of classes instead of one per node. Above the catalogue's largest
/// per-node demand (<see cref="ClassGrid"/>) more memory or CPUs change no comparison, so they are capped there.
/// </summary>
/// The role (server or agent) is always part of the key: it decides which footprint node_memory is compared with.
public readonly record struct NodeClassKey(int Profile, string? Arch, long MemoryMiB, long CpuMilli, bool Kvm, bool? CgroupV2, bool? IoUring, bool? Gpu, bool? Mig, Inventory.NodeRole? Role = null)
{
    public static NodeClassKey Of(int profile, NodeFacts facts, ClassGrid grid)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(grid);
        return new NodeClassKey(profile, facts.Arch,
            facts.MemoryBytes is { } m ? Math.Min(grid.MemoryClass(m), grid.MemoryCapMiB) : -1,
            facts.Cpus is { } c ? Math.Min(CpuStep(c), grid.CpuCapMilli) : -1,
            facts.Kvm,
            grid.Reads("cgroup_v2") ? facts.CgroupV2 : null,
            grid.Reads("io_uring") ? facts.IoUring : null,
            grid.Reads("gpu") ? facts.Gpu : null,
            grid.Reads("mig") ? facts.Mig : null,
            facts.Role);
    }

    /// <summary>The largest m·2^k MiB (m in 8..15) at or below <paramref name="bytes"/>; exact below 8 MiB.</summary>
    public static long MemoryStep(double bytes)
    {
        var mib = (long)Math.Floor(bytes / (1024 * 1024));
        if (mib < 16)
        {
            return Math.Max(mib, 0);
        }
        var shift = 63 - (int)long.LeadingZeroCount(mib) - 3;
        return (mib >> shift) << shift;
    }

    public static long CpuStep(double cores) =>
        cores >= 1 ? (long)Math.Floor(cores) * 1000 : (long)Math.Floor(cores * 10) * 100;
}

/// <summary>
/// Where more memory or CPUs stop mattering to any decision on this catalogue: node_memory and node_cpus are compared
/// ("fits") with the technologies' node-memory and control-plane-cpus figures, and a stack's demand is at most the sum,
/// over layers, of the largest such figure in each layer. A node at or above that sum passes every such comparison,
/// so nodes above it share a class (the cap is kept at least 8 GiB and 4 cores, above the catalogue's conditions on
/// node memory, such as resource-constrained's 2 GiB).
/// </summary>
/// A host fact is kept only when the engine reads it: composition reads kvm, cgroup_v2, gpu and mig (against
/// technologies' host-requirements), and conditions read whichever host.* fields they name (the bundled catalogue's
/// name only host.kvm, so io_uring separates no nodes there, though every node's io_uring is still reported).
/// </summary>
/// Memory is rounded down to the grid or to the nearest value the catalogue compares it with (a node-memory figure, or
/// just across a condition's threshold such as node_memory &lt;= 2GiB), whichever is higher: never above the node's own,
/// and on the same side of every such value as the node. Sums of figures (a server plus its CNI daemon) are not
/// anchors: they would split nodes into many classes; there the grid's rounding down (at most 12.5 %) stands.
public sealed record ClassGrid(long MemoryCapMiB, long CpuCapMilli, System.Collections.Immutable.ImmutableHashSet<string> HostFacts)
{
    public static readonly ClassGrid None = new(long.MaxValue, long.MaxValue, [.. Model.Conditions.ProfileFields.HostKeys]);

    /// <summary>Sorted MiB values a node at or above keeps apart from nodes below (see the type's remarks).</summary>
    public long[] MemoryAnchorsMiB { get; init; } = [];

    /// <summary>The memory a class of nodes with <paramref name="bytes"/> is decided on, in MiB (never more than the node's).</summary>
    public long MemoryClass(double bytes)
    {
        var step = NodeClassKey.MemoryStep(bytes);
        var mib = (long)Math.Floor(bytes / (1024 * 1024));
        var i = Array.BinarySearch(MemoryAnchorsMiB, mib);
        var anchor = i >= 0 ? MemoryAnchorsMiB[i] : ~i > 0 ? MemoryAnchorsMiB[~i - 1] : 0;
        return Math.Max(step, anchor);
    }

    /// <summary>Whether any decision on this catalogue reads the host fact.</summary>
    public bool Reads(string hostKey) => HostFacts.Contains(hostKey);

    public static ClassGrid From(Model.Entities.Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        double Sum(string fact) => catalog.Technologies
            .GroupBy(t => t.Layer, StringComparer.Ordinal)
            .Sum(layer => layer.SelectMany(t => t.FactsNamed(fact))
                .Select(f => f.Value is Model.Facts.EstimateValue e ? Engine.Evidence.FactSelector.Upper(e.Estimate) : 0)
                .DefaultIfEmpty(0).Max());
        var memory = (long)Math.Ceiling(Sum("node-memory") / (1024 * 1024));
        var cpus = (long)Math.Ceiling(Sum("control-plane-cpus")) * 1000;
        // Rounded up to the grid, so the cap is itself a class boundary.
        var memCap = NodeClassKey.MemoryStep(Math.Max(memory, 8192) * 1024d * 1024);
        while (memCap < Math.Max(memory, 8192))
        {
            memCap = NodeClassKey.MemoryStep((memCap + (memCap / 8)) * 1024d * 1024);
        }
        var conditions = catalog.Rules.Select(r => r.When?.Text).Concat(catalog.Predicates.Select(p => p.When.Text))
            .Concat(catalog.Technologies.SelectMany(t => t.Facts).Select(f => f.HoldsWhen?.Text))
            .OfType<string>().ToList();
        var read = Engine.Composition.StackComposer.HostRequirements.Select(h => h.HostKey)
            .Concat(Model.Conditions.ProfileFields.HostKeys.Where(k => conditions.Any(c => c.Contains("host." + k, StringComparison.Ordinal))));
        return new ClassGrid(memCap, Math.Max(cpus, 4000), [.. read]) { MemoryAnchorsMiB = Anchors(catalog, conditions) };
    }

    private static long[] Anchors(Model.Entities.Catalog catalog, List<string> conditions)
    {
        const double MiB = 1024 * 1024;
        var perLayer = catalog.Technologies.GroupBy(t => t.Layer, StringComparer.Ordinal)
            .Select(layer => layer.SelectMany(t => t.FactsNamed("node-memory"))
                .Select(f => f.Value).OfType<Model.Facts.EstimateValue>().Select(v => v.Estimate)
                .Where(e => e.Dimension == Model.Quantities.Dimension.Size)
                .SelectMany(e => new double?[] { e.Low?.BaseValue, e.High?.BaseValue, Engine.Evidence.FactSelector.Lower(e), Engine.Evidence.FactSelector.Upper(e) })
                .OfType<double>().Distinct().ToArray())
            .Where(values => values.Length > 0).ToList();
        var anchors = new SortedSet<long>();
        for (var a = 0; a < perLayer.Count; a++)
        {
            foreach (var x in perLayer[a])
            {
                anchors.Add((long)Math.Ceiling(x / MiB));
            }
        }
        // node_memory <= T and > T part just above T; < T and >= T part at T.
        foreach (var c in conditions)
        {
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(c, @"node_memory\s*(<=|<|>=|>|==)\s*([0-9.]+\s*[A-Za-z]+)"))
            {
                if (Model.Quantities.QuantityParser.ParseQuantity(m.Groups[2].Value, Model.Quantities.Dimension.Size) is { Success: true } q)
                {
                    var t = q.Value.BaseValue / MiB;
                    anchors.Add(m.Groups[1].Value is "<=" or ">" or "==" ? (long)Math.Floor(t) + 1 : (long)Math.Ceiling(t));
                }
            }
        }
        return [.. anchors];
    }
}
