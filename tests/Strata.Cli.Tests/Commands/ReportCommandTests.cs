using System.Diagnostics;
using System.IO.Compression;
using Strata.TestSupport;

namespace Strata.Cli.Tests.Commands;

/// <summary>One test changes the process's current directory (ADR folder discovery), so this class runs alone.</summary>
[CollectionDefinition(nameof(CurrentDirectory), DisableParallelization = true)]
public sealed class CurrentDirectory;

[Collection(nameof(CurrentDirectory))]
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "strata-repo-" + Guid.NewGuid().ToString("N"));
    private static readonly string Edge = Path.Combine(RepoPaths.Root, "examples", "edge.yaml");

    public ReportCommandTests() => Directory.CreateDirectory(_repo);

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private CliRunner.Result InRepo(params string[] args)
    {
        var before = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(_repo);
        try
        {
            return CliRunner.Run(args);
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }
    }

    [Fact]
    public void Report_Adr_NumbersIntoDocsDecisionsOfAFreshRepo()
    {
        var first = CliRunner.Run("report", Edge, "--format", "adr", "-o", Path.Combine(_repo, "docs", "decisions"), "--date", "2026-11-22");
        first.ExitCode.ShouldBe(ExitCodes.Ok, first.Error);
        var second = CliRunner.Run("report", "edge", "--format", "adr", "-o", Path.Combine(_repo, "docs", "decisions"), "--date", "2026-11-22");
        var files = Directory.GetFiles(Path.Combine(_repo, "docs", "decisions")).Select(Path.GetFileName).Order().ToList();
        files.Count.ShouldBe(2);
        files[0]!.ShouldStartWith("0001-use-");
        files[0]!.ShouldEndWith("-for-edge-platform.md");
        files[1]!.ShouldStartWith("0002-");
        first.Out.Trim().ShouldEndWith(files[0]!);
    }

    [Fact]
    public void Report_Adr_IsMadr4WithEverySection()
    {
        var r = CliRunner.Run("report", Edge, "--format", "adr", "-o", Path.Combine(_repo, "d.md"), "--date", "2026-11-22");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        var text = File.ReadAllText(Path.Combine(_repo, "d.md"));
        text.ShouldStartWith("---\nstatus: proposed\ndate: 2026-11-22\ndecision-makers:");
        var sections = new[] { "\n# Use ", "## Context and Problem Statement", "## Decision Drivers", "## Considered Options", "## Decision Outcome",
            "Chosen option: \"", "### Consequences", "### Confirmation", "## Pros and Cons of the Options", "## More Information" };
        var at = 0;
        foreach (var s in sections)
        {
            var i = text.IndexOf(s, at, StringComparison.Ordinal);
            i.ShouldBeGreaterThan(-1, $"missing or out of order: {s}");
            at = i;
        }
        text.ShouldContain("* Good, because ");
        text.ShouldContain("sha256:");
    }

    [Fact]
    public void Report_Adr_FollowsAdrDirAndContinuesTheNumbering()
    {
        File.WriteAllText(Path.Combine(_repo, ".adr-dir"), "architecture/records\n");
        Directory.CreateDirectory(Path.Combine(_repo, "architecture", "records"));
        File.WriteAllText(Path.Combine(_repo, "architecture", "records", "0007-earlier.md"), "# Earlier\n");
        var r = InRepo("report", Edge, "--format", "adr", "--adr-style", "nygard", "--date", "2026-11-22");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        var written = Directory.GetFiles(Path.Combine(_repo, "architecture", "records"), "0008-*.md").ShouldHaveSingleItem();
        File.ReadAllText(written).ShouldContain("## Status\n\nProposed");
    }

    [Fact]
    public void Report_SameInputsAndDate_SameBytes() =>
        CliRunner.Run("report", Edge, "--format", "markdown", "--date", "2026-11-22").Out
            .ShouldBe(CliRunner.Run("report", Edge, "--format", "markdown", "--date", "2026-11-22").Out);

    [Fact]
    public void Report_Json_CarriesThePlanAndTheCatalogueDigest()
    {
        var r = CliRunner.Run("report", Edge, "--format", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("plan").GetProperty("validation").GetArrayLength().ShouldBeGreaterThan(0);
        doc.RootElement.GetProperty("catalog").GetProperty("digest").GetString()!.ShouldStartWith("sha256:");
    }

    [Fact]
    public void Report_Html_IsSelfContainedWithItsCharts()
    {
        var r = CliRunner.Run("report", Edge, "--format", "html");
        r.ExitCode.ShouldBe(ExitCodes.Ok, r.Error);
        r.Out.ShouldStartWith("<!DOCTYPE html>");
        System.Text.RegularExpressions.Regex.Matches(r.Out, "<svg ").Count.ShouldBe(3);
        r.Out.ShouldNotContain("<script");
        System.Text.RegularExpressions.Regex.IsMatch(r.Out, "(src|href)=\"https?:").ShouldBeFalse();
    }

    [Fact]
    public void Report_Html_RendersInChromiumAndIsNotBlank()
    {
        var html = Path.Combine(_repo, "report.html");
        CliRunner.Run("report", Edge, "--format", "html", "-o", html).ExitCode.ShouldBe(ExitCodes.Ok);
        var png = Path.Combine(_repo, "report.png");
        var psi = new ProcessStartInfo("chromium") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(_repo, "chromium-profile")}", "--window-size=1200,1600",
            $"--screenshot={png}", new Uri(html).AbsoluteUri })
        {
            psi.ArgumentList.Add(a);
        }
        Process? p;
        try
        {
            p = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("chromium is not installed; ./test.sh installs Debian's chromium");
        }
        using (p)
        {
            p.ShouldNotBeNull();
            _ = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish the screenshot in 90 s");
            }
        }
        File.Exists(png).ShouldBeTrue();
        DistinctPixelBytes(png).ShouldBeGreaterThan(40, "the screenshot is (nearly) blank");
    }

    /// <summary>How many distinct byte values the PNG's decompressed image data holds: a blank page has a handful.</summary>
    private static int DistinctPixelBytes(string png)
    {
        var bytes = File.ReadAllBytes(png);
        using var idat = new MemoryStream();
        for (var i = 8; i + 8 <= bytes.Length;)
        {
            var length = (bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3];
            var type = System.Text.Encoding.ASCII.GetString(bytes, i + 4, 4);
            if (type == "IDAT")
            {
                idat.Write(bytes, i + 8, length);
            }
            i += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var seen = new bool[256];
        var buffer = new byte[81920];
        int n;
        while ((n = z.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var k = 0; k < n; k++)
            {
                seen[buffer[k]] = true;
            }
        }
        return seen.Count(x => x);
    }
}
