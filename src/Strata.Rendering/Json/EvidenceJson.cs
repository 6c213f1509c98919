using Strata.Engine.Evidence;

namespace Strata.Rendering.Json;

/// <summary>`strata diff-evidence -o json`: the two winners and the figures that differ.</summary>
public static class EvidenceJson
{
    public static void Write(TextWriter w, EvidenceComparison d) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("profile", d.Seed.Profile.Name);
        j.WriteBoolean("same_winner", d.SameWinner);
        if (d.Seed.Winner is { } sw)
        {
            DecisionJson.WriteStack(j, "seed_winner", sw.Stack);
        }
        if (d.Sourced.Winner is { } so)
        {
            DecisionJson.WriteStack(j, "sourced_winner", so.Stack);
        }
        j.WriteObjects("facts", d.Facts, f =>
        {
            j.WriteString("technology", f.Technology);
            j.WriteString("fact", f.Fact);
            if (f.Seed is { } a)
            {
                j.WritePropertyName("seed");
                CatalogJson.WriteFact(j, a);
            }
            if (f.Sourced is { } b)
            {
                j.WritePropertyName("sourced");
                CatalogJson.WriteFact(j, b);
            }
        });
        j.WriteObjects("eliminations", d.Eliminations, e =>
        {
            j.WriteString("technology", e.Technology);
            j.WriteString("eliminated_under", e.EliminatedUnder);
            j.WriteString("reason", e.Reason);
        });
        j.WriteEndObject();
    });
}
