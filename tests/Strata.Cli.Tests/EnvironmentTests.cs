namespace Strata.Cli.Tests;

public class EnvironmentTests
{
    [Fact]
    public void Console_WithoutColour_WritesNoEscapeCodes()
    {
        var output = new StringWriter();
        var env = new CliEnvironment(output, new StringWriter(), color: false, width: 80);
        env.Console.Write(new Spectre.Console.Markup("[red]red[/] text"));
        output.ToString().ShouldBe("red text");
    }
}
