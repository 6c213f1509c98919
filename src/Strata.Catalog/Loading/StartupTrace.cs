using System.Diagnostics;
using System.Globalization;

namespace Strata.Catalog.Loading;

/// <summary>
/// Where a process's start-up goes: with STRATA_TRACE_STARTUP set, each <see cref="Mark"/> records the time since the
/// previous one and <see cref="Report"/> writes the table to standard error at exit. Off (the default) a mark is one
/// test of a static flag, so the marks stay in the code that is measured.
/// </summary>
public static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("STRATA_TRACE_STARTUP") is { Length: > 0 };
    private static readonly long Start = Stopwatch.GetTimestamp();
    private static readonly List<(string Step, long At)> Marks = [];
    private static readonly Lock Gate = new();

    public static bool IsEnabled => Enabled;

    /// <summary>Records that <paramref name="step"/> has just finished.</summary>
    public static void Mark(string step)
    {
        if (!Enabled)
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        lock (Gate)
        {
            Marks.Add((step, now));
        }
    }

    /// <summary>Writes each step's time and the running total, from the first mark (the entry of Main), to <paramref name="error"/>.</summary>
    public static void Report(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!Enabled)
        {
            return;
        }
        lock (Gate)
        {
            var previous = Start;
            var inv = CultureInfo.InvariantCulture;
            error.WriteLine("startup trace (ms): step, its time, total since Main");
            foreach (var (step, at) in Marks)
            {
                error.WriteLine(string.Create(inv, $"  {step,-40} {Stopwatch.GetElapsedTime(previous, at).TotalMilliseconds,8:0.00} {Stopwatch.GetElapsedTime(Start, at).TotalMilliseconds,8:0.00}"));
                previous = at;
            }
        }
    }
}
