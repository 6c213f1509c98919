using System.Text.Json;
using Strata.Application;
using Strata.Application.Requests;
using Strata.Rendering.Json;
using Strata.Rendering.Markdown;

namespace Strata.Rendering.Tests;

/// <summary>The renderers a CLI and a server share: no terminal, and the same bytes for the same decision.</summary>
public class RenderingTests
{
    private static readonly Engine.Decisions.Decision Edge =
        new StrataApplication().Decide(new DecisionRequest(ProfileSource.Scenario("edge"))).Value!;

    [Fact]
    public void RenderingAssembly_ReferencesNoTerminal()
    {
        var refs = typeof(DecisionJson).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        refs.ShouldNotContain("Spectre.Console");
        refs.ShouldNotContain("System.CommandLine");
    }

    [Fact]
    public void DecisionJson_Decision_WritesTheContractFields()
    {
        using var doc = JsonDocument.Parse(Write(w => DecisionJson.Write(w, Edge, 3)));

        var root = doc.RootElement;
        root.GetProperty("profile").GetString().ShouldBe("edge");
        root.GetProperty("catalog").GetProperty("digest").GetString()!.ShouldStartWith("sha256:");
        root.GetProperty("ranking").GetArrayLength().ShouldBe(3);
        root.GetProperty("ranking")[0].GetProperty("rank").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void DecisionJson_SameDecisionTwice_SameBytes()
    {
        Write(w => DecisionJson.Write(w, Edge, 5)).ShouldBe(Write(w => DecisionJson.Write(w, Edge, 5)));
    }

    [Fact]
    public void DecisionMarkdown_Decision_NamesTheChosenStack()
    {
        Write(w => DecisionMarkdown.Write(w, Edge, 3)).ShouldContain("**Chosen:**");
    }

    private static string Write(Action<TextWriter> render)
    {
        using var w = new StringWriter { NewLine = "\n" };
        render(w);
        return w.ToString();
    }
}
