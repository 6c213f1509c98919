using Spectre.Console;
using Strata.Engine.Migration;
using Strata.Rendering.Text;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

/// <summary>`strata migrate` on the terminal.</summary>
public static class MigrationTables
{
    public static void Write(IAnsiConsole console, MigrationPlan p)
    {
        console.MarkupLineInterpolated($"from {DecisionText.StackWithLayers(p.From)}");
        console.MarkupLineInterpolated($"to   {DecisionText.StackWithLayers(p.To)}");
        foreach (var c in p.Changes)
        {
            console.MarkupLineInterpolated($"  {c.Layer}: {c.From} → {c.To}{(c.Path is { } path ? $" (path {path}{(c.Parallel ? ", can run in parallel with the other paths" : "")})" : " (no catalogue path)")}");
        }
        var t = new Table().Border(TableBorder.Simple).AddColumn("#").AddColumn("layer").AddColumn("step").AddColumn("applies").AddColumn("rollback");
        foreach (var s in p.Steps)
        {
            t.AddRow(s.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(s.Layer), Markup.Escape(s.Text), Markup.Escape(s.Applies), Markup.Escape(s.Rollback));
        }
        console.Write(t);
        foreach (var w in p.Warnings)
        {
            console.MarkupLineInterpolated($"  [yellow]warning[/] {w.Aspect} ({w.Verdict}): {w.Note} [dim]({w.Provenance.Cite()})[/]");
        }
        if (p.Evolution is { } e)
        {
            console.MarkupLineInterpolated($"evolution path ({e.Migration}): today at stage {e.CurrentStage} of {e.Stages}, the target at stage {e.TargetStage}");
        }
    }
}
