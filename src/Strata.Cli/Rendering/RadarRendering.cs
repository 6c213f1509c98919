using System.Text;
using Strata.Engine.Radar;

namespace Strata.Cli.Rendering;

/// <summary>The three radar formats teams import.</summary>
public static class RadarRendering
{
    private static readonly (Ring Ring, string Name, string Colour)[] Rings =
        [(Ring.Adopt, "Adopt", "#5BA300"), (Ring.Trial, "Trial", "#009EB0"), (Ring.Assess, "Assess", "#C7BA00"), (Ring.Hold, "Hold", "#E09B96")];

    private static string RingId(Ring r) => r.ToString().ToLowerInvariant();

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

    /// <summary>Thoughtworks' Build Your Own Radar CSV.</summary>
    public static void Byor(TextWriter w, IReadOnlyList<RadarEntry> entries)
    {
        var sb = new StringBuilder("name,ring,quadrant,isNew,description\n");
        foreach (var e in entries)
        {
            var quadrant = TechRadar.Quadrants.First(q => q.Id == e.Quadrant).Name;
            sb.Append(Csv(e.Title)).Append(',').Append(Rings.First(r => r.Ring == e.Ring).Name.ToLowerInvariant()).Append(',').Append(Csv(quadrant)).Append(",TRUE,").Append(Csv(e.Description)).Append('\n');
        }
        w.Write(sb.ToString());
    }

    private static string Csv(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) || s.Contains('\n', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
