using Spectre.Console;
using Strata.Engine.Matrix;
using Table = Spectre.Console.Table;

namespace Strata.Cli.Rendering;

public static class MatrixRendering
{
    public static void WriteJson(TextWriter w, string? scenario, MatrixRanking m) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        if (scenario is not null)
        {
            j.WriteString("scenario", scenario);
        }
        j.WriteStartArray("vector");
        foreach (var v in m.Vector)
        {
            j.WriteNumberValue(v);
        }
        j.WriteEndArray();
        j.WriteString("matrix_set", m.Set);
        j.WriteString("table", MatrixView.TableId);
        j.WriteObjects("ranking", m.Ranking, r =>
        {
            j.WriteNumber("rank", r.Rank);
            j.WriteString("chain", r.Chain);
            j.WriteString("technology", r.Technology);
            j.WriteNumber("score", DecisionJson.Round(r.Score));
            j.WriteNumber("unknown_share", DecisionJson.Round(r.UnknownShare));
        });
        j.WriteStrings("notes", m.Notes);
        j.WriteEndObject();
    });

    public static void WriteTable(IAnsiConsole console, string? scenario, MatrixRanking m)
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
