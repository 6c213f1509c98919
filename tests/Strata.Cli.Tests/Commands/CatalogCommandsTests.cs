using System.Text.Json;
using Strata.TestSupport;

namespace Strata.Cli.Tests.Commands;

public class CatalogCommandsTests
{
    [Fact]
    public void Validate_BundledCatalogue_ExitsZeroAndSummarises()
    {
        var r = CliRunner.Run("catalog", "validate");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        r.Out.ShouldContain("valid: the bundled catalogue");
        r.Error.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_Json_HasCountsAndNoDiagnostics()
    {
        var r = CliRunner.Run("catalog", "validate", "-o", "json");
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("valid").GetBoolean().ShouldBeTrue();
        doc.RootElement.GetProperty("counts").GetProperty("technologies").GetInt32().ShouldBeGreaterThanOrEqualTo(50);
        doc.RootElement.GetProperty("catalog").GetProperty("digest").GetString()!.ShouldStartWith("sha256:");
        doc.RootElement.GetProperty("diagnostics").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Validate_CatalogueWithThreeMistakes_ReportsAllWithPositionsAndExitsTwo()
    {
        using var cat = new TempCatalog();
        const string tech = """
            id: tiny
            name: Tiny
            layer: runtime
            summary: "A test runtime."
            facts:
              - { name: startup, measures: runtime-create-start, value: 10ms, seed: "003 §17.3.2" }
            """;
        var unknownUnit = cat.Write("technologies/tiny.yaml", tech.Replace("10ms", "10mss", StringComparison.Ordinal));
        var dangling = cat.Write("technologies/other.yaml", tech.Replace("id: tiny", "id: other", StringComparison.Ordinal).Replace("layer: runtime", "layer: runtimes", StringComparison.Ordinal));
        var duplicate = cat.Write("technologies/copy.yaml", tech);

        var r = CliRunner.Run("catalog", "validate", cat.Dir);

        r.ExitCode.ShouldBe(ExitCodes.BadInput);
        r.Out.ShouldBeEmpty();
        r.Error.ShouldContain($"{unknownUnit}:6:61: error[unknown-unit]: fact 'startup' of technology 'tiny': unknown unit 'mss'");
        r.Error.ShouldContain($"{dangling}:3:8: error[dangling-reference]: technology 'other' refers to layer 'runtimes', which the catalogue does not define; did you mean 'runtime'?");
        r.Error.ShouldContain($"{unknownUnit}:1:1: error[duplicate-id]: duplicate technology id 'tiny': {duplicate}:1:1 already defines it");
        r.Error.ShouldContain("errors, 0 warnings in");
        r.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public void Validate_MissingDirectory_ExitsTwo()
    {
        var r = CliRunner.Run("catalog", "validate", "/nonexistent/strata");
        r.ExitCode.ShouldBe(ExitCodes.BadInput);
        r.Error.ShouldContain("there is no catalogue directory");
    }

    [Fact]
    public void List_Json_ListsEveryRequiredIdWithItsLayer()
    {
        var r = CliRunner.Run("catalog", "list", "-o", "json");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var items = doc.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("layer").GetString()!);
        foreach (var row in Expectations.RequiredTechnologies)
        {
            items.ShouldContainKey(row.Id);
            items[row.Id].ShouldBe(row.Layer, row.Id);
        }
    }

    [Fact]
    public void List_LayerFilter_KeepsOnlyThatLayer()
    {
        var r = CliRunner.Run("catalog", "list", "--layer", "runtime", "-o", "json");
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.EnumerateArray().ShouldAllBe(e => e.GetProperty("layer").GetString() == "runtime");
        doc.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ShouldContain("firecracker");
    }

    [Fact]
    public void List_UnknownLayer_SuggestsAndExitsTwo()
    {
        var r = CliRunner.Run("catalog", "list", "--layer", "runtim");
        r.ExitCode.ShouldBe(ExitCodes.BadInput);
        r.Error.ShouldContain("did you mean 'runtime'?");
    }

    [Fact]
    public void List_Table_IsReadable()
    {
        var r = CliRunner.Run("catalog", "list", "--layer", "runtime");
        r.ExitCode.ShouldBe(ExitCodes.Ok);
        r.Out.ShouldContain("firecracker");
        r.Out.ShouldContain("microvm");
        r.Out.ShouldNotContain("\u001b[");
    }

    [Fact]
    public void Show_Firecracker_Json_HasFactsFromTheSeedAndAPrimarySource()
    {
        var r = CliRunner.Run("catalog", "show", "firecracker", "-o", "json");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        root.GetProperty("id").GetString().ShouldBe("firecracker");
        root.GetProperty("layer").GetString().ShouldBe("runtime");
        var facts = root.GetProperty("facts").EnumerateArray().ToList();
        foreach (var f in facts)
        {
            f.GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
            f.GetProperty("value").GetString().ShouldNotBeNull();
            f.GetProperty("provenance").GetProperty("kind").GetString().ShouldBeOneOf("seed", "source", "measured");
        }
        var kinds = facts.Select(f => f.GetProperty("provenance").GetProperty("kind").GetString()).ToHashSet();
        kinds.ShouldContain("seed");
        kinds.ShouldContain("source");
        facts.ShouldContain(f => f.GetProperty("provenance").GetProperty("kind").GetString() == "source"
            && f.GetProperty("provenance").GetProperty("url").GetString()!.StartsWith("https://", StringComparison.Ordinal));
    }

    [Fact]
    public void Show_K3s_Json_MarksContradictedSeedClaims()
    {
        var r = CliRunner.Run("catalog", "show", "k3s", "-o", "json");
        using var doc = JsonDocument.Parse(r.Out);
        var contradicted = doc.RootElement.GetProperty("facts").EnumerateArray()
            .Where(f => f.TryGetProperty("status", out var s) && s.GetString() == "contradicted").ToList();
        contradicted.ShouldNotBeEmpty();
        contradicted.ShouldAllBe(f => f.GetProperty("provenance").GetProperty("kind").GetString() == "seed");
        var memory = doc.RootElement.GetProperty("facts").EnumerateArray().First(f => f.GetProperty("name").GetString() == "control-plane-memory");
        memory.GetProperty("estimate").GetProperty("dimension").GetString().ShouldBe("size");
    }

    [Fact]
    public void Show_Table_ShowsProvenance()
    {
        var r = CliRunner.Run("catalog", "show", "firecracker");
        r.ExitCode.ShouldBe(ExitCodes.Ok);
        r.Out.ShouldContain("https://github.com/firecracker-microvm/firecracker/blob/main/SPECIFICATION.md");
        r.Out.ShouldContain("seed 000 §3.2");
    }

    [Fact]
    public void Show_UnknownId_SuggestsAndExitsTwo()
    {
        var r = CliRunner.Run("catalog", "show", "firecraker");
        r.ExitCode.ShouldBe(ExitCodes.BadInput);
        r.Error.ShouldContain("did you mean 'firecracker'?");
    }

    [Fact]
    public void Show_WithUserCatalogue_UsesIt()
    {
        using var cat = new TempCatalog(withBase: false);
        cat.Write("catalog.yaml", "name: mine\nversion: 1.0.0\nextends: bundled\n");
        cat.Write("technologies/tiny.yaml", """
            id: tiny
            name: Tiny
            layer: runtime
            summary: "Mine."
            facts:
              - { name: isolation, value: container, seed: "003 §17.3.2" }
            """);
        var r = CliRunner.Run("catalog", "show", "tiny", "--catalog", cat.Dir, "-o", "json");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        r.Out.ShouldContain("\"name\": \"mine\"");
    }

    [Fact]
    public void Output_SameCommandTwice_IsByteIdentical() =>
        CliRunner.Run("catalog", "show", "wasmedge", "-o", "json").Out.ShouldBe(CliRunner.Run("catalog", "show", "wasmedge", "-o", "json").Out);

    [Theory]
    [InlineData("catalog", "list", "-o", "yaml")]
    [InlineData("catalog", "frobnicate")]
    [InlineData("catalog", "show")]
    public void BadCommandLine_ExitsTwoWithAHint(params string[] args)
    {
        var r = CliRunner.Run(args);
        r.ExitCode.ShouldBe(ExitCodes.BadInput);
        r.Error.ShouldContain("--help");
    }
}
