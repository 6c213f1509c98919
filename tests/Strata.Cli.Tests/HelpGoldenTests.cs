using Strata.TestSupport;

namespace Strata.Cli.Tests;

/// <summary>
/// Help text is pinned by golden files in tests/Strata.Cli.Tests/golden. To accept a change, run the
/// tests with STRATA_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public class HelpGoldenTests
{
    [Theory]
    [InlineData("root", new[] { "--help" })]
    [InlineData("catalog", new[] { "catalog", "--help" })]
    [InlineData("catalog-validate", new[] { "catalog", "validate", "--help" })]
    [InlineData("catalog-list", new[] { "catalog", "list", "--help" })]
    [InlineData("catalog-show", new[] { "catalog", "show", "--help" })]
    [InlineData("recommend", new[] { "recommend", "--help" })]
    [InlineData("tree", new[] { "tree", "--help" })]
    [InlineData("explain", new[] { "explain", "--help" })]
    [InlineData("compare", new[] { "compare", "--help" })]
    [InlineData("matrix", new[] { "matrix", "--help" })]
    [InlineData("audit", new[] { "audit", "--help" })]
    [InlineData("diff-evidence", new[] { "diff-evidence", "--help" })]
    [InlineData("report", new[] { "report", "--help" })]
    [InlineData("migrate", new[] { "migrate", "--help" })]
    [InlineData("radar", new[] { "radar", "--help" })]
    [InlineData("probe", new[] { "probe", "--help" })]
    [InlineData("measure", new[] { "measure", "--help" })]
    [InlineData("fleet", new[] { "fleet", "--help" })]
    [InlineData("fleet-plan", new[] { "fleet", "plan", "--help" })]
    [InlineData("fleet-synth", new[] { "fleet", "synth", "--help" })]
    [InlineData("fleet-diff", new[] { "fleet", "diff", "--help" })]
    [InlineData("serve", new[] { "serve", "--help" })]
    [InlineData("drift", new[] { "drift", "--help" })]
    [InlineData("history", new[] { "history", "--help" })]
    public void Help_MatchesGoldenFile(string name, string[] args)
    {
        var r = CliRunner.Run(args);
        r.ExitCode.ShouldBe(ExitCodes.Ok);
        var actual = r.Out.Replace("testhost", "strata", StringComparison.Ordinal);
        var path = Path.Combine(RepoPaths.Root, "tests", "Strata.Cli.Tests", "golden", $"help-{name}.txt");
        if (Environment.GetEnvironmentVariable("STRATA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }
        File.Exists(path).ShouldBeTrue($"no golden file {path}; run the tests once with STRATA_UPDATE_GOLDEN=1 and review it");
        actual.ShouldBe(File.ReadAllText(path), $"help changed; if intended, rerun with STRATA_UPDATE_GOLDEN=1 and review {path}");
    }
}
