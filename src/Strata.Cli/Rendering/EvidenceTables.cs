using Spectre.Console;
using Strata.Engine.Evidence;
using Strata.Model.Facts;
using Strata.Rendering.Text;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

/// <summary>`strata diff-evidence` on the terminal.</summary>
public static class EvidenceTables
{
    public static void Write(IAnsiConsole console, EvidenceComparison d)
    {
        console.MarkupLineInterpolated($"[bold]{d.Seed.Profile.Name}[/]: seed figures choose {(d.Seed.Winner is { } a ? DecisionText.StackWithLayers(a.Stack) : "nothing")}");
        var sourced = d.Sourced.Winner is { } b ? DecisionText.StackWithLayers(b.Stack) : "nothing";
        console.MarkupLine($"  primary sources choose {Markup.Escape(sourced)} — {(d.SameWinner ? "the same" : "[yellow]a different stack[/]")}");
        if (!d.Facts.IsEmpty)
        {
            var t = new Table().Border(TableBorder.Simple).AddColumn("technology").AddColumn("fact").AddColumn("seed figure").AddColumn("sourced figure");
            foreach (var f in d.Facts)
            {
                t.AddRow(Markup.Escape(f.Technology), Markup.Escape(f.Fact), Markup.Escape(Describe(f.Seed)), Markup.Escape(Describe(f.Sourced)));
            }
            console.Write(t);
        }
        foreach (var e in d.Eliminations)
        {
            console.MarkupLineInterpolated($"  only under {e.EliminatedUnder} evidence: {e.Reason}");
        }
    }

    private static string Describe(Fact? f) => f is null ? "(none)"
        : $"{f.Value.Display()}{(f.Measures is { } m && m != "unspecified" ? $" ({m})" : "")} — {f.Provenance.Kind}: {f.Provenance.Cite()}{(f.Status is { } s ? $", {DecisionText.Status(s)}" : "")}";
}
