using System.Diagnostics;
using System.Globalization;

// Whole-process benchmark: each command of the published strata binary, run as a new process, paired run
// by run with a hello world built the same way, in alternating order, so both see the same machine load.
// Reports medians, the ratio of the medians, and the spread (p10-p90) of the per-pair ratios.
// Usage: Strata.WholeProcess --strata PATH --hello PATH --root REPO [--runs N] [--warmup N] [--synth DIR] [--label TEXT]
var options = Options.Parse(args);
var cases = new List<(string Name, string[] Args)>
{
    ("strata --version", ["--version"]),
    ("strata catalog list -o json", ["catalog", "list", "-o", "json"]),
    ("strata recommend examples/edge.yaml -o json", ["recommend", "examples/edge.yaml", "-o", "json"]),
    ("  same, --no-robustness", ["recommend", "examples/edge.yaml", "-o", "json", "--no-robustness"]),
};
if (options.Synth is { } synth)
{
    cases.Add(("synthetic 1,000 technologies: recommend edge --top 10", ["recommend", "edge", "--catalog", synth, "--top", "10", "-o", "json"]));
}
var only = options.Only;
var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"# Whole process, {options.Label}: {options.Runs} pairs after {options.Warmup} warm-up pairs, alternating order");
Console.WriteLine($"machine: {Machine.Describe()}; load average before: {loadBefore}");
Console.WriteLine();
Console.WriteLine("| command | hello, median ms | strata, median ms | ratio of medians | per-pair ratio p10-p90 |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var (name, caseArgs) in cases.Where(c => only is null || c.Name.Contains(only, StringComparison.Ordinal)))
{
    for (var i = 0; i < options.Warmup; i++)
    {
        Run(options.Hello, [], options.Root);
        Run(options.Strata, caseArgs, options.Root);
    }
    var hello = new double[options.Runs];
    var strata = new double[options.Runs];
    for (var i = 0; i < options.Runs; i++)
    {
        if (i % 2 == 0)
        {
            hello[i] = Run(options.Hello, [], options.Root);
            strata[i] = Run(options.Strata, caseArgs, options.Root);
        }
        else
        {
            strata[i] = Run(options.Strata, caseArgs, options.Root);
            hello[i] = Run(options.Hello, [], options.Root);
        }
    }
    var ratios = hello.Zip(strata, (h, s) => s / h).ToArray();
    var (mh, ms) = (Stats.Quantile(hello, 0.5), Stats.Quantile(strata, 0.5));
    Console.WriteLine(string.Create(inv, $"| {name} | {mh:0.0} | {ms:0.0} | {ms / mh:0.00}× | {Stats.Quantile(ratios, 0.1):0.00}-{Stats.Quantile(ratios, 0.9):0.00}× |"));
}
Console.WriteLine();
Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

// One run from start to exit, output drained; a failing command stops the benchmark (a fast failure is no result).
static double Run(string program, string[] args, string workingDirectory)
{
    var psi = new ProcessStartInfo(program)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
        WorkingDirectory = workingDirectory,
    };
    foreach (var a in args)
    {
        psi.ArgumentList.Add(a);
    }
    psi.Environment["NO_COLOR"] = "1";
    var clock = Stopwatch.StartNew();
    using var p = Process.Start(psi)!;
    var stdout = p.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
    var stderr = p.StandardError.ReadToEndAsync();
    p.WaitForExit();
    var elapsed = clock.Elapsed.TotalMilliseconds;
    stdout.Wait();
    if (p.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}");
    }
    return elapsed;
}

internal static class Stats
{
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (pos - lo));
    }
}

internal static class Machine
{
    public static string Describe()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        return $"{Environment.ProcessorCount} cores, {model}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}

internal sealed record Options(string Strata, string Hello, string Root, int Runs, int Warmup, string? Synth, string Label, string? Only)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var strata = Value("--strata") ?? throw new ArgumentException("--strata PATH is required");
        var hello = Value("--hello") ?? throw new ArgumentException("--hello PATH is required");
        return new Options(Path.GetFullPath(strata), Path.GetFullPath(hello), Path.GetFullPath(Value("--root") ?? "."),
            int.Parse(Value("--runs") ?? "30", CultureInfo.InvariantCulture), int.Parse(Value("--warmup") ?? "3", CultureInfo.InvariantCulture),
            Value("--synth") is { } s ? Path.GetFullPath(s) : null, Value("--label") ?? "published build", Value("--only"));
    }
}
