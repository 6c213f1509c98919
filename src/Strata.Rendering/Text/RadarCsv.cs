using System.Text;
using Strata.Engine.Radar;
using Strata.Rendering.Json;

namespace Strata.Rendering.Text;

/// <summary>The radar as Thoughtworks' Build Your Own Radar CSV.</summary>
public static class RadarCsv
{
    /// <summary>Thoughtworks' Build Your Own Radar CSV.</summary>
    public static void Byor(TextWriter w, IReadOnlyList<RadarEntry> entries)
    {
        var sb = new StringBuilder("name,ring,quadrant,isNew,description\n");
        foreach (var e in entries)
        {
            var quadrant = TechRadar.Quadrants.First(q => q.Id == e.Quadrant).Name;
            sb.Append(Csv(e.Title)).Append(',').Append(RadarJson.RingId(e.Ring)).Append(',').Append(Csv(quadrant)).Append(",TRUE,").Append(Csv(e.Description)).Append('\n');
        }
        w.Write(sb.ToString());
    }

    private static string Csv(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) || s.Contains('\n', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
