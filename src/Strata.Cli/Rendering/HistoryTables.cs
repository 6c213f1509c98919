using System.Globalization;
using Spectre.Console;
using Strata.Application;
using Strata.Store;

namespace Strata.Cli.Rendering;

/// <summary>Kept decisions and drift as terminal tables.</summary>
public static class HistoryTables
{
    public static void List(IAnsiConsole console, IEnumerable<StoredDecision> items)
    {
        var t = new Table().AddColumns("id", "when (UTC)", "profile", "label", "winner", "catalogue");
        foreach (var d in items)
        {
            t.AddRow(Markup.Escape(d.Id), d.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(d.Profile), Markup.Escape(d.Label ?? ""),
                Markup.Escape(d.Summary.Winner ?? "nothing feasible"), Markup.Escape($"{d.Catalog.Name} {d.Catalog.Version}"));
        }
        console.Write(t);
    }

    public static void Drift(IAnsiConsole console, DriftReport r)
    {
        console.WriteLine($"{r.Entries.Length} kept decisions decided again on {r.CatalogName} {r.CatalogVersion} ({r.CatalogDigest}); {r.Entries.Count(e => e.Drifted)} drifted.");
        foreach (var e in r.Entries.Where(e => e.Drifted))
        {
            console.WriteLine();
            console.WriteLine($"{e.Kept.Id} ({e.Kept.Input.ProfileName}{(e.Kept.Input.ProfileKind == DecisionInput.ScenarioKind ? " " + e.Kept.Input.ProfileText : "")}):");
            foreach (var reason in e.Reasons)
            {
                console.WriteLine($"  - {reason}");
            }
            foreach (var c in e.Changes)
            {
                console.WriteLine($"  fact {c.Technology}.{c.Fact}{(c.Measures is null ? "" : $" ({c.Measures})")}: {c.Then ?? "none"} -> {c.Now ?? "gone"}");
            }
        }
    }
}
