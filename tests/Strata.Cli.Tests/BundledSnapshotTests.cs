using Strata.Application;
using Strata.Catalog.Loading;
using Strata.TestSupport;

namespace Strata.Cli.Tests;

/// <summary>
/// The CLI answers the same from the build's catalogue snapshot as from the bundled YAML: byte for byte, for a
/// decision on every example profile and for the commands that cite the catalogue's files and lines.
/// </summary>
public class BundledSnapshotTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "examples"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Recommend_FromTheSnapshot_WritesWhatTheYamlGives(string example)
    {
        var path = Path.Combine(RepoPaths.Root, example);
        SameOutput("recommend", path, "-o", "json");
    }

    [Theory]
    [InlineData("audit", "--all")]
    [InlineData("radar")]
    [InlineData("catalog", "list", "-o", "json")]
    [InlineData("catalog", "show", "firecracker")]
    [InlineData("explain", "edge", "--stack", "runtime=wasmedge")]
    [InlineData("tree", "global", "edge")]
    public void Command_FromTheSnapshot_WritesWhatTheYamlGives(params string[] args) => SameOutput(args);

    private static void SameOutput(params string[] args)
    {
        var fromYaml = Run(new StrataApplication(new CatalogCache(l => l.Directory is null ? CatalogLoader.LoadBundledYaml() : CatalogLoader.LoadDirectory(l.Directory)), TimeProvider.System), args);
        var fromSnapshot = Run(new StrataApplication(), args);
        fromYaml.ExitCode.ShouldBeOneOf(ExitCodes.Ok, ExitCodes.No);
        fromSnapshot.ShouldBe(fromYaml);
    }

    private static CliRunner.Result Run(StrataApplication application, string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = StrataApp.Run(args, new CliEnvironment(output, error, color: false, 120, application));
        return new CliRunner.Result(code, output.ToString(), error.ToString());
    }
}
