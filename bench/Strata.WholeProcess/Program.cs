using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

// Whole-process benchmark: each command of the published strata binary, run as a new process, paired run
// by run with a hello world built the same way, in alternating order, so both see the same machine load.
// Reports medians, the ratio of the medians, and the spread (p10-p90) of the per-pair ratios.
// Usage: Strata.WholeProcess --strata PATH --hello PATH --root REPO [--runs N] [--warmup N] [--synth DIR] [--label TEXT]
var options = Options.Parse(args);
var cases = new List<(string Name, string[] Args, bool Self)>
{
    // hello against itself: how far from 1.00 the machine's noise alone moves a ratio.
    ("hello world against itself (noise floor)", [], true),
    ("strata --version", ["--version"], false),
    ("strata catalog list -o json", ["catalog", "list", "-o", "json"], false),
    ("strata recommend examples/edge.yaml -o json", ["recommend", "examples/edge.yaml", "-o", "json"], false),
    ("  same, --no-robustness", ["recommend", "examples/edge.yaml", "-o", "json", "--no-robustness"], false),
};
if (options.Synth is { } synth)
{
    cases.Add(("synthetic 1,000 technologies: recommend edge --top 10", ["recommend", "edge", "--catalog", synth, "--top", "10", "-o", "json"], false));
}
var only = options.Only;
var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"# Whole process, {options.Label}: {options.Runs} pairs after {options.Warmup} warm-up pairs, alternating order");
Console.WriteLine($"machine: {Machine.Describe()}; load average before: {loadBefore}");
Console.WriteLine();
Console.WriteLine("| command | hello, median ms | strata, median ms | ratio of medians | per-pair ratio p10-p90 |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var (name, caseArgs, self) in cases.Where(c => only is null || c.Name.Contains(only, StringComparison.Ordinal)))
{
    var program = self ? options.Hello : options.Strata;
    for (var i = 0; i < options.Warmup; i++)
    {
        Run(options.Hello, [], options.Root);
        Run(program, caseArgs, options.Root);
    }
    var hello = new double[options.Runs];
    var strata = new double[options.Runs];
    for (var i = 0; i < options.Runs; i++)
    {
        if (i % 2 == 0)
        {
            hello[i] = Run(options.Hello, [], options.Root);
            strata[i] = Run(program, caseArgs, options.Root);
        }
        else
        {
            strata[i] = Run(program, caseArgs, options.Root);
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

// One run from start to exit, output to /dev/null as hyperfine does. posix_spawn and waitpid directly: the
// Process class adds about 2 ms of its own (pipes, reader threads), which would flatten every ratio to a
// 2 ms hello world. A failing command stops the benchmark (a fast failure is no result).
static double Run(string program, string[] args, string workingDirectory)
{
    Environment.CurrentDirectory = workingDirectory;
    var elapsed = Spawn.Run(program, args, out var exitCode);
    if (exitCode != 0)
    {
        throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {exitCode}; run it by hand to see why");
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

internal static partial class Spawn
{
    private const int OWrOnly = 1;
    private static readonly string?[] Environ = [.. Environment.GetEnvironmentVariables().Keys.Cast<string>()
        .Where(k => k != "NO_COLOR").Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}").Append("NO_COLOR=1").Order(StringComparer.Ordinal), null];

    public static double Run(string program, string[] args, out int exitCode)
    {
        string?[] argv = [program, .. args, null];
        var actions = Marshal.AllocHGlobal(256);
        try
        {
            Check(posix_spawn_file_actions_init(actions));
            Check(posix_spawn_file_actions_addopen(actions, 1, "/dev/null", OWrOnly, 0));
            Check(posix_spawn_file_actions_addopen(actions, 2, "/dev/null", OWrOnly, 0));
            var clock = Stopwatch.StartNew();
            Check(posix_spawn(out var pid, program, actions, IntPtr.Zero, argv, Environ));
            if (waitpid(pid, out var status, 0) != pid)
            {
                throw new InvalidOperationException($"waitpid failed: errno {Marshal.GetLastPInvokeError()}");
            }
            var elapsed = clock.Elapsed.TotalMilliseconds;
            exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
            posix_spawn_file_actions_destroy(actions);
            return elapsed;
        }
        finally
        {
            Marshal.FreeHGlobal(actions);
        }
    }

    private static void Check(int result)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"posix_spawn failed: error {result}");
        }
    }

    [DllImport("libc", EntryPoint = "posix_spawn")]
    private static extern int posix_spawn(out int pid, string path, IntPtr fileActions, IntPtr attributes, string?[] argv, string?[] envp);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static extern int posix_spawn_file_actions_init(IntPtr actions);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_addopen")]
    private static extern int posix_spawn_file_actions_addopen(IntPtr actions, int fd, string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static extern int posix_spawn_file_actions_destroy(IntPtr actions);

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static extern int waitpid(int pid, out int status, int options);
}
