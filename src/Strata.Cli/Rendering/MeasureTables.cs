using System.Globalization;
using Spectre.Console;
using Strata.Host.Measure;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

/// <summary>`strata measure` on the terminal.</summary>
public static class MeasureTables
{
    private static string Ms(double? v) => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "";

    public static void Write(IAnsiConsole console, MeasureReport r)
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
