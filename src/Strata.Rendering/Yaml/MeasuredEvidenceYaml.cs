using System.Globalization;
using System.Text;
using Strata.Host.Measure;

namespace Strata.Rendering.Yaml;

/// <summary>`strata measure --save`: the measurements of tools that stand for a catalogue technology, as catalogue facts with measured provenance.</summary>
public static class MeasuredEvidenceYaml
{
    public static string Render(MeasureReport report)
    {
        var sb = new StringBuilder("# strata measure --save: measured evidence for 'strata recommend --measurements THIS-FILE --evidence measured'\nmeasured:");
        string Ms(double v) => v.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        var measured = report.Tools.Where(t => t.Measured && t.Technology is not null).ToList();
        // Nothing measured (no tool on this host stands for a technology): an empty list, a file that still loads.
        sb.Append(measured.Count == 0 ? " []\n" : "\n");
        foreach (var t in measured)
        {
            var provenance = $"measured: {{ host: \"{report.Host}\", tool: \"{(t.Version ?? t.Tool).Replace("\"", "'", StringComparison.Ordinal)}\", date: {report.Date}, runs: {t.Runs} }}";
            sb.Append("  - technology: ").Append(t.Technology).Append("\n    facts:\n");
            sb.Append("      - { name: startup, measures: container-run-cli, value: { min: ").Append(Ms(t.MinMs!.Value)).Append(", p50: ").Append(Ms(t.MedianMs!.Value))
              .Append(", p95: ").Append(Ms(t.P95Ms!.Value)).Append(", max: ").Append(Ms(t.MaxMs!.Value)).Append(" }, note: \"").Append(t.Label).Append(", /bin/true in a busybox rootfs\", ").Append(provenance).Append(" }\n");
            if (t.PeakMemoryMiB is { } mem)
            {
                sb.Append("      - { name: memory-overhead, measures: process-rss, value: ").Append(mem.ToString("0.##", CultureInfo.InvariantCulture)).Append("MiB, note: \"peak, ")
                  .Append(t.MemoryNote).Append("\", ").Append(provenance).Append(" }\n");
            }
        }
        return sb.ToString();
    }
}
