using Spectre.Console;
using Strata.Engine.Evidence;
using Strata.Model.Facts;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

public static class EvidenceRendering
{
    public static void WriteJson(TextWriter w, EvidenceComparison d) => Json.Write(w, j =>
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

    public static void WriteTable(IAnsiConsole console, EvidenceComparison d)
    {
        console.MarkupLineInterpolated($"[bold]{d.Seed.Profile.Name}[/]: seed figures choose {(d.Seed.Winner is { } a ? DecisionText.StackWithLayers(a.Stack) : "nothing")}");
        var sourced = d.Sourced.Winner is { } b ? DecisionText.StackWithLayers(b.Stack) : "nothing";
        console.MarkupLine($"  primary sources choose {Markup.Escape(sourced)} — {(d.SameWinner ? "the same" : "[yellow]a different stack[/]")}");
        if (!d.Facts.IsEmpty)
        {
            var t = new Table().Border(TableBorder.Simple).AddColumn("technology").AddColumn("fact").AddColumn("seed figure").AddColumn("sourced figure");
            foreach (var f in d.Facts)
            {
                t.AddRow(Markup.Escape(f.Technology), Markup.Escape(f.Fact), Markup.Escape(Describe(f.Seed)), Markup.Escape(Describe(f.Sourced)));
            }
            console.Write(t);
        }
        foreach (var e in d.Eliminations)
        {
            console.MarkupLineInterpolated($"  only under {e.EliminatedUnder} evidence: {e.Reason}");
        }
    }

    private static string Describe(Fact? f) => f is null ? "(none)"
        : $"{f.Value.Display()}{(f.Measures is { } m && m != "unspecified" ? $" ({m})" : "")} — {f.Provenance.Kind}: {f.Provenance.Cite()}{(f.Status is { } s ? $", {DecisionText.Status(s)}" : "")}";
}
