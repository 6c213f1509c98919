using System.Text.Json;
using Strata.TestSupport;

namespace Strata.Cli.Tests.Commands;

/// <summary>The public reference suite: real systems' documented choices against Strata's answers.</summary>
public class ReferenceCommandTests
{
    /// <summary>
    /// How many of the suite's decisions and layers Strata gets as the real systems did. A change here is a change
    /// in the engine's judgement: look at which case moved, and why, before updating the numbers.
    /// </summary>
    [Fact]
    public void Reference_Suite_AgreementIsPinned()
    {
        var r = CliRunner.Run("reference", Path.Combine(RepoPaths.Root, "examples", "reference"), "-o", "json");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        (root.GetProperty("decisions").GetInt32(), root.GetProperty("matched").GetInt32()).ShouldBe((39, 32));
        (root.GetProperty("layers").GetInt32(), root.GetProperty("layers_matched").GetInt32()).ShouldBe((50, 45));
        // Every miss names what Strata chose instead.
        foreach (var result in root.GetProperty("results").EnumerateArray())
        {
            foreach (var layer in result.GetProperty("layers").EnumerateArray().Where(l => l.GetProperty("outcome").GetString() == "miss"))
            {
                layer.GetProperty("strata").GetString().ShouldNotBeNullOrEmpty();
            }
        }
    }
}
