using System.Reflection;
using Strata.Application;
using Strata.Catalog.Loading;

namespace Strata.Cli.Tests;

/// <summary>A command does at start only what it needs: the version and the help load no catalogue and make no console.</summary>
public class StartWorkTests
{
    [Theory]
    [InlineData("--version")]
    [InlineData("--help")]
    [InlineData("recommend", "--help")]
    [InlineData("catalog", "--help")]
    public void VersionAndHelp_LoadNoCatalogueAndMakeNoConsole(params string[] args)
    {
        var loads = 0;
        var application = new StrataApplication(new CatalogCache(_ => { Interlocked.Increment(ref loads); return CatalogLoader.LoadBundled(); }), TimeProvider.System);
        var env = new CliEnvironment(new StringWriter(), new StringWriter(), color: false, 120, application);

        StrataApp.Run(args, env).ShouldBe(ExitCodes.Ok);

        loads.ShouldBe(0);
        typeof(CliEnvironment).GetField("_console", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(env).ShouldBeNull();
    }

    [Fact]
    public void CatalogList_LoadsTheCatalogueOnce()
    {
        var loads = 0;
        var application = new StrataApplication(new CatalogCache(_ => { Interlocked.Increment(ref loads); return CatalogLoader.LoadBundled(); }), TimeProvider.System);
        var env = new CliEnvironment(new StringWriter(), new StringWriter(), color: false, 120, application);

        StrataApp.Run(["catalog", "list", "-o", "json"], env).ShouldBe(ExitCodes.Ok);

        loads.ShouldBe(1);
    }
}
