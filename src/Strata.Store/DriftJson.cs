using System.Text.Json;
using Strata.Application;
using Strata.Rendering.Json;

namespace Strata.Store;

/// <summary>The JSON of a drift check (<c>strata drift -o json</c>, <c>GET /v1/drift</c>): every kept decision re-decided, and why each drifted.</summary>
public static class DriftJson
{
    public static void Write(TextWriter w, DriftReport r) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteStartObject("catalog");
        j.WriteString("name", r.CatalogName);
        j.WriteString("version", r.CatalogVersion);
        j.WriteString("digest", r.CatalogDigest);
        j.WriteEndObject();
        j.WriteBoolean("drifted", r.Drifted);
        j.WriteNumber("checked", r.Entries.Length);
        j.WriteNumber("drifted_count", r.Entries.Count(e => e.Drifted));
        j.WriteNumber("threshold_points", StrataApplication.DriftPoints);
        j.WriteObjects("decisions", r.Entries, e =>
        {
            j.WriteString("id", e.Kept.Id);
            j.WriteString("profile", e.Kept.Input.ProfileKind == DecisionInput.ScenarioKind ? e.Kept.Input.ProfileText : e.Kept.Input.ProfileName);
            j.WriteBoolean("drifted", e.Drifted);
            j.WriteStrings("reasons", e.Reasons);
            j.WriteString("catalog_digest_then", e.Kept.CatalogDigest);
            Summary(j, "then", e.Kept.Then);
            if (e.Now is { } now)
            {
                Summary(j, "now", now);
            }
            else
            {
                j.WriteNull("now");
            }
            j.WriteObjects("changed_facts", e.Changes, c =>
            {
                j.WriteString("technology", c.Technology);
                j.WriteString("fact", c.Fact);
                j.WriteString("measures", c.Measures);
                j.WriteString("then", c.Then);
                j.WriteString("now", c.Now);
            });
        });
        j.WriteEndObject();
    });

    private static void Summary(Utf8JsonWriter j, string name, DecisionSummary s)
    {
        j.WriteStartObject(name);
        j.WriteBoolean("feasible", s.Feasible);
        j.WriteString("winner", s.Winner);
        if (s.FirstRankProbability is { } p)
        {
            j.WriteNumber("first_rank_probability", DecisionJson.Round(p));
        }
        else
        {
            j.WriteNull("first_rank_probability");
        }
        j.WriteEndObject();
    }
}
