using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Strata.TestSupport;

namespace Strata.Cli.Tests;

/// <summary>
/// The published binary users get (Native AOT: trimmed, no JIT) run as a process, command by command, against
/// the same command run in-process on the JIT build: same exit code, same bytes on stdout and stderr. test.sh
/// publishes it and points STRATA_BINARY at it; without STRATA_BINARY these tests are skipped.
/// </summary>
public class PublishedBinaryTests
{
    private static string Edge => Path.Combine(RepoPaths.Root, "examples", "edge.yaml");

    public static TheoryData<string, string[]> Commands => new()
    {
        { "help", ["--help"] },
        { "recommend json", ["recommend", Edge, "-o", "json"] },
        { "recommend json, weights by order (SMAA-2)", ["recommend", Path.Combine(RepoPaths.Root, "examples", "edge-by-order.yaml"), "-o", "json", "--samples", "300"] },
        { "recommend table", ["recommend", Edge] },
        { "recommend markdown, scenario", ["recommend", "serverless", "-o", "markdown", "--sample-weights"] },
        { "recommend seed evidence", ["recommend", Path.Combine(RepoPaths.Root, "examples", "online-gaming.yaml"), "-o", "json", "--evidence", "seed"] },
        { "explain", ["explain", Edge, "--stack", "runtime=wasmedge", "-o", "json"] },
        { "explain table", ["explain", Edge, "--stack", "runtime=wasmedge"] },
        { "compare", ["compare", Edge, "k3s,wasmedge", "k3s,crun", "-o", "json"] },
        { "tree", ["tree", "global", Edge, "-o", "json"] },
        { "matrix", ["matrix", "hybrid", "-o", "json"] },
        { "matrix vector", ["matrix", "--vector", "0,0,0,1,0,0"] },
        { "audit", ["audit", "--all", "-o", "json"] },
        { "audit table", ["audit", "seed-004-edge-platform"] },
        { "diff-evidence", ["diff-evidence", Edge, "-o", "json"] },
        { "report json", ["report", Edge, "--format", "json"] },
        { "report markdown", ["report", Edge, "--format", "markdown", "--date", "2026-11-22"] },
        { "report html", ["report", Edge, "--format", "html", "--date", "2026-11-22"] },
        { "migrate", ["migrate", Path.Combine(RepoPaths.Root, "examples", "edge-migration.yaml"), "-o", "json"] },
        { "radar", ["radar", "--scenario", "edge", "--format", "backstage", "--date", "2026-11-22"] },
        { "catalog list", ["catalog", "list", "-o", "json"] },
        { "catalog list table", ["catalog", "list", "--layer", "runtime"] },
        { "catalog show", ["catalog", "show", "firecracker", "-o", "json"] },
        { "catalog show table", ["catalog", "show", "k3s"] },
        { "catalog validate", ["catalog", "validate", "-o", "json"] },
        { "unknown command", ["recomend", "edge"] },
        { "unknown scenario", ["recommend", "edg"] },
        { "unknown technology", ["catalog", "show", "firecraker"] },
        { "bad option value", ["recommend", "edge", "--top", "0"] },
    };

    [PublishedBinaryTheory]
    [MemberData(nameof(Commands))]
    public void Command_MatchesTheInProcessBuild(string name, string[] args)
    {
        var published = PublishedBinary.Run(args);
        var inProcess = InProcess(args);
        published.ExitCode.ShouldBe(inProcess.ExitCode, $"{name}: {published.Error}");
        published.Out.ShouldBe(inProcess.Out, name);
        published.Error.ShouldBe(inProcess.Error, name);
    }

    [PublishedBinaryFact]
    public void Binary_IsNativeCode()
    {
        // The Native AOT binary, not the apphost of a framework-dependent build: an ELF file with no strata.dll to run.
        var real = new FileInfo(PublishedBinary.Path!).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? PublishedBinary.Path!;
        File.ReadAllBytes(real)[..4].ShouldBe(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' });
        File.Exists(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(real)!, "strata.dll")).ShouldBeFalse(real);
    }

    [PublishedBinaryFact]
    public void Version_IsTheAssemblyVersion()
    {
        var r = PublishedBinary.Run("--version");
        r.ExitCode.ShouldBe(ExitCodes.Ok);
        r.Out.Trim().ShouldBe(typeof(StrataApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion);
    }

    [PublishedBinaryFact]
    public void BrokenCatalogue_ReportsTheSameDiagnostics()
    {
        using var cat = new TempCatalog();
        cat.Write("technologies/broken.yaml", "id: broken\nname: Broken\nlayer: runtim\nfacts: [1, 2\n");
        cat.Write("technologies/odd.yaml", "id: odd\nname: Odd\nlayer: runtime\nsummary: x\nfacts:\n  - name: cold_start\n    value: 12 parsecs\n    seed: \"003 §1\"\n");
        string[] args = ["catalog", "validate", cat.Dir];
        var published = PublishedBinary.Run(args);
        published.ExitCode.ShouldBe(ExitCodes.BadInput);
        published.Error.ShouldBe(InProcess(args).Error);
    }

    [PublishedBinaryFact]
    public void SyntheticCatalogue_WritesAndDecidesAsTheInProcessBuild()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"strata-e2e-synth-{Environment.ProcessId}");
        try
        {
            PublishedBinary.Run("catalog", "synth", "--technologies", "200", "--seed", "3", dir).ExitCode.ShouldBe(ExitCodes.Ok);
            string[] args = ["recommend", "edge", "--catalog", dir, "--top", "10", "-o", "json", "--samples", "400"];
            var published = PublishedBinary.Run(args);
            published.ExitCode.ShouldBe(ExitCodes.Ok, published.Error);
            published.Out.ShouldBe(InProcess(args).Out);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [PublishedBinaryFact]
    public void ProbeAndMeasure_RunAndWriteJson()
    {
        // What they read is the host, which changes between two runs; that they run, and what they write parses, is what AOT can break.
        var probe = PublishedBinary.Run("probe", "-o", "json");
        probe.ExitCode.ShouldBe(ExitCodes.Ok, probe.Error);
        using (var doc = JsonDocument.Parse(probe.Out))
        {
            doc.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
        }
        var measure = PublishedBinary.Run("measure", "--tools", "process", "--runs", "2", "-o", "json");
        measure.ExitCode.ShouldBe(ExitCodes.Ok, measure.Error);
        using (var doc = JsonDocument.Parse(measure.Out))
        {
            doc.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
        }
    }

    // What the process sees: output redirected, so no colour and tables 160 columns wide.
    private static CliRunner.Result InProcess(string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = StrataApp.Run(args, new CliEnvironment(output, error, color: false, width: 160));
        return new CliRunner.Result(code, output.ToString().Replace("testhost", "strata", StringComparison.Ordinal), error.ToString());
    }
}

/// <summary>The binary STRATA_BINARY names, run as a process from the repository root with output redirected.</summary>
public static class PublishedBinary
{
    public static string? Path { get; } = Environment.GetEnvironmentVariable("STRATA_BINARY") is { Length: > 0 } p ? System.IO.Path.GetFullPath(p) : null;

    public static CliRunner.Result Run(params string[] args)
    {
        var path = Path ?? throw new InvalidOperationException("STRATA_BINARY is not set");
        File.Exists(path).ShouldBeTrue($"STRATA_BINARY={path} does not exist; publish it first (test.sh does)");
        var psi = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("NO_COLOR");
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue($"{path} {string.Join(' ', args)} did not finish in 2 minutes");
        return new CliRunner.Result(p.ExitCode, stdout, stderr.Result);
    }
}

public sealed class PublishedBinaryFactAttribute : FactAttribute
{
    public PublishedBinaryFactAttribute()
    {
        if (PublishedBinary.Path is null)
        {
            Skip = "STRATA_BINARY is not set: these run against a published binary (./test.sh publishes one)";
        }
    }
}

public sealed class PublishedBinaryTheoryAttribute : TheoryAttribute
{
    public PublishedBinaryTheoryAttribute()
    {
        if (PublishedBinary.Path is null)
        {
            Skip = "STRATA_BINARY is not set: these run against a published binary (./test.sh publishes one)";
        }
    }
}
