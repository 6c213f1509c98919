using Strata.Engine.Audit;
using System.Collections.Immutable;
using Strata.Model.Entities;

namespace Strata.Engine.Tests;

/// <summary>The audit finds exactly the seed defects PRODUCT.md names, and nothing else.</summary>
public class TableAuditorTests
{
    private static TableAudit Audit(string id) => TableAuditor.Audit(EngineFixture.Catalog.Table(id)!);

    [Fact]
    public void Audit_004WeightedEvaluation_FindsTheTwoWrongTotalsButTheSameWinner()
    {
        var a = Audit("seed-004-weighted-evaluation");
        a.Verdict.ShouldBe(AuditVerdict.Defect);
        a.Findings.Where(f => f.Kind == "total").Select(f => f.Message).ShouldBe(
        [
            "Option 1: Docker + K3s: the seed prints 3.4, its own weights and scores give 3.3",
            "Option 3: gVisor + K8s: the seed prints 3.5, its own weights and scores give 3.7",
        ]);
        a.ClaimedWinner.ShouldBe(a.RecomputedWinner);
        a.Rows[1].Recomputed!.Value.ShouldBe(4.6, 1e-9);
    }

    [Fact]
    public void Audit_003DecisionMatrix_ImpliedWeightsBreakTheStatedPriority()
    {
        var a = Audit("seed-003-decision-matrix");
        a.Verdict.ShouldBe(AuditVerdict.Defect);
        a.ImpliedWeights["resources"].ShouldBe(3, 1e-9);
        a.ImpliedWeights["startup"].ShouldBe(1.0 / 3, 1e-9);
        a.ImpliedWeights["availability"].ShouldBe(2.0 / 3, 1e-9);
        a.ImpliedWeights["maturity"].ShouldBe(1, 1e-9);
        a.Findings.ShouldHaveSingleItem().Message.ShouldContain("break the stated order");
        a.ClaimedWinner.ShouldBe(a.RecomputedWinner);
    }

    [Fact]
    public void Audit_AllTables_FlagOnlyTheKnownDefects()
    {
        var flagged = EngineFixture.Catalog.Tables.Select(TableAuditor.Audit)
            .Where(a => a.Verdict is AuditVerdict.Defect or AuditVerdict.DefectChangesWinner).Select(a => a.Table).Order();
        flagged.ShouldBe(["seed-003-decision-matrix", "seed-004-weighted-evaluation"]);
    }

    [Fact]
    public void Audit_ConsistentTable_HasNoFindings()
    {
        // The 004 table with its totals corrected is consistent: no false alarm from rounding.
        var t = EngineFixture.Catalog.Table("seed-004-weighted-evaluation")!;
        var fixedRows = t.Rows.Select((r, i) => r with
        {
            Cells = r.Cells.SetItem("total", r.Cells["total"] with { Value = new NumberCell(new[] { 3.3, 4.6, 3.7 }[i]) }),
        }).ToImmutableArray();
        var a = TableAuditor.Audit(t with { Rows = fixedRows });
        a.Verdict.ShouldBe(AuditVerdict.Consistent);
        a.Findings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(3.4, 0.05)]
    [InlineData(24, 0.5)]
    [InlineData(4.65, 0.005)]
    public void Tolerance_IsHalfTheLastPrintedDigit(double claimed, double expected) =>
        TableAuditor.Tolerance(claimed).ShouldBe(expected, 1e-8);
}

/// <summary>003 §17.6.3 decided with the priority order it states, beside the finding that its totals break that order.</summary>
public class TableAuditorOrderTests
{
    [Fact]
    public void Audit_003DecisionMatrix_K3sWasmEdgeSqliteWinsUnderEveryWeightingOfTheStatedOrder()
    {
        var a = TableAuditor.Audit(EngineFixture.Catalog.Table("seed-003-decision-matrix")!);
        var order = a.Order.ShouldNotBeNull();
        order.Order.ToString().ShouldBe("resources > startup > availability > maturity");
        order.TotalsBreakOrder.ShouldBeTrue();
        a.Findings.ShouldContain(f => f.Kind == "weights");
        // Row 1 (5, 5, 5, 4) is at least as good as every other row at every corner of the ordered simplex.
        var always = order.AlwaysFirst.ShouldHaveSingleItem();
        always.Row.ShouldBe(a.Rows[0].Label);
        always.FirstRank.ShouldBe(1);
        order.Rows.Skip(1).ShouldAllBe(r => r.FirstRank == 0 && !r.AlwaysFirst && r.CentralWeights == null);
        var cw = always.CentralWeights.ShouldNotBeNull();
        cw["resources"].ShouldBeGreaterThan(cw["startup"]);
        cw["availability"].ShouldBeGreaterThan(cw["maturity"]);
    }
}
