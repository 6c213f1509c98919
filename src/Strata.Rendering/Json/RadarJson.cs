using Strata.Engine.Radar;

namespace Strata.Rendering.Json;

/// <summary>The two JSON radar formats teams import (the third, BYOR, is CSV: <see cref="Text.RadarCsv"/>).</summary>
public static class RadarJson
{
    private static readonly (Ring Ring, string Name, string Colour)[] Rings =
        [(Ring.Adopt, "Adopt", "#5BA300"), (Ring.Trial, "Trial", "#009EB0"), (Ring.Assess, "Assess", "#C7BA00"), (Ring.Hold, "Hold", "#E09B96")];

    /// <summary>A ring as the radar formats name it: adopt, trial, assess, hold.</summary>
    public static string RingId(Ring r) => r.ToString().ToLowerInvariant();

    /// <summary>Backstage's TechRadarLoaderResponse.</summary>
    public static void Backstage(TextWriter w, IReadOnlyList<RadarEntry> entries, string date) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteObjects("quadrants", TechRadar.Quadrants, q =>
        {
            j.WriteString("id", q.Id);
            j.WriteString("name", q.Name);
        });
        j.WriteStartArray("rings");
        foreach (var (ring, name, colour) in Rings)
        {
            j.WriteStartObject();
            j.WriteString("id", RingId(ring));
            j.WriteString("name", name);
            j.WriteString("color", colour);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteObjects("entries", entries, e =>
        {
            j.WriteString("key", e.Technology);
            j.WriteString("id", e.Technology);
            j.WriteString("quadrant", e.Quadrant);
            j.WriteString("title", e.Title);
            j.WriteString("description", e.Description);
            j.WriteStartArray("timeline");
            j.WriteStartObject();
            j.WriteString("date", date);
            j.WriteString("ringId", RingId(e.Ring));
            j.WriteNumber("moved", 0);
            j.WriteEndObject();
            j.WriteEndArray();
        });
        j.WriteEndObject();
    });

    /// <summary>Zalando's radar.js: quadrant and ring as indices.</summary>
    public static void Zalando(TextWriter w, IReadOnlyList<RadarEntry> entries, string date) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("date", date);
        j.WriteObjects("entries", entries, e =>
        {
            j.WriteString("label", e.Title);
            j.WriteNumber("quadrant", TechRadar.Quadrants.Select(q => q.Id).ToList().IndexOf(e.Quadrant));
            j.WriteNumber("ring", (int)e.Ring);
            j.WriteNumber("moved", 0);
            j.WriteBoolean("active", true);
        });
        j.WriteEndObject();
    });
}
