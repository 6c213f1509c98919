using Spectre.Console;
using Strata.Engine.Decisions;
using Strata.Rendering.Json;
using Strata.Rendering.Text;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

/// <summary>A decision on the terminal.</summary>
public static class DecisionTables
{
    /// <summary>Each stack's SMAA-2 figures when the weights were sampled: first-rank acceptability, central weights, confidence factor.</summary>
    private static void WriteSmaa(IAnsiConsole console, Decision d)
    {
        if (d.Robustness?.MonteCarlo is not { } mc || !mc.Acceptability.Any(a => a.CentralWeights is not null))
        {
            return;
        }
        var t = new Table().Border(TableBorder.Simple).AddColumn("stack").AddColumn("first-rank acceptability").AddColumn("central weights").AddColumn("confidence factor");
        foreach (var a in DecisionText.SmaaRows(mc))
        {
            t.AddRow(Markup.Escape(DecisionText.Stack(a.Stack)), DecisionText.Percent(a.RankProbabilities[0]),
                Markup.Escape(DecisionText.Weights(a.CentralWeights!)), DecisionText.Percent(a.Confidence ?? 0));
        }
        console.MarkupLineInterpolated($"[bold]SMAA-2[/] over {(mc.WeightSpace is { } ws ? $"every weighting with {ws}" : "the sampled weights")} and the figures' ranges ({mc.Samples} samples, seed {mc.Seed})");
        console.Write(t);
    }

    public static void Write(IAnsiConsole console, Decision d, int top)
    {
        console.MarkupLineInterpolated($"[bold]{d.Profile.Name}[/]{(d.Profile.Scenario is { } s ? $" (scenario {s})" : "")} — catalogue {d.CatalogName} {d.CatalogVersion}, evidence {d.EvidencePolicy}");
        console.MarkupLineInterpolated($"weights: {DecisionText.Weights(d.Weights)}");
        console.MarkupLine(Markup.Escape(d.Search == "enumeration"
            ? $"layers: {string.Join(", ", d.Requirements.Layers)}; {d.CombinationsConsidered} combinations considered, {d.Ranking.Length} feasible"
            : $"layers: {string.Join(", ", d.Requirements.Layers)}; {d.TotalCombinations:N0} combinations, the best {d.Ranking.Length} found {(d.SearchComplete ? "exactly " : "")}by branch and bound ({d.SearchNodes:N0} nodes{(d.SearchComplete ? "" : ", stopped at its budget")})"));
        foreach (var warning in DecisionText.Warnings(d))
        {
            console.MarkupLineInterpolated($"[yellow]{warning}[/]");
        }
        if (!d.Requirements.Derived.IsEmpty)
        {
            console.MarkupLine("[bold]Derived requirements[/]");
            foreach (var r in d.Requirements.Derived)
            {
                console.MarkupLineInterpolated($"  • {r.Adds} — rule {r.Rule}, because {r.Condition} [dim]({r.Provenance.Kind}: {r.Provenance.Cite()})[/]");
            }
        }

        if (d.Feasible)
        {
            var table = new Table().Border(TableBorder.Simple).AddColumn("#").AddColumn("stack").AddColumn("score").AddColumn("verdict").AddColumn("strongest criteria");
            foreach (var r in d.Ranking.Take(top))
            {
                table.AddRow(r.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(DecisionText.Stack(r.Stack)),
                    DecisionText.Number(r.Score), DecisionJson.Name(r.Verdict), Markup.Escape(DecisionText.TopCriteria(r)));
            }
            console.Write(table);
            var w = d.Winner!;
            console.MarkupLineInterpolated($"[green]Chosen[/]: {DecisionText.StackWithLayers(d.Chosen!.Stack)}");
            if (d.Weights.Partial)
            {
                console.MarkupLineInterpolated($"  {DecisionText.ChosenBecause(d) ?? $"the table's first stack, at the {d.Weights.PointEstimate} weights (the other weightings the statements allow were not sampled)"}");
            }
            if (d.ChosenDiffersFromTable)
            {
                console.MarkupLineInterpolated($"  [yellow]not the table's first stack[/]: the reasons below are for {DecisionText.Stack(w.Stack)}, first at the {d.Weights.PointEstimate} weights");
            }
            foreach (var sup in w.Supporting.Where(x => x.Kind == "requires"))
            {
                console.MarkupLineInterpolated($"  with {sup.Technology} for {sup.For} (rule {sup.Rule})");
            }
            foreach (var r in d.LayerReasons)
            {
                console.MarkupLineInterpolated($"  {DecisionText.LayerReason(r, d)}");
            }
            foreach (var m in w.StackMatches)
            {
                console.MarkupLineInterpolated($"  [dim]stack figure[/] {DecisionText.StackFigure(m)}");
            }
            if (DecisionText.Unmeasured(d) is { } unmeasured)
            {
                console.MarkupLineInterpolated($"  [yellow]{unmeasured}[/]");
            }
            foreach (var f in d.DecisiveFacts.Where(f => f.Flagged))
            {
                console.MarkupLineInterpolated($"  [red]decided by {DecisionText.SeedClaim(f)}[/]: {f.Technology} {f.Fact.Name} {f.Fact.Value.Display()} ({f.UsedFor}; {f.Fact.Provenance.Cite()}){(f.Fact.Note is { } n ? $" — {n}" : "")}");
            }
            foreach (var c in w.Caveats)
            {
                console.MarkupLineInterpolated($"  [yellow]{DecisionText.Name(c.Verdict)}[/]: {c.Technology} {c.Constraint} — expected {c.Expected}, has {c.Actual}");
            }
            // Only the ties among the stacks shown; -o json lists them all.
            foreach (var t in d.Ties.Where(t => t.FirstRank <= top && t != d.TopTie))
            {
                console.MarkupLineInterpolated($"  tie: {DecisionText.Tie(t)}");
            }
            WriteSmaa(console, d);
        }
        else
        {
            console.MarkupLine("[red]Nothing is feasible.[/]");
            foreach (var c in d.Conflicts)
            {
                console.MarkupLineInterpolated($"  {c.Layer}: {c.Summary}");
            }
        }

        if (d.Robustness is { } rob)
        {
            console.MarkupLine("[bold]Robustness[/]");
            if (rob.MonteCarlo is { } mc)
            {
                console.MarkupLineInterpolated($"  the winner ranks first in {DecisionText.Percent(mc.WinnerConfidence)} of {mc.Samples} samples of the figures' ranges{(mc.SampledWeights ? " and the weights" : "")} (seed {mc.Seed}, top {mc.Candidates} stacks)");
            }
            if (rob.AllStacks is { } all && d.Ranking.Length > 0)
            {
                console.MarkupLineInterpolated($"  {DecisionText.AllStacks(all, d.Ranking[0].Stack)}");
            }
            foreach (var w in rob.WeightStability.Where(w => w.Weight > 0))
            {
                var ends = (w.Below is { } b ? $"below {DecisionText.Percent(w.Low)} {DecisionText.Stack(b)} takes over" : "no lower limit")
                    + "; " + (w.Above is { } a ? $"above {DecisionText.Percent(w.High)} {DecisionText.Stack(a)} takes over" : "no upper limit");
                console.MarkupLineInterpolated($"  {w.Criterion} {DecisionText.Percent(w.Weight)}: the winner holds from {DecisionText.Percent(w.Low)} to {DecisionText.Percent(w.High)} ({ends})");
            }
            if (rob.Methods is { } m)
            {
                console.MarkupLineInterpolated($"  TOPSIS {(m.Agree ? "agrees" : $"disagrees: it picks {DecisionText.Stack(m.Topsis)}")}; {rob.ParetoCount} stack(s) on the Pareto front");
            }
        }
        foreach (var r in d.Relaxations)
        {
            console.MarkupLineInterpolated($"  [yellow]relax {string.Join(" + ", r.Relax)}[/] and {DecisionText.Stack(r.Admits[0])} becomes feasible ({DecisionText.Number(r.Scores[0])})");
        }

        if (!d.Eliminated.IsEmpty)
        {
            console.MarkupLine("[bold]Eliminated[/]");
            foreach (var group in d.Eliminated.GroupBy(e => e.Layer))
            {
                foreach (var e in group)
                {
                    console.MarkupLineInterpolated($"  {e.Layer}/{e.Technology}: {DecisionText.Eliminated(e)}");
                }
            }
        }
        foreach (var r in d.Rejected)
        {
            console.MarkupLineInterpolated($"  {r.Count} combination(s) rejected by {(r.Kind == "constraint" ? "requirement" : "rule")} {r.Rule}: {r.Reason} (e.g. {DecisionText.Stack(r.Example)})");
        }
        foreach (var t in d.Trees)
        {
            var verdict = t.AgreesWithWinner switch { true => "agrees", false => "disagrees", _ => "" };
            console.MarkupLineInterpolated($"tree {t.Tree}: {DecisionText.StackWithLayers(t.Outcome)} — {verdict} with the scoring");
            foreach (var dis in t.Disagreements)
            {
                console.MarkupLineInterpolated($"  {dis.Layer}: the tree says {string.Join("/", dis.TreeSays)}, scoring chose {dis.ScoringChose}: {dis.Why}");
            }
        }
    }
}
