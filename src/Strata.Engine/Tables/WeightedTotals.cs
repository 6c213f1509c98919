using System.Collections.Immutable;
using Strata.Model.Entities;

namespace Strata.Engine.Tables;

public sealed record RecomputedRow(int Row, string Label, double? Claimed, double Recomputed);

/// <summary>
/// Recomputes a seed table's weighted totals Σ wᵢ·scoreᵢ from its own scores and stated weights,
/// next to the total the seed printed. (The audit compares them; this only computes.)
/// </summary>
public static class WeightedTotals
{
    public static ImmutableArray<RecomputedRow> Recompute(Table table)
    {
        if (table.Evaluation is not { Weights.IsEmpty: false } evaluation)
        {
            throw new ArgumentException($"Table '{table.Id}' states no weights.", nameof(table));
        }
        var label = table.Columns.FirstOrDefault(c => c.Type is ColumnType.Text or ColumnType.Stack)?.Id;
        return [.. table.Rows.Select((row, i) =>
        {
            var total = evaluation.Weights.Sum(w => w.Value * (row[w.Key]?.Value is NumberCell n ? n.Number : 0));
            double? claimed = evaluation.Total is { } t && row[t]?.Value is NumberCell c ? c.Number : null;
            return new RecomputedRow(i + 1, label is null ? $"row {i + 1}" : row[label]?.Value.Display() ?? $"row {i + 1}", claimed, total);
        })];
    }
}
