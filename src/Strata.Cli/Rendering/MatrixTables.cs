using Spectre.Console;
using Strata.Engine.Matrix;
using Strata.Rendering.Text;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

/// <summary>`strata matrix` on the terminal.</summary>
public static class MatrixTables
{
    public static void Write(IAnsiConsole console, string? scenario, MatrixRanking m)
    {
        console.MarkupLineInterpolated($"matrix view{(scenario is null ? "" : $" of {scenario}")}: s = [[{string.Join(", ", m.Vector)}]], matrix set {m.Set}");
        var t = new Table().Border(TableBorder.Simple).AddColumn("#").AddColumn("chain").AddColumn("technology").AddColumn("score").AddColumn("unknown share");
        foreach (var r in m.Ranking)
        {
            t.AddRow(r.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(r.Chain), Markup.Escape(r.Technology),
                r.Score.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), DecisionText.Percent(r.UnknownShare));
        }
        console.Write(t);
        foreach (var n in m.Notes)
        {
            console.MarkupLineInterpolated($"  note: {n}");
        }
    }
}
