using Spectre.Console;
using Strata.Engine.Migration;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

public static class MigrationRendering
{
    public static void WriteJson(TextWriter w, MigrationPlan p) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        DecisionJson.WriteStack(j, "from", p.From);
        DecisionJson.WriteStack(j, "to", p.To);
        j.WriteObjects("changes", p.Changes, c =>
        {
            j.WriteString("layer", c.Layer);
            j.WriteString("from", c.From);
            j.WriteString("to", c.To);
            if (c.Path is { } path)
            {
                j.WriteString("path", path);
            }
            j.WriteBoolean("parallel", c.Parallel);
        });
        j.WriteObjects("steps", p.Steps, s =>
        {
            j.WriteNumber("order", s.Order);
            j.WriteString("path", s.Path);
            j.WriteString("layer", s.Layer);
            j.WriteString("text", s.Text);
            j.WriteString("applies", s.Applies);
            j.WriteString("rollback", s.Rollback);
            CatalogJson.WriteProvenance(j, s.Provenance);
        });
        j.WriteObjects("warnings", p.Warnings, x =>
        {
            j.WriteString("aspect", x.Aspect);
            j.WriteString("verdict", x.Verdict);
            j.WriteString("note", x.Note);
            CatalogJson.WriteProvenance(j, x.Provenance);
        });
        if (p.Evolution is { } e)
        {
            j.WriteStartObject("evolution");
            j.WriteString("path", e.Migration);
            j.WriteNumber("current_stage", e.CurrentStage);
            j.WriteNumber("target_stage", e.TargetStage);
            j.WriteNumber("stages", e.Stages);
            j.WriteEndObject();
        }
        j.WriteEndObject();
    });

    public static void WriteTable(IAnsiConsole console, MigrationPlan p)
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
