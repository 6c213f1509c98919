using System.Globalization;
using Spectre.Console;
using Strata.Fleet.Planning;

namespace Strata.Cli.Rendering;

/// <summary>The fleet plan on a terminal: one row per node class, then the infeasible nodes by reason.</summary>
public static class FleetTables
{
    public static void Write(IAnsiConsole console, FleetPlan plan, IReadOnlyList<string> written)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plan);
        console.WriteLine($"{plan.Inventory} ({plan.Format}): {N(plan.Nodes)} nodes in {N(plan.Classes.Length)} classes, each decided once; " +
            $"{N(plan.InfeasibleNodes)} nodes have no feasible stack");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("class").AddColumn(new TableColumn("nodes").RightAligned()).AddColumn("profile").AddColumn("facts")
            .AddColumn("stack").AddColumn("verdict").AddColumn("examples");
        foreach (var c in plan.Classes)
        {
            var k = c.Key;
            var facts = string.Join(" ", new[]
            {
                k.Arch ?? "arch?",
                k.MemoryMiB >= 0 ? $">={Mem(k.MemoryMiB)}" : "mem?",
                k.CpuMilli >= 0 ? $">={(k.CpuMilli / 1000d).ToString(CultureInfo.InvariantCulture)}cpu" : "cpu?",
                k.Kvm ? "kvm" : "no-kvm",
                k.Gpu switch { true => k.Mig switch { true => "gpu+mig", false => "gpu", _ => "gpu(mig?)" }, false => "no-gpu", _ => "gpu?" },
                k.IoUring switch { true => "io_uring", false => "no-io_uring", _ => "io_uring?" },
                k.CgroupV2 switch { true => "cgroup2", false => "cgroup1", _ => "cgroup?" },
                k.Role switch { Strata.Fleet.Inventory.NodeRole.Server => "server", Strata.Fleet.Inventory.NodeRole.Agent => "agent", _ => "role?" },
            });
            var stack = c.Feasible ? c.StackText.Replace(",", ", ", StringComparison.Ordinal) + string.Concat(c.With.Select(x => "; with " + x)) : "relax " + FleetPlanner.Reason(c);
            table.AddRow(c.Id, N(c.Nodes), Markup.Escape(c.Profile), Markup.Escape(facts), Markup.Escape(stack), c.Verdict, Markup.Escape(string.Join(", ", c.Examples)));
        }
        console.Write(table);
        if (!plan.Infeasible.IsEmpty)
        {
            console.WriteLine("Nodes with no feasible stack, by the smallest relaxation that would admit one:");
            var t = new Table().Border(TableBorder.Simple).AddColumn("relax").AddColumn(new TableColumn("nodes").RightAligned()).AddColumn("classes").AddColumn("examples");
            foreach (var g in plan.Infeasible)
            {
                t.AddRow(Markup.Escape(g.Reason), N(g.Nodes), Markup.Escape(string.Join(", ", g.Classes)), Markup.Escape(string.Join(", ", g.Examples)));
            }
            console.Write(t);
        }
        foreach (var file in written)
        {
            console.WriteLine($"wrote {file}");
        }
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mem(long mib) => mib >= 1024 && mib % 1024 == 0 ? $"{mib / 1024}GiB" : $"{mib}MiB";
}
