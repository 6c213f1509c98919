using Strata.Host.Measure;

namespace Strata.Rendering.Json;

/// <summary>`strata measure -o json`: each tool's cold start and peak memory.</summary>
public static class MeasureJson
{
    public static void Write(TextWriter w, MeasureReport r) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("date", r.Date);
        j.WriteString("host", r.Host);
        j.WriteNumber("runs", r.Runs);
        j.WriteObjects("tools", r.Tools, t =>
        {
            j.WriteString("tool", t.Tool);
            j.WriteString("label", t.Label);
            if (t.Technology is { } tech)
            {
                j.WriteString("technology", tech);
            }
            if (t.Version is { } v)
            {
                j.WriteString("version", v);
            }
            j.WriteBoolean("measured", t.Measured);
            j.WriteNumber("n", t.Runs);
            if (t.Measured)
            {
                j.WriteStartObject("cold_start_ms");
                j.WriteNumber("median", Math.Round(t.MedianMs!.Value, 3));
                j.WriteNumber("p95", Math.Round(t.P95Ms!.Value, 3));
                j.WriteNumber("min", Math.Round(t.MinMs!.Value, 3));
                j.WriteNumber("max", Math.Round(t.MaxMs!.Value, 3));
                j.WriteEndObject();
            }
            if (t.PeakMemoryMiB is { } m)
            {
                j.WriteNumber("peak_memory_mib", Math.Round(m, 3));
            }
            if (t.MemoryNote is { } note)
            {
                j.WriteString("memory_note", note);
            }
            if (t.Error is { } e)
            {
                j.WriteString("error", e);
            }
        });
        j.WriteEndObject();
    });
}
