using System.Diagnostics;
using System.Text;
using Strata.TestSupport;

namespace Strata.Cli.Tests.Commands;

/// <summary>
/// `strata fleet plan -` and `strata fleet plan /dev/stdin` with the inventory written into the process's standard
/// input (a real pipe, which cannot seek) plan what the same inventory as a file plans, line for line, in each format.
/// </summary>
public class FleetPipeTests
{
    private static (int Code, string Output, string Error) Run(string inventory, byte[]? stdin)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = RepoPaths.Root };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "strata.dll"), "fleet", "plan", inventory, "--profile", "edge", "-o", "jsonl" })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.BaseStream.Write(stdin);
        }
        p.StandardInput.Close();
        p.WaitForExit(120_000).ShouldBeTrue("the plan did not end within two minutes");
        return (p.ExitCode, output.Result, error.Result);
    }

    public static TheoryData<string, string> Inventories => new()
    {
        { "nodes.json", "-" },
        { "nodes.json", "/dev/stdin" },
        { "nodes.jsonl", "-" },
        { "nodes", "-" }, // CSV, told from its header: the name says nothing
    };

    [Theory]
    [MemberData(nameof(Inventories))]
    public void Plan_InventoryPipedToStandardInput_PlansWhatTheFilePlans(string name, string argument)
    {
        var dir = Directory.CreateTempSubdirectory("strata-fleet-pipe-").FullName;
        try
        {
            var sample = Path.Combine(RepoPaths.Root, "examples", "fleet", "nodes.json");
            var content = name switch
            {
                "nodes.json" => File.ReadAllBytes(sample),
                "nodes.jsonl" => Encoding.UTF8.GetBytes(JsonLines(sample)),
                _ => Encoding.UTF8.GetBytes("name,arch,memory,cpu,kernel,kvm,role\n" +
                    string.Concat(Enumerable.Range(0, 40).Select(i => $"n{i},{(i % 2 == 0 ? "arm64" : "amd64")},{1 + (i % 8)}Gi,4,6.1.0-18,{i % 3 == 0},agent\n"))),
            };
            var file = Path.Combine(dir, name);
            File.WriteAllBytes(file, content);
            var fromFile = Run(file, null);
            var fromPipe = Run(argument, content);
            fromFile.Output.ShouldNotBeEmpty(fromFile.Error);
            fromPipe.Error.ShouldNotContain("Unhandled");
            fromPipe.Code.ShouldBe(fromFile.Code, fromPipe.Error);
            fromPipe.Output.ShouldBe(fromFile.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The NodeList's items, one compact Node object a line.</summary>
    private static string JsonLines(string nodeList)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(nodeList));
        return string.Concat(doc.RootElement.GetProperty("items").EnumerateArray().Select(n => n.GetRawText().ReplaceLineEndings(" ") + "\n"));
    }

    [Fact]
    public void Plan_TruncatedInventoryOnStandardInput_FailsWithItsLineAndColumn()
    {
        var content = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "examples", "fleet", "nodes.json"));
        var (code, _, error) = Run("-", content[..(content.Length / 2)]);
        code.ShouldBe(2, error);
        error.ShouldMatch(@"(?m)^-:\d+:\d+: error");
        error.ShouldNotContain("Unhandled");
    }
}
