using Strata.Engine.Matrix;

namespace Strata.Rendering.Json;

/// <summary>`strata matrix -o json`: the chains ranked by the matrix view.</summary>
public static class MatrixJson
{
    public static void Write(TextWriter w, string? scenario, MatrixRanking m) => Json.Write(w, j =>
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
}
