using System.Collections.Immutable;
using Strata.Model.Entities;

namespace Strata.Engine.Matrix;

public sealed record ChainScore(int Rank, string Chain, string Technology, double Score, double UnknownShare);

/// <summary>The matrix view of a vector: chain scores, what part of the vector the catalogue cannot score, and the matrix set used.</summary>
public sealed record MatrixRanking(
    ImmutableArray<double> Vector,
    string Set,
    ImmutableArray<ChainScore> Ranking,
    ImmutableArray<string> Notes);

/// <summary>
/// 001's matrix perspective: score(chain) = s · A(chain) over the catalogue's maturity rows
/// (table seed-001-maturity-matrix). Vector components a chain has no entry for are not guessed;
/// their share of the vector is reported per chain.
/// </summary>
public static class MatrixView
{
    public const string TableId = "seed-001-maturity-matrix";

    public static MatrixRanking Rank(Model.Entities.Catalog catalog, ImmutableArray<double> vector, string? scenario = null)
    {
        var table = catalog.Table(TableId) ?? throw new InvalidOperationException($"The catalogue has no table '{TableId}'.");
        var dimensions = table.Columns.Where(c => c.Id.Length == 2 && c.Id[0] == 'v' && char.IsAsciiDigit(c.Id[1])).Select(c => c.Id).ToList();
        if (vector.Length != dimensions.Count)
        {
            throw new ArgumentException($"The vector has {vector.Length} components; the matrix has {dimensions.Count} ({string.Join(", ", dimensions)}).", nameof(vector));
        }
        var sets = table.Rows.Select(r => Text(r, "set")).Distinct().ToList();
        var set = scenario is not null && sets.Contains(scenario) ? scenario : "general";
        var notes = ImmutableArray.CreateBuilder<string>();
        if (set != "general")
        {
            notes.Add($"scenario {scenario} ranks with its own matrix set, although its vector equals another scenario's (the seed gives that ranking without its matrices)");
        }
        var total = vector.Sum();
        var scores = new List<(string Chain, string Tech, double Score, double Unknown)>();
        foreach (var row in table.Rows.Where(r => Text(r, "set") == set))
        {
            double score = 0, unknown = 0;
            for (var i = 0; i < dimensions.Count; i++)
            {
                if (row[dimensions[i]]?.Value is NumberCell n)
                {
                    score += vector[i] * n.Number;
                }
                else
                {
                    unknown += vector[i];
                }
            }
            scores.Add((Text(row, "chain"), ((IdListCell)row["technology"]!.Value).Ids[0], score, total == 0 ? 0 : unknown / total));
        }
        var unscored = scores.Where(s => s.Unknown >= 1).Select(s => s.Chain).ToList();
        if (unscored.Count > 0)
        {
            notes.Add($"not ranked: {string.Join(", ", unscored)} (no entry for any component of this vector)");
        }
        var ranking = scores
            .Where(s => s.Unknown < 1)
            .OrderByDescending(s => Math.Round(s.Score, 9))
            .ThenBy(s => s.Chain, StringComparer.Ordinal)
            .Select((s, i) => new ChainScore(i + 1, s.Chain, s.Tech, s.Score, s.Unknown))
            .ToImmutableArray();
        if (ranking.Any(r => r.UnknownShare > 0))
        {
            notes.Add("components the seed never scores count as unknown, not zero: a chain's unknown share says how much of the vector its score leaves out");
        }
        return new MatrixRanking(vector, set, ranking, notes.ToImmutable());
    }

    private static string Text(TableRow row, string column) => row[column]?.Value.Display() ?? "";
}
