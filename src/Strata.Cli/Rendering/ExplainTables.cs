using Spectre.Console;
using Strata.Engine.Decisions;
using Strata.Model.Entities;
using Strata.Rendering.Text;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

/// <summary>`strata explain` and `strata compare` on the terminal.</summary>
public static class ExplainTables
{
    public static void Write(IAnsiConsole console, Decision d, Stack asked, StackAssessment a)
    {
        console.MarkupLineInterpolated($"[bold]{DecisionText.StackWithLayers(a.Stack)}[/] for {d.Profile.Name}");
        if (!a.Stack.Equals(asked))
        {
            console.MarkupLineInterpolated($"  (you named {DecisionText.StackWithLayers(asked)}; the other layers are filled from the best feasible stack with those choices)");
        }
        console.MarkupLine(a.Feasible
            ? $"[green]feasible[/], rank {a.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} of {d.Ranking.Length}, score {DecisionText.Number(a.Score)}"
            : $"[red]not feasible[/]; it would score {DecisionText.Number(a.Score)}");
        var checks = new Table().Border(TableBorder.Simple).AddColumn("technology").AddColumn("constraint").AddColumn("verdict").AddColumn("expected").AddColumn("actual").AddColumn("provenance");
        foreach (var m in a.Matches)
        {
            checks.AddRow(Markup.Escape(m.Technology), Markup.Escape(m.Constraint), Verdict(m.Verdict), Markup.Escape(m.Expected), Markup.Escape(m.Actual),
                Markup.Escape(m.Fact is { } f ? DecisionText.Cited(f.Provenance, f.Status) : ""));
        }
        console.Write(checks);
        // Constraint mismatches are in the table above; rules and host facts eliminate without a row there.
        foreach (var e in a.Eliminations.Where(e => !a.Matches.Any(m => m.Technology == e.Technology && m.Constraint == e.Constraint)))
        {
            console.MarkupLineInterpolated($"  [red]eliminated[/]: {e.Reason}");
        }
        if (a.RuleViolation is { } v)
        {
            console.MarkupLineInterpolated($"  [red]rule {v.Rule}[/]: {v.Reason}");
        }
        var scores = new Table().Border(TableBorder.Simple).AddColumn("criterion").AddColumn("value").AddColumn("weight").AddColumn("contribution").AddColumn("from");
        foreach (var c in a.Criteria)
        {
            scores.AddRow(c.Criterion, DecisionText.Number(c.Value) + (c.NoData ? " *" : ""), DecisionText.Percent(c.Weight), DecisionText.Number(c.Contribution),
                Markup.Escape(string.Join("; ", c.Facts.Select(u => $"{u.Technology} {u.Fact.Name} {u.Fact.Value.Display()} ({u.Fact.Provenance.Kind})"))));
        }
        console.Write(scores);
        console.MarkupLine("  * a term had no figure and counted as neutral (0.5)");
        if (a.VersusWinner is { } vs)
        {
            console.MarkupLineInterpolated($"against the winner {DecisionText.Stack(vs.Winner)}: {DecisionText.Number(-vs.Margin)}; weighted differences in the winner's favour: {DecisionText.Deciding(vs)}");
        }
    }

    public static void WriteComparison(IAnsiConsole console, StackAssessment first, StackAssessment second, Comparison c)
    {
        var t = new Table().Border(TableBorder.Simple).AddColumn("criterion").AddColumn("weight")
            .AddColumn(Markup.Escape(DecisionText.Stack(first.Stack))).AddColumn(Markup.Escape(DecisionText.Stack(second.Stack))).AddColumn("weighted difference");
        foreach (var d in c.Deltas)
        {
            t.AddRow(d.Criterion, DecisionText.Percent(d.Weight), DecisionText.Number(d.Winner), DecisionText.Number(d.Other), (d.Contribution >= 0 ? "+" : "") + DecisionText.Number(d.Contribution));
        }
        t.AddRow("[bold]score[/]", "", DecisionText.Number(first.Score), DecisionText.Number(second.Score), (c.Margin >= 0 ? "+" : "") + DecisionText.Number(c.Margin));
        t.AddRow("feasible", "", first.Feasible ? "yes" : "[red]no[/]", second.Feasible ? "yes" : "[red]no[/]", "");
        console.Write(t);
        foreach (var (s, name) in new[] { (first, "A"), (second, "B") })
        {
            foreach (var e in s.Eliminations)
            {
                console.MarkupLineInterpolated($"  {name}: {e.Reason}");
            }
            if (s.RuleViolation is { } v)
            {
                console.MarkupLineInterpolated($"  {name}: rule {v.Rule}: {v.Reason}");
            }
        }
    }

    private static string Verdict(Verdict v) => v switch
    {
        Engine.Decisions.Verdict.Match => "[green]match[/]",
        Engine.Decisions.Verdict.Partial => "[yellow]partial[/]",
        _ => "[red]mismatch[/]",
    };
}
