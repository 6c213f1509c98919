using System.Diagnostics;
using Strata.TestSupport;

namespace Strata.Catalog.Tests.Schemas;

/// <summary>
/// The JSON Schemas in schemas/ accept the bundled catalogue and reject what the loader rejects.
/// Checked with ajv (tools/schema-check; ./test.sh installs it).
/// </summary>
public sealed class JsonSchemaTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "strata-schema-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    private static (int Code, string Output) Check(params string[] paths)
    {
        var tool = Path.Combine(RepoPaths.Root, "tools", "schema-check");
        Directory.Exists(Path.Combine(tool, "node_modules")).ShouldBeTrue("run ./test.sh, which installs the schema checker (npm ci in tools/schema-check)");
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        psi.ArgumentList.Add(Path.Combine(tool, "check.mjs"));
        foreach (var p in paths)
        {
            psi.ArgumentList.Add(p);
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the schema checker did not finish in 2 minutes");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void Schemas_AcceptEveryExampleProfile()
    {
        var (code, output) = Check(Path.Combine(RepoPaths.Root, "examples"));
        code.ShouldBe(0, output);
    }

    [Fact]
    public void Schemas_AcceptEveryBundledCatalogueFile()
    {
        var (code, output) = Check(RepoPaths.Catalog);
        code.ShouldBe(0, output);
        output.ShouldContain(" passed, 0 failed");
    }

    private string WriteBad(string name, string body)
    {
        Directory.CreateDirectory(_temp);
        var schema = Path.Combine(RepoPaths.Root, "schemas", "technology.schema.json");
        var path = Path.Combine(_temp, name);
        File.WriteAllText(path, $"# yaml-language-server: $schema={schema}\n{body}");
        return path;
    }

    [Theory]
    [InlineData("unknown-field.yaml", "id: x\nname: X\nlayer: runtime\nsummary: s\nfacts: []\nsumary: typo\n")]
    [InlineData("two-provenances.yaml", "id: x\nname: X\nlayer: runtime\nsummary: s\nfacts:\n  - { name: ha, value: true, seed: \"003 §17.4.2\", source: { url: \"https://example.org\" } }\n")]
    [InlineData("bad-unit.yaml", "id: x\nname: X\nlayer: runtime\nsummary: s\nfacts:\n  - { name: startup, measures: pod-start, value: 10mss, seed: \"003 §17.3.2\" }\n")]
    public void Schemas_RejectWhatTheLoaderRejects(string name, string body)
    {
        var (code, output) = Check(WriteBad(name, body));
        code.ShouldBe(1, output);
        output.ShouldContain("0 passed, 1 failed");
    }
}

/// <summary>The profile schema knows every weight form the loader reads, and refuses what it refuses.</summary>
public sealed class ProfileWeightsSchemaTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "strata-weights-schema-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    private (int Code, string Output) Check(string name, string weights)
    {
        Directory.CreateDirectory(_temp);
        var path = Path.Combine(_temp, name);
        File.WriteAllText(path, $"# yaml-language-server: $schema={Path.Combine(RepoPaths.Root, "schemas", "profile.schema.json")}\nprofile: p\nweights:\n{weights}");
        var psi = new System.Diagnostics.ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tools", "schema-check", "check.mjs"));
        psi.ArgumentList.Add(path);
        using var process = System.Diagnostics.Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [Theory]
    [InlineData("order.yaml", "  order: [resources, [startup, availability], maturity]\n")]
    [InlineData("swing.yaml", "  swing: { startup: 100, resources: 60 }\n")]
    [InlineData("bounds.yaml", "  order: [resources, startup, maturity]\n  bounds: { startup: \">= 2 * maturity\", resources: [\"<= 3*startup\", \">= startup\"] }\n")]
    [InlineData("numbers.yaml", "  startup: 0.3\n  resources: 0.7\n")]
    public void ProfileSchema_AcceptsEveryWeightForm(string name, string weights)
    {
        var (code, output) = Check(name, weights);
        code.ShouldBe(0, output);
    }

    [Theory]
    [InlineData("strict.yaml", "  order: [resources, startup]\n  bounds: { startup: \"> resources\" }\n")]
    [InlineData("swing-and-order.yaml", "  order: [resources, startup]\n  swing: { startup: 100 }\n")]
    [InlineData("nested-tie.yaml", "  order: [resources, [startup, [maturity]]]\n")]
    [InlineData("zero-swing.yaml", "  swing: { startup: 0 }\n")]
    public void ProfileSchema_RefusesWhatTheLoaderRefuses(string name, string weights)
    {
        var (code, output) = Check(name, weights);
        code.ShouldBe(1, output);
    }
}

/// <summary>The schemas mirror the vocabulary and the profile fields; these tests catch drift.</summary>
public class SchemaSyncTests
{
    [Fact]
    public void CommonSchema_ConstraintKeys_AreTheProfileFields()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "common.schema.json")));
        var keys = doc.RootElement.GetProperty("$defs").GetProperty("constraints").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();
        keys.ShouldBe(Model.Conditions.ProfileFields.ConstraintFields.Select(f => f.Name).Order());
    }

    [Fact]
    public void VocabularySchema_ConstraintNames_AreTheProfileFields()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "vocabulary.schema.json")));
        var names = doc.RootElement.GetProperty("properties").GetProperty("constraints").GetProperty("propertyNames").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()).Order();
        names.ShouldBe(Model.Conditions.ProfileFields.ConstraintFields.Select(f => f.Name).Order());
    }

    [Fact]
    public void CommonSchema_IsGeneratedFromTheCurrentVocabulary()
    {
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tools", "schema-check", "gen-common.mjs"));
        psi.ArgumentList.Add("--check");
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(1)).ShouldBeTrue();
        process.ExitCode.ShouldBe(0, output);
    }
}
