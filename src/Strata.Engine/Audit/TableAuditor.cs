using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;
using Strata.Model.Entities;

namespace Strata.Engine.Audit;

public enum AuditVerdict { Consistent, Defect, DefectChangesWinner, NothingToAudit }

public sealed record AuditRow(int Row, string Label, double? Claimed, double? Recomputed, int? ClaimedRank, int? RecomputedRank);

public sealed record AuditFinding(string Kind, string Message);

/// <summary>What the audit of one table found: its rows recomputed, the defects, and whether a defect changes the winner.</summary>
public sealed record TableAudit(
    string Table,
    string Title,
    string Seed,
    string Method,
    ImmutableArray<AuditRow> Rows,
    ImmutableArray<AuditFinding> Findings,
    ImmutableSortedDictionary<string, double> ImpliedWeights,
    string? ClaimedWinner,
    string? RecomputedWinner,
    AuditVerdict Verdict)
{
    /// <summary>For a table with only a priority order: its rows decided over every weighting the order allows.</summary>
    public OrderAnalysis? Order { get; init; }
}

/// <summary>A row of a table with only a priority order: how often it ranks first over every weighting the order allows, and whether it always does.</summary>
public sealed record OrderAcceptability(string Row, double FirstRank, bool AlwaysFirst)
{
    /// <summary>SMAA-2's central weights: the mean weighting under which the row ranked first (null when it never did).</summary>
    public ImmutableSortedDictionary<string, double>? CentralWeights { get; init; }
}

/// <summary>
/// A priority-order table decided the SMAA-2 way: its rows' first-rank acceptability over weights drawn uniformly from
/// the order's set (<see cref="Model.Weights.OrdinalWeights"/>). <see cref="TotalsBreakOrder"/> says that the audit also
/// found the printed totals to come from weights outside that set.
/// </summary>
public sealed record OrderAnalysis(Model.Weights.WeightStatements Order, int Samples, int Seed, ImmutableArray<OrderAcceptability> Rows, bool TotalsBreakOrder)
{
    /// <summary>The rows that rank first under every weighting the order allows (checked exactly at the order's extreme weightings).</summary>
    public IEnumerable<OrderAcceptability> AlwaysFirst => Rows.Where(r => r.AlwaysFirst);
}

/// <summary>
/// Recomputes a seed's decision table from its own inputs and compares with what the seed claims:
/// totals, ranks and the winner with stated weights; with only a stated priority order, which
/// weights the claimed totals imply and whether they respect that order.
/// </summary>
public static class TableAuditor
{
    /// <summary>Totals are printed to one decimal; a difference within half a unit of the last digit is rounding, not a defect.</summary>
    public static double Tolerance(double claimed)
    {
        var text = claimed.ToString("0.########", System.Globalization.CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : text.Length - dot - 1;
        return 0.5 * Math.Pow(10, -decimals) + 1e-9;
    }

    public static TableAudit Audit(Table table)
    {
        var label = table.Columns.FirstOrDefault(c => c.Type == ColumnType.Text)?.Id ?? table.Columns.FirstOrDefault(c => c.Type == ColumnType.Stack)?.Id;
        string Label(TableRow r, int i) => label is null ? $"row {i + 1}" : r[label]?.Value.Display() ?? $"row {i + 1}";
        if (table.Evaluation is not { } e)
        {
            return new TableAudit(table.Id, table.Title, table.Provenance.Cite(), "none", [], [], ImmutableSortedDictionary<string, double>.Empty, null, null, AuditVerdict.NothingToAudit);
        }
        var criteria = e.Weights.IsEmpty ? e.Priority : [.. e.Weights.Keys];
        var scores = table.Rows.Select(r => criteria.Select(c => r[c]?.Value is NumberCell n ? n.Number : double.NaN).ToArray()).ToList();
        double? Claimed(TableRow r) => e.Total is { } t && r[t]?.Value is NumberCell n ? n.Number : null;
        var claimed = table.Rows.Select(Claimed).ToList();
        var findings = ImmutableArray.CreateBuilder<AuditFinding>();
        if (scores.Any(s => s.Any(double.IsNaN)))
        {
            findings.Add(new AuditFinding("incomplete", "some rows lack a score for a weighted column; they are counted as 0"));
            scores = [.. scores.Select(s => s.Select(x => double.IsNaN(x) ? 0 : x).ToArray())];
        }

        if (!e.Weights.IsEmpty)
        {
            var w = criteria.Select(c => e.Weights[c]).ToArray();
            var totals = scores.Select(s => s.Zip(w, (a, b) => a * b).Sum()).ToList();
            var rows = Rows(table, Label, claimed, totals);
            foreach (var row in rows.Where(r => r.Claimed is { } c && Math.Abs(c - r.Recomputed!.Value) > Tolerance(c)))
            {
                findings.Add(new AuditFinding("total", $"{row.Label}: the seed prints {Fmt(row.Claimed!.Value)}, its own weights and scores give {Fmt(row.Recomputed!.Value)}"));
            }
            return Finish(table, "stated weights", rows, findings, e.Weights, claimed, totals);
        }

        // Only a priority order is stated: which weights would produce the printed totals?
        if (claimed.Any(c => c is null))
        {
            findings.Add(new AuditFinding("incomplete", "the table prints no totals to check against"));
            return new TableAudit(table.Id, table.Title, table.Provenance.Cite(), "priority order", [], findings.ToImmutable(), ImmutableSortedDictionary<string, double>.Empty, null, null, AuditVerdict.NothingToAudit);
        }
        var a = Matrix<double>.Build.DenseOfRowArrays(scores);
        var b = Vector<double>.Build.DenseOfEnumerable(claimed.Select(c => c!.Value));
        var solution = a.RowCount >= a.ColumnCount ? a.Solve(b) : a.Svd().Solve(b);
        var residual = (a * solution - b).AbsoluteMaximum();
        var implied = criteria.Select((c, i) => (c, solution[i])).ToImmutableSortedDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal);
        var unique = a.Rank() == a.ColumnCount;
        var breaks = false;
        if (residual > 1e-6)
        {
            findings.Add(new AuditFinding("weights", $"no weights reproduce the printed totals (best fit misses by {Fmt(residual)})"));
        }
        else
        {
            var order = criteria.ToList();
            var broken = order.Zip(order.Skip(1)).Where(p => implied[p.First] < implied[p.Second] - 1e-9).ToList();
            if (broken.Count > 0 && unique)
            {
                breaks = true;
                findings.Add(new AuditFinding("weights",
                    $"the printed totals can only come from weights {string.Join(", ", order.Select(c => $"{c} {Fmt(implied[c])}"))}, which break the stated order " +
                    $"{string.Join(" > ", order)} ({string.Join("; ", broken.Select(p => $"{p.First} {Fmt(implied[p.First])} < {p.Second} {Fmt(implied[p.Second])}"))})"));
            }
        }
        // The winner under the most even weights that respect the order (rank-sum weights) vs the printed winner.
        var n = criteria.Length;
        var rankSum = Enumerable.Range(0, n).Select(i => (double)(n - i) / (n * (n + 1) / 2.0)).ToArray();
        var orderTotals = scores.Select(s => s.Zip(rankSum, (x, y) => x * y).Sum()).ToList();
        var rowsOut = Rows(table, Label, claimed, orderTotals);
        return Finish(table, "priority order (rank-sum weights for the winner check)", rowsOut, findings, implied, claimed, orderTotals)
            with { Order = DecideOverOrder(criteria, scores, [.. rowsOut.Select(r => r.Label)], breaks) };
    }

    /// <summary>Samples drawn for a priority-order table's acceptability (seeded; the standard error of a share is at most 0.5 %).</summary>
    public const int OrderSamples = 10_000;

    public const int OrderSeed = 42;

    /// <summary>
    /// Each row's first-rank acceptability over weights uniform on the order's set, and which rows rank first under
    /// every such weighting. A total is linear in the weights and the set is a simplex whose corners are "the top j
    /// criteria weigh 1/j each", so a row that is (weakly) first at every corner is first everywhere.
    /// </summary>
    public static OrderAnalysis DecideOverOrder(ImmutableArray<string> priority, IReadOnlyList<double[]> scores, ImmutableArray<string> labels, bool totalsBreakOrder)
    {
        var statements = Model.Weights.WeightStatements.FromOrder([.. priority.Select(c => new[] { c })]);
        var smaa = Robustness.Smaa.Decide(scores, Model.Weights.OrdinalWeights.For(statements), OrderSamples, OrderSeed);
        var corners = Enumerable.Range(1, priority.Length)
            .Select(j => Enumerable.Range(0, priority.Length).Select(i => i < j ? 1.0 / j : 0).ToArray()).ToList();
        bool AlwaysFirst(int r) => corners.All(c =>
        {
            var mine = scores[r].Zip(c, (x, y) => x * y).Sum();
            return scores.All(o => o.Zip(c, (x, y) => x * y).Sum() <= mine + 1e-12);
        });
        var rows = Enumerable.Range(0, scores.Count)
            .Select(r => new OrderAcceptability(labels[r], smaa[r].FirstRank, AlwaysFirst(r))
            {
                CentralWeights = smaa[r].CentralWeights is { } cw
                    ? priority.Select((c, i) => (c, i)).ToImmutableSortedDictionary(x => x.c, x => cw[x.i], StringComparer.Ordinal)
                    : null,
            })
            .ToImmutableArray();
        return new OrderAnalysis(statements, OrderSamples, OrderSeed, rows, totalsBreakOrder);
    }

    private static ImmutableArray<AuditRow> Rows(Table table, Func<TableRow, int, string> label, List<double?> claimed, List<double> recomputed)
    {
        var claimedRanks = RankOf(claimed.Select(c => c ?? double.NegativeInfinity).ToList());
        var recomputedRanks = RankOf(recomputed);
        return [.. table.Rows.Select((r, i) => new AuditRow(i + 1, label(r, i), claimed[i], recomputed[i],
            claimed[i] is null ? null : claimedRanks[i], recomputedRanks[i]))];
    }

    private static int[] RankOf(List<double> values) =>
        [.. values.Select(v => 1 + values.Count(x => x > v + 1e-9))];

    private static TableAudit Finish(Table table, string method, ImmutableArray<AuditRow> rows, ImmutableArray<AuditFinding>.Builder findings,
        IEnumerable<KeyValuePair<string, double>> weights, List<double?> claimed, List<double> recomputed)
    {
        string? claimedWinner = claimed.All(c => c is not null) && claimed.Count > 0 ? rows[claimed.IndexOf(claimed.Max())].Label : null;
        var recomputedWinner = recomputed.Count > 0 ? rows[recomputed.IndexOf(recomputed.Max())].Label : null;
        var changes = claimedWinner is not null && claimedWinner != recomputedWinner;
        if (changes)
        {
            findings.Add(new AuditFinding("winner", $"the seed's winner is {claimedWinner}; recomputed, it is {recomputedWinner}"));
        }
        var verdict = findings.Count == 0 ? AuditVerdict.Consistent : changes ? AuditVerdict.DefectChangesWinner : AuditVerdict.Defect;
        return new TableAudit(table.Id, table.Title, table.Provenance.Cite(), method, rows, findings.ToImmutable(),
            weights.ToImmutableSortedDictionary(StringComparer.Ordinal), claimedWinner, recomputedWinner, verdict);
    }

    private static string Fmt(double v) => Math.Round(v, 3).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
