using System.Diagnostics;
using System.Globalization;
using Strata.Fleet.Synth;

namespace Strata.Cli.Tests.Commands;

/// <summary>
/// A real SIGINT (what Ctrl-C sends) to a `strata fleet plan` process in the middle of a plan: it stops within a bounded
/// time with exit code 130, and neither the JSON Lines file nor any manifest is left behind, whole or half-written,
/// under its name or as a temporary. Local files only; no network.
/// </summary>
public class FleetInterruptTests
{
    [Fact]
    public async Task Plan_InterruptedWithSigint_StopsAndLeavesNoFile()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "strata.dll");
        File.Exists(dll).ShouldBeTrue(dll);
        var dir = Directory.CreateTempSubdirectory("strata-fleet-sigint-").FullName;
        try
        {
            var inventory = Path.Combine(dir, "nodes.json");
            using (var file = File.Create(inventory))
            {
                // Large enough that the plan is still running when the signal comes: the first JSON Lines are written
                // once the first class is decided, and the other classes and most nodes are still to come.
                NodeListSynth.Write(file, 40_000, seed: 1);
            }
            var manifests = Path.Combine(dir, "out");
            var jsonl = Path.Combine(dir, "plan.jsonl");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { dll, "fleet", "plan", inventory, "--profile", "edge", "--manifests", manifests, "--jsonl", jsonl, "-o", "json" })
            {
                psi.ArgumentList.Add(a);
            }
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            // Wait (at most two minutes) until the plan is under way: its JSON Lines temporary has bytes in it.
            var temp = Path.Combine(dir, $".plan.jsonl.strata-{p.Id}.tmp");
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!(File.Exists(temp) && new FileInfo(temp).Length > 0) && !p.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
            p.HasExited.ShouldBeFalse("the plan ended before it could be interrupted");
            File.Exists(temp).ShouldBeTrue("the plan never started writing its JSON Lines");
            using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
                kill.ExitCode.ShouldBe(0);
            }
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                try
                {
                    await p.WaitForExitAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    p.Kill(entireProcessTree: true);
                    throw new TimeoutException("the plan did not stop within 60 s of SIGINT");
                }
            }
            var stderr = await error;
            p.ExitCode.ShouldBe(130, stderr);
            stderr.ShouldContain("interrupted");
            (await output).ShouldBeEmpty();
            File.Exists(jsonl).ShouldBeFalse();
            // Nothing at all in the manifests directory, and no temporary beside the JSON Lines file.
            (Directory.Exists(manifests) ? Directory.GetFileSystemEntries(manifests) : []).ShouldBeEmpty();
            Directory.GetFiles(dir).Select(Path.GetFileName).ShouldBe(["nodes.json"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
