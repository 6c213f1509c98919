using Strata.Engine.Reference;
using Strata.Rendering.Text;

namespace Strata.Rendering.Json;

/// <summary>`strata reference -o json`: each real decision against Strata's answer, layer by layer, and the count matched.</summary>
public static class ReferenceJson
{
    public static void Write(TextWriter w, IReadOnlyList<ReferenceResult> results) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteNumber("decisions", results.Count);
        j.WriteNumber("matched", results.Count(r => r.Matched));
        j.WriteNumber("layers", results.Sum(r => r.Layers.Length));
        j.WriteNumber("layers_matched", results.Sum(r => r.Layers.Count(l => l.Outcome == "match")));
        j.WriteObjects("results", results, r =>
        {
            j.WriteString("profile", r.Profile);
            j.WriteString("system", r.System);
            j.WriteBoolean("matched", r.Matched);
            if (r.Decision.Winner is { } winner)
            {
                j.WriteString("winner", DecisionText.Stack(winner.Stack, r.Decision.Requirements.Layers));
            }
            j.WriteObjects("layers", r.Layers, l =>
            {
                j.WriteString("layer", l.Layer);
                j.WriteStrings("chose", l.Chose);
                if (l.Strata is { } s)
                {
                    j.WriteString("strata", s);
                }
                j.WriteString("outcome", l.Outcome);
                if (l.Explained is { } e)
                {
                    j.WriteString("explained", e);
                }
            });
        });
        j.WriteEndObject();
    });
}
