using Strata.Engine.Migration;

namespace Strata.Rendering.Json;

/// <summary>`strata migrate -o json`: the changes, ordered steps, warnings and evolution stage.</summary>
public static class MigrationJson
{
    public static void Write(TextWriter w, MigrationPlan p) => Json.Write(w, j =>
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
}
