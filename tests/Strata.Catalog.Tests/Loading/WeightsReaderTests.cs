using Strata.Catalog.Loading;
using Strata.Catalog.Profiles;
using Strata.Model.Diagnostics;
using Strata.Model.Weights;

namespace Strata.Catalog.Tests.Loading;

/// <summary>weights: as an order, swing points or bounds, read with a position and a did-you-mean for every mistake.</summary>
public class WeightsReaderTests
{
    private static readonly Lazy<Model.Entities.Catalog> Bundled = new(() => CatalogLoader.LoadBundled().Catalog!);

    private static ProfileLoadResult Parse(string weights) =>
        ProfileLoader.Parse("p.yaml", "profile: p\nweights:\n" + weights, Bundled.Value);

    private static WeightStatements Read(string weights)
    {
        var r = Parse(weights);
        r.Diagnostics.ShouldBeEmpty(string.Join("\n", r.Diagnostics));
        return r.Profile!.Statements.ShouldNotBeNull();
    }

    private static void ShouldReport(ProfileLoadResult r, params (int Line, int Column, string Code, string Text)[] expected)
    {
        r.Success.ShouldBeFalse();
        var errors = r.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        errors.Count.ShouldBe(expected.Length, string.Join("\n", errors));
        foreach (var (d, e) in errors.Zip(expected))
        {
            (d.Location.Line, d.Location.Column, d.Code).ShouldBe((e.Line, e.Column, e.Code), d.ToString());
            d.Message.ShouldContain(e.Text);
        }
    }

    [Fact]
    public void Read_OrderWithTie_KeepsGroupsMostImportantFirst()
    {
        var s = Read("  order: [resources, [startup, availability], maturity]\n");
        s.Order.Select(g => string.Join("=", g)).ShouldBe(["resources", "startup=availability", "maturity"]);
        s.IsPartial.ShouldBeTrue();
        s.ToString().ShouldBe("resources > startup = availability > maturity");
    }

    [Fact]
    public void Read_Swing_IsOneWeighting()
    {
        var s = Read("  swing: { startup: 100, resources: 60, maturity: 20 }\n");
        s.Swing["resources"].ShouldBe(60);
        s.IsPartial.ShouldBeFalse();
    }

    [Fact]
    public void Read_Bounds_ParsesTheGrammar()
    {
        var s = Read("  order: [resources, startup, maturity]\n  bounds:\n    startup: \">= 2 * maturity\"\n    resources: [\"<= 3*startup\", \">= startup\"]\n");
        s.Bounds.Select(b => b.ToString()).ShouldBe(["startup >= 2 * maturity", "resources <= 3 * startup", "resources >= startup"]);
    }

    [Fact]
    public void Read_NumericWeights_StillRead()
    {
        var r = Parse("  startup: 0.3\n  resources: 0.7\n");
        r.Diagnostics.ShouldBeEmpty();
        r.Profile!.Statements.ShouldBeNull();
        r.Profile.Weights["resources"].ShouldBe(0.7);
    }

    [Fact]
    public void Read_EveryMistake_ReportedAtItsPositionAllAtOnce()
    {
        var r = Parse(
            "  order: [resourses, [startup, startup], maturity]\n" +   // line 3
            "  bounds:\n" +
            "    startup: \">= 2 * maturty\"\n" +                      // line 5: the criterion starts at column 22
            "    maturity: \"> resources\"\n" +                          // line 6: strict, refused
            "  swin: {}\n");                                            // line 7
        ShouldReport(r,
            (3, 11, DiagnosticCodes.UnknownWord, "did you mean 'resources'?"),
            (3, 32, DiagnosticCodes.DuplicateKey, "'startup' appears twice in the order"),
            (5, 22, DiagnosticCodes.UnknownWord, "did you mean 'maturity'?"),
            (6, 16, DiagnosticCodes.BadExpression, "write >= or <="),
            (7, 3, DiagnosticCodes.UnknownField, "did you mean 'swing'?"));
    }

    [Fact]
    public void Read_BoundAgainstTheOrder_IsReportedAsContradictory()
    {
        var r = Parse("  order: [resources, startup]\n  bounds: { startup: \">= 2 * resources\" }\n");
        ShouldReport(r, (4, 11, DiagnosticCodes.Inconsistent, "no weighting satisfies"));
    }

    [Fact]
    public void Read_SwingWithOrder_AndBoundOutsideTheOrder_AreRefused()
    {
        var r = Parse("  order: [resources, startup]\n  swing: { startup: 100 }\n  bounds: { maturity: \">= startup\" }\n");
        ShouldReport(r,
            (4, 10, DiagnosticCodes.Inconsistent, "cannot be combined"),
            (5, 13, DiagnosticCodes.Inconsistent, "not in the order"));
    }
}
