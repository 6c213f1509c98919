using Spectre.Console;
using Strata.Engine.Reference;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

/// <summary>`strata reference` on the terminal: each real decision, what it chose and what Strata chose, per layer.</summary>
public static class ReferenceTables
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ReferenceResult> results)
    {
        var t = new Table().Border(TableBorder.Simple).AddColumn("profile").AddColumn("layer").AddColumn("real system chose").AddColumn("Strata chose").AddColumn("");
        foreach (var r in results)
        {
            var first = true;
            foreach (var l in r.Layers)
            {
                var colour = l.Outcome switch { "match" => "green", "tie" => "yellow", _ => l.Explained is null ? "red" : "grey" };
                t.AddRow(first ? Markup.Escape(r.Profile) : "", Markup.Escape(l.Layer), Markup.Escape(string.Join("/", l.Chose)), Markup.Escape(l.Strata ?? "—"),
                    $"[{colour}]{Markup.Escape(l.Outcome + (l.Explained is null || l.Outcome == "match" ? "" : " (conditions differ)"))}[/]");
                first = false;
            }
        }
        console.Write(t);
        var layers = results.Sum(r => r.Layers.Length);
        console.MarkupLineInterpolated($"{results.Count(r => r.Matched)}/{results.Count} real decisions matched ({results.Sum(r => r.Layers.Count(l => l.Outcome == "match"))}/{layers} layers).");
    }
}
