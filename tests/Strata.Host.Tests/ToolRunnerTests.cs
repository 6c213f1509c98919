using Strata.Host.Measure;

namespace Strata.Host.Tests;

/// <summary>
/// Relations a correct measurement shows on any host, not absolute times: every figure positive,
/// a plain process cheapest, every tool measured or given a reason, nothing left behind.
/// test.sh installs busybox-static, runc, crun and bubblewrap so that real tools are measured.
/// </summary>
public class ToolRunnerTests
{
    private static readonly Lazy<MeasureReport> Report = new(() =>
    {
        using var runner = new ToolRunner();
        return runner.Run(ToolRunner.Known.Select(k => k.Tool), runs: 5, host: "test");
    });

    [Fact]
    public void Measure_EveryTool_IsMeasuredOrSaysWhyNot()
    {
        foreach (var t in Report.Value.Tools)
        {
            (t.Measured || t.Error is { Length: > 0 }).ShouldBeTrue(t.Tool);
        }
        Report.Value.Tools.Select(t => t.Tool).ShouldBe(ToolRunner.Known.Select(k => k.Tool));
    }

    [Fact]
    public void Measure_Figures_ArePositiveAndOrdered()
    {
        foreach (var t in Report.Value.Tools.Where(t => t.Measured))
        {
            t.Runs.ShouldBe(5);
            t.MinMs!.Value.ShouldBeGreaterThan(0);
            t.MinMs.Value.ShouldBeLessThanOrEqualTo(t.MedianMs!.Value);
            t.MedianMs.Value.ShouldBeLessThanOrEqualTo(t.P95Ms!.Value);
            t.P95Ms.Value.ShouldBeLessThanOrEqualTo(t.MaxMs!.Value);
            if (t.PeakMemoryMiB is { } m)
            {
                m.ShouldBeGreaterThan(0);
            }
        }
    }

    /// <summary>
    /// The plain process is the baseline every other figure is read against, so it is always measured.
    /// (Which tool is cheapest is a measurement, reported by `strata measure`, not asserted here: at five
    /// runs a sub-millisecond unshare can beat the baseline on a busy machine.)
    /// </summary>
    [Fact]
    public void Measure_PlainProcess_IsAlwaysMeasured()
    {
        var process = Report.Value.Tools.Single(t => t.Tool == "process");
        process.Measured.ShouldBeTrue(process.Error);
        process.Error.ShouldBeNullOrEmpty();
        process.MedianMs.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("crun")]
    [InlineData("runsc")]
    public void Measure_ContainerRuntimes_GiveAResultOrAReason(string tool)
    {
        var t = Report.Value.Tools.Single(x => x.Tool == tool);
        if (t.Measured)
        {
            t.Version.ShouldNotBeNull();
        }
        else
        {
            t.Error.ShouldNotBeNullOrEmpty();
        }
    }

    [Fact]
    public void Measure_LeavesNoTemporaryDirectoryBehind()
    {
        string work;
        using (var runner = new ToolRunner())
        {
            runner.Run(["process"], runs: 1, host: "test");
            work = Directory.GetDirectories(Path.GetTempPath(), $"strata-measure-{Environment.ProcessId}-*").ShouldHaveSingleItem();
        }
        Directory.Exists(work).ShouldBeFalse();
    }
}
