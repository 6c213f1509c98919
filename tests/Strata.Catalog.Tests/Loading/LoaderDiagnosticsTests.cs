using Strata.Model.Diagnostics;
using Strata.TestSupport;

namespace Strata.Catalog.Tests.Loading;

/// <summary>Each kind of catalogue mistake is reported with its exact position and a plain sentence.</summary>
public sealed class LoaderDiagnosticsTests : IDisposable
{
    private readonly TempCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    private const string GoodTechnology = """
        id: tiny
        name: Tiny
        layer: runtime
        summary: "A test runtime."
        facts:
          - { name: isolation, value: container, seed: "003 §17.3.2" }
          - { name: startup, measures: runtime-create-start, value: 10ms, source: { url: "https://example.org/bench", grade: primary } }
        """;

    private Diagnostic Single(string code)
    {
        var result = _catalog.Load();
        result.Success.ShouldBeFalse();
        var matches = result.Errors.Where(d => d.Code == code).ToList();
        matches.Count.ShouldBe(1, string.Join("\n", result.Diagnostics));
        return matches[0];
    }

    private static void ShouldBeAt(Diagnostic d, string path, int line, int column)
    {
        d.Location.File.ShouldEndWith(path);
        (d.Location.Line, d.Location.Column).ShouldBe((line, column), d.ToString());
    }

    [Fact]
    public void Load_ValidSmallCatalogue_Succeeds()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology);
        var result = _catalog.Load();
        result.Diagnostics.ShouldBeEmpty();
        result.Catalog!.Technology("tiny")!.Facts.Length.ShouldBe(2);
    }

    [Fact]
    public void Load_UnknownField_SuggestsTheClosest()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology + "\nsumary: typo\n");
        var d = Single(DiagnosticCodes.UnknownField);
        ShouldBeAt(d, "technologies/tiny.yaml", 8, 1);
        d.Message.ShouldContain("did you mean 'summary'?");
    }

    [Fact]
    public void Load_WrongType_SaysWhatWasExpected()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology.Replace("facts:\n", "aliases: { a: b }\nfacts:\n", StringComparison.Ordinal));
        var d = Single(DiagnosticCodes.WrongType);
        ShouldBeAt(d, "technologies/tiny.yaml", 5, 10);
        d.Message.ShouldContain("must be a list");
    }

    [Fact]
    public void Load_UnknownUnit_PointsAtTheValue()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology.Replace("value: 10ms", "value: 10mss", StringComparison.Ordinal));
        var d = Single(DiagnosticCodes.UnknownUnit);
        ShouldBeAt(d, "technologies/tiny.yaml", 7, 61);
        d.Message.ShouldContain("unknown unit 'mss'");
    }

    [Fact]
    public void Load_DuplicateId_NamesTheFirstDefinition()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology);
        _catalog.Write("technologies/tiny-copy.yaml", GoodTechnology);
        var result = _catalog.Load();
        var dup = result.Errors.Single(d => d.Code == DiagnosticCodes.DuplicateId);
        ShouldBeAt(dup, "technologies/tiny.yaml", 1, 1);
        dup.Message.ShouldContain("tiny-copy.yaml:1:1 already defines it");
        result.Errors.ShouldContain(d => d.Code == DiagnosticCodes.BadId && d.Location.File.EndsWith("tiny-copy.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DanglingReference_SuggestsTheClosestId()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology.Replace("layer: runtime", "layer: runtim", StringComparison.Ordinal));
        var d = Single(DiagnosticCodes.DanglingReference);
        ShouldBeAt(d, "technologies/tiny.yaml", 3, 8);
        d.Message.ShouldContain("did you mean 'runtime'?");
    }

    [Fact]
    public void Load_TreeCycle_ShowsTheLoop()
    {
        _catalog.Write("trees/loop.yaml", """
            id: loop
            name: Loop
            seed: "003 §17.8.1"
            root: a
            nodes:
              - id: a
                branches:
                  - { else: true, next: b }
              - id: b
                branches:
                  - { else: true, next: a }
            """);
        var d = Single(DiagnosticCodes.Cycle);
        ShouldBeAt(d, "trees/loop.yaml", 6, 5);
        d.Message.ShouldContain("a -> b -> a");
    }

    [Fact]
    public void Load_StarsOutOfRange_GivesTheRange()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology + "\n  - { name: maturity-rating, value: 7, seed: \"003 §17.2.4.2\" }\n");
        var d = Single(DiagnosticCodes.OutOfRange);
        ShouldBeAt(d, "technologies/tiny.yaml", 8, 37);
        d.Message.ShouldContain("0..5");
    }

    [Fact]
    public void Load_FactWithoutProvenance_IsAnError()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology + "\n  - { name: offline-capable, value: true }\n");
        var d = Single(DiagnosticCodes.MissingProvenance);
        ShouldBeAt(d, "technologies/tiny.yaml", 8, 5);
    }

    [Fact]
    public void Load_FactWithTwoProvenances_AsksForTwoFacts()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology + "\n  - { name: offline-capable, value: true, seed: \"003 §17.4.2\", source: \"https://example.org\" }\n");
        Single(DiagnosticCodes.ConflictingProvenance).Message.ShouldContain("write two facts");
    }

    [Fact]
    public void Load_StatusOnASourcedFact_IsInconsistent()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology + "\n  - { name: offline-capable, value: true, status: contradicted, source: \"https://example.org\" }\n");
        Single(DiagnosticCodes.Inconsistent).Message.ShouldContain("only a seed claim carries a status");
    }

    [Fact]
    public void Load_QuantityFactWithoutMeasures_AsksWhatWasMeasured()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology.Replace("measures: runtime-create-start, ", "", StringComparison.Ordinal));
        Single(DiagnosticCodes.MissingField).Message.ShouldContain("'measures'");
    }

    [Fact]
    public void Load_UnknownSeedSection_IsADanglingReference()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology.Replace("\"003 §17.3.2\"", "\"009 §1\"", StringComparison.Ordinal));
        Single(DiagnosticCodes.DanglingReference).Message.ShouldContain("seed '009'");
    }

    [Fact]
    public void Load_BadCondition_ReportsWhereItBreaks()
    {
        _catalog.Write("predicates/big.yaml", """
            id: big
            name: Big
            when: "nodes > 1000 and"
            seed: "003 §17.3.1"
            """);
        var d = Single(DiagnosticCodes.BadExpression);
        ShouldBeAt(d, "predicates/big.yaml", 3, 7);
        d.Message.ShouldContain("column 17");
    }

    [Fact]
    public void Load_ConditionWithUnknownField_Suggests()
    {
        _catalog.Write("predicates/big.yaml", """
            id: big
            name: Big
            when: "node > 1000"
            seed: "003 §17.3.1"
            """);
        Single(DiagnosticCodes.DanglingReference).Message.ShouldContain("did you mean 'nodes'?");
    }

    [Fact]
    public void Load_ConditionComparingWrongDimension_IsRejected()
    {
        _catalog.Write("predicates/big.yaml", """
            id: big
            name: Big
            when: "cold_start < 2GiB"
            seed: "003 §17.3.1"
            """);
        Single(DiagnosticCodes.BadExpression).Message.ShouldContain("is a size");
    }

    [Fact]
    public void Load_StackPutsTechnologyInTheWrongLayer_IsInconsistent()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology);
        _catalog.Write("migrations/move.yaml", """
            id: move
            kind: evolution
            title: Move
            seed: "003 §17.7.1"
            stages:
              - { orchestration: tiny }
            """);
        Single(DiagnosticCodes.Inconsistent).Message.ShouldContain("'tiny' is a runtime technology");
    }

    [Fact]
    public void Load_ThreeDifferentMistakes_ReportsAllAtOnceInFileOrder()
    {
        _catalog.Write("technologies/tiny.yaml", GoodTechnology.Replace("value: 10ms", "value: 10mss", StringComparison.Ordinal));
        _catalog.Write("technologies/tiny2.yaml", GoodTechnology.Replace("id: tiny", "id: tiny2", StringComparison.Ordinal).Replace("layer: runtime", "layer: nowhere", StringComparison.Ordinal));
        _catalog.Write("technologies/zz.yaml", GoodTechnology);
        var result = _catalog.Load();
        result.Errors.Select(d => d.Code).Order().ShouldBe(new[] { DiagnosticCodes.BadId, DiagnosticCodes.DanglingReference, DiagnosticCodes.DuplicateId, DiagnosticCodes.UnknownUnit }.Order());
        result.Diagnostics.Select(d => d.Location.File).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
    }

    [Fact]
    public void Load_FileOutsideTheKnownFolders_IsReported()
    {
        _catalog.Write("technology/tiny.yaml", GoodTechnology);
        Single(DiagnosticCodes.Inconsistent).Message.ShouldContain("did you mean 'technologies'?");
    }

    [Fact]
    public void Load_ExtendingTheBundledCatalogue_AddsTechnologies()
    {
        using var ext = new TempCatalog(withBase: false);
        ext.Write("catalog.yaml", "name: mine\nversion: 1.0.0\nextends: bundled\n");
        ext.Write("technologies/tiny.yaml", GoodTechnology);
        var result = ext.Load();
        result.Diagnostics.ShouldBeEmpty();
        result.Catalog!.Manifest.Name.ShouldBe("mine");
        result.Catalog.Technology("tiny").ShouldNotBeNull();
        result.Catalog.Technology("k3s").ShouldNotBeNull();
    }

    [Fact]
    public void Load_ExtensionRedefiningABundledId_IsADuplicate()
    {
        using var ext = new TempCatalog(withBase: false);
        ext.Write("catalog.yaml", "name: mine\nversion: 1.0.0\nextends: bundled\n");
        ext.Write("technologies/k3s.yaml", GoodTechnology.Replace("id: tiny", "id: k3s", StringComparison.Ordinal));
        ext.Load().Errors.ShouldContain(d => d.Code == DiagnosticCodes.DuplicateId && d.Message.Contains("catalog/technologies/k3s.yaml", StringComparison.Ordinal));
    }

    private const string TestedOrchestrator = """
        id: tested
        name: Tested
        layer: orchestration
        summary: "A test orchestrator."
        facts:
          - { name: node-range, measures: tested-scale, value: VALUE, source: { url: "https://example.org/report", grade: primary } }
        """;

    [Theory]
    [InlineData("1000", ">= 1000")]
    [InlineData("\"~1000\"", ">= 1000")]
    [InlineData("\"> 1000\"", "> 1000")]
    public void Load_TestedScaleFigure_IsReadAsTheLowerBoundItIs(string value, string read)
    {
        _catalog.Write("technologies/tested.yaml", TestedOrchestrator.Replace("VALUE", value, StringComparison.Ordinal));
        var result = _catalog.Load();
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        result.Catalog!.Technology("tested")!.Facts.Single().Value.Display().ShouldBe(read);
    }

    [Theory]
    [InlineData("100..1000")]
    [InlineData("\"<= 1000\"")]
    public void Load_TestedScaleRangeOrUpperBound_ContradictsTheMeasure(string value)
    {
        _catalog.Write("technologies/tested.yaml", TestedOrchestrator.Replace("VALUE", value, StringComparison.Ordinal));
        var d = Single(DiagnosticCodes.Inconsistent);
        ShouldBeAt(d, "technologies/tested.yaml", 6, 56);
        d.Message.ShouldContain("lower bounds");
    }
}
