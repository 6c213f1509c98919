namespace Strata.Cli.Tests;

/// <summary>A command line builds only the command it names; these pin that the shortcut changes nothing it prints.</summary>
public class StartupTests
{
    [Fact]
    public void Commands_NamesMatchTheCommandsTheyBuild()
    {
        var env = new CliEnvironment(new StringWriter(), new StringWriter(), color: false);
        StrataApp.BuildRoot(env).Subcommands.Select(c => c.Name)
            .ShouldBe(StrataApp.Commands.Select(c => c.Build(env).Name));
        StrataApp.Commands.Select(c => c.Name).ShouldBe(StrataApp.Commands.Select(c => c.Build(env).Name));
    }

    [Fact]
    public void Version_PrintsTheVersionAlone()
    {
        var r = CliRunner.Run("--version");
        r.ExitCode.ShouldBe(ExitCodes.Ok);
        r.Out.Trim().ShouldNotBeEmpty();
        r.Out.Trim().ShouldNotContain(" ");
        r.Error.ShouldBeEmpty();
        // The build's constant is what the assembly says of itself, as System.CommandLine's version option would print it.
        r.Out.Trim().ShouldBe(typeof(StrataApp).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion);
    }

    [Fact]
    public void MisspeltCommand_IsReportedAgainstTheWholeTree()
    {
        var r = CliRunner.Run("recomend", "edge");
        r.ExitCode.ShouldBe(ExitCodes.BadInput);
        r.Error.ShouldContain("Unrecognized command or argument 'recomend'");
    }

    [Fact]
    public void Console_IsNotCreatedUntilATableIsWritten()
    {
        var env = new CliEnvironment(new StringWriter(), new StringWriter(), color: false);
        var field = typeof(CliEnvironment).GetField("_console", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        StrataApp.Run(["catalog", "list", "-o", "json"], env).ShouldBe(ExitCodes.Ok);
        field.GetValue(env).ShouldBeNull();
    }
}
