using System.Diagnostics;
using System.Text;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;

namespace Strata.Catalog.Tests.Yaml;

/// <summary>Hostile YAML hits a documented limit with a clear message, never a hang or a crash.</summary>
public class HostileYamlTests
{
    private static List<Diagnostic> Read(string text, YamlLimits? limits = null)
    {
        var diagnostics = new List<Diagnostic>();
        YamlDocumentReader.Read("hostile.yaml", text, limits ?? YamlLimits.Default, diagnostics).ShouldBeNull();
        return diagnostics;
    }

    [Fact]
    public void Read_AliasBomb_IsRefusedAsTooLarge()
    {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            sb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }
        var d = Read(sb.ToString()).ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCodes.Limit);
        d.Message.ShouldContain("alias bomb");
    }

    [Fact]
    public void Read_TooManyAliases_IsRefused()
    {
        var text = "a: &a x\nb: [" + string.Join(", ", Enumerable.Repeat("*a", 2000)) + "]\n";
        Read(text).ShouldHaveSingleItem().Message.ShouldContain("more than 1,000 aliases");
    }

    [Fact]
    public void Read_DeepNesting_IsRefusedAtTheLimit()
    {
        var text = new string('[', 100_000) + new string(']', 100_000);
        var d = Read(text).ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCodes.Limit);
        d.Message.ShouldContain("deeper than 64");
        d.Location.Column.ShouldBe(65);
    }

    /// <summary>Every loader that reads a file from disk (profile, host file, measurements) stops at the limit.</summary>
    [Fact]
    public void Loaders_HugeFiles_AreRefusedWithTheLimit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"strata-huge-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, "host:\n  kvm: true\n# " + new string('a', 5 * 1024 * 1024) + "\n");
            ((long)YamlFile.ReadLimited(path).Length).ShouldBe(YamlLimits.Default.MaxFileBytes + 1L);
            var catalog = Strata.Catalog.Loading.CatalogLoader.LoadBundled().Catalog!;
            Strata.Catalog.Profiles.HostFileLoader.Load(path).Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCodes.Limit);
            Strata.Catalog.Profiles.MeasurementsLoader.Apply(catalog, path).Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCodes.Limit);
            Strata.Catalog.Profiles.ProfileLoader.Load(path, catalog).Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCodes.Limit);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_HugeFile_IsRefusedBeforeParsing()
    {
        var text = "x: " + new string('a', 5 * 1024 * 1024);
        Read(text).ShouldHaveSingleItem().Message.ShouldContain("larger than the limit");
    }

    [Fact]
    public void Read_LongScalar_IsRefused()
    {
        var d = Read("x: " + new string('a', 70_000)).ShouldHaveSingleItem();
        d.Message.ShouldContain("limit is 65,536");
        (d.Location.Line, d.Location.Column).ShouldBe((1, 4));
    }

    [Theory]
    [InlineData("x: !!python/object:os.system ls\n")]
    [InlineData("x: !System.Diagnostics.Process {}\n")]
    [InlineData("--- !foo\nx: 1\n")]
    public void Read_Tags_AreRefusedAndNeverInstantiated(string text) =>
        Read(text).ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCodes.TagNotAllowed);

    [Fact]
    public void Read_SyntaxError_GivesPosition()
    {
        var d = Read("a: [1, 2\nb: 3\n").ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCodes.YamlSyntax);
        d.Location.Line.ShouldBeGreaterThan(0);
        d.Message.ShouldStartWith("this is not valid YAML");
    }

    [Fact]
    public void Read_TwoDocuments_AreRefused() =>
        Read("a: 1\n---\nb: 2\n").ShouldHaveSingleItem().Message.ShouldContain("one YAML document");

    [Fact]
    public void Read_AliasesWithinLimits_ShareTheNode()
    {
        var diagnostics = new List<Diagnostic>();
        var root = (YamlMapping)YamlDocumentReader.Read("ok.yaml", "a: &s { x: 1 }\nb: *s\n", YamlLimits.Default, diagnostics)!;
        diagnostics.ShouldBeEmpty();
        root.Entries[1].Value.ShouldBeSameAs(root.Entries[0].Value);
    }

    [Fact]
    public void Read_Positions_AreOneBased()
    {
        var diagnostics = new List<Diagnostic>();
        var root = (YamlMapping)YamlDocumentReader.Read("ok.yaml", "a: 1\nbb:\n  - c\n", YamlLimits.Default, diagnostics)!;
        var seq = (YamlSequence)root.Entries[1].Value;
        (seq.Items[0].Line, seq.Items[0].Column).ShouldBe((3, 5));
        (root.Entries[1].Key.Line, root.Entries[1].Key.Column).ShouldBe((2, 1));
    }
}
