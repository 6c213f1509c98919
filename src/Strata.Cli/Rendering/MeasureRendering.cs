using System.Globalization;
using Spectre.Console;
using Strata.Host.Measure;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

public static class MeasureRendering
{
    private static string Ms(double? v) => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "";

    public static void WriteJson(TextWriter w, MeasureReport r) => Json.Write(w, j =>
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

    public static void WriteTable(IAnsiConsole console, MeasureReport r)
    {
        console.MarkupLineInterpolated($"measured on {r.Host}, {r.Runs} runs each after 2 warm-up runs ({r.Date})");
        var t = new Table().Border(TableBorder.Simple).AddColumn("tool").AddColumn(new TableColumn("median ms").RightAligned()).AddColumn(new TableColumn("p95").RightAligned())
            .AddColumn(new TableColumn("min").RightAligned()).AddColumn(new TableColumn("max").RightAligned()).AddColumn(new TableColumn("peak MiB").RightAligned()).AddColumn("note");
        foreach (var m in r.Tools)
        {
            t.AddRow(Markup.Escape(m.Tool), Ms(m.MedianMs), Ms(m.P95Ms), Ms(m.MinMs), Ms(m.MaxMs), Ms(m.PeakMemoryMiB),
                Markup.Escape(m.Error ?? (m.Version ?? m.Label)));
        }
        console.Write(t);
    }
}
