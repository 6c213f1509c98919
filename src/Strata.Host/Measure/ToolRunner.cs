using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;

namespace Strata.Host.Measure;

/// <summary>
/// Measures the installed isolation tools: each runs /bin/true in a minimal busybox rootfs, N times
/// after a warm-up, each run under a timeout. Peak memory comes from a per-run cgroup (v1
/// memory.max_usage_in_bytes or v2 memory.peak) where this process may create one. Everything it
/// makes lives in one temporary directory (and one cgroup), removed afterwards, also on Ctrl-C.
/// </summary>
public sealed class ToolRunner : IDisposable
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(5);

    private readonly string _work = Path.Combine(Path.GetTempPath(), $"strata-measure-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
    private string? _cgroup;
    private bool _disposed;
    private volatile bool _cancelled;
    private Process? _current;

    /// <summary>True once Ctrl-C (SIGINT) stopped the measurement; the results so far are kept.</summary>
    public bool Cancelled => _cancelled;

    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public ToolRunner()
    {
        Directory.CreateDirectory(_work);
        Console.CancelKeyPress += OnCancel;
        AppDomain.CurrentDomain.ProcessExit += OnExit;
    }

    // Ctrl-C: stop launching runs, end the one in flight, and let the caller clean up and exit.
    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _cancelled = true;
        try
        {
            _current?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }

    private void OnExit(object? sender, EventArgs e) => Dispose();

    /// <summary>
    /// The tools in the order research/host-isolation.md lists them. Which catalogue technology a tool
    /// stands for is catalogue data (a technology's <c>tool:</c>), filled in by the caller.
    /// </summary>
    public static readonly ImmutableArray<(string Tool, string? Technology, string Label)> Known =
    [
        ("process", null, "plain process (/bin/true)"),
        ("unshare", null, "unshare, all namespaces"),
        ("bwrap", null, "bubblewrap --unshare-all"),
        ("crun", null, "crun run"),
        ("runc", null, "runc run"),
        ("runsc", null, "gVisor runsc run (ptrace)"),
        ("systemd-nspawn", null, "systemd-nspawn"),
        ("node-wasm", null, "Node's WebAssembly: instantiate a module (includes node's own start)"),
    ];

    public MeasureReport Run(IEnumerable<string> tools, int runs, string host, Action<string, int, int>? progress = null)
    {
        var results = ImmutableArray.CreateBuilder<ToolMeasurement>();
        var busybox = Processes.Which("busybox");
        string? rootfs = null, bundle = null;
        if (busybox is not null)
        {
            (rootfs, bundle) = Bundle(busybox);
        }
        foreach (var (tool, technology, label) in Known.Where(k => tools.Contains(k.Tool)))
        {
            if (_cancelled)
            {
                results.Add(new ToolMeasurement(tool, technology, label, null, 0, null, null, null, null, null, null, "not measured: interrupted"));
                continue;
            }
            var command = Command(tool, rootfs, bundle, out var reason);
            if (command is null)
            {
                results.Add(new ToolMeasurement(tool, technology, label, null, 0, null, null, null, null, null, null, reason));
                continue;
            }
            results.Add(Measure(tool, technology, label, command.Value, runs, progress));
        }
        return new MeasureReport(DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), host, runs, results.ToImmutable());
    }

    private ToolMeasurement Measure(string tool, string? technology, string label, (string File, string[] Args) command, int runs, Action<string, int, int>? progress)
    {
        // Wrapped tools (crun under unshare on hybrid cgroups) report their own version, not the wrapper's.
        var version = tool is "process" ? null : tool == "node-wasm" ? Processes.Version(command.File, VersionTimeout) : Processes.Version(Processes.Which(tool) ?? command.File, VersionTimeout);
        var times = new List<double>();
        string? error = null;
        for (var i = -2; i < runs && error is null; i++)
        {
            if (_cancelled)
            {
                error = "interrupted";
                break;
            }
            var (ok, ms, message) = Once(command, _ => { });
            if (!ok)
            {
                error = message;
                break;
            }
            if (i >= 0)
            {
                times.Add(ms);
                progress?.Invoke(tool, i + 1, runs);
            }
        }
        if (error is not null)
        {
            return new ToolMeasurement(tool, technology, label, version, times.Count, null, null, null, null, null, null, error);
        }
        var (peak, note) = PeakMemory(command);
        times.Sort();
        return new ToolMeasurement(tool, technology, label, version, times.Count, Percentile(times, 0.5), Percentile(times, 0.95), times[0], times[^1], peak, note, null);
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    /// <summary>One run under the timeout: wall time from start to exit, or why it failed.</summary>
    private (bool Ok, double Ms, string? Error) Once((string File, string[] Args) command, Action<ProcessStartInfo> adjust)
    {
        var psi = new ProcessStartInfo(command.File) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = _work };
        foreach (var a in command.Args)
        {
            psi.ArgumentList.Add(a.Replace("{ID}", $"strata-{Guid.NewGuid():N}"[..20], StringComparison.Ordinal));
        }
        adjust(psi);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        _current = p;
        p.StandardInput.Close();
        var stderr = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(RunTimeout))
        {
            p.Kill(entireProcessTree: true);
            return (false, 0, $"timed out after {RunTimeout.TotalSeconds:0} s");
        }
        sw.Stop();
        if (p.ExitCode != 0)
        {
            var text = stderr.Wait(TimeSpan.FromSeconds(2)) ? stderr.Result.Trim() : "";
            return (false, 0, $"exit code {p.ExitCode}: {(text.Length > 300 ? text[..300] + "…" : text)}");
        }
        return (true, sw.Elapsed.TotalMilliseconds, null);
    }

    /// <summary>Peak memory of three runs, each moved into its own cgroup by a shell before it execs the tool.</summary>
    private (double? MiB, string Note) PeakMemory((string File, string[] Args) command)
    {
        var (parent, version) = CgroupParent();
        if (parent is null)
        {
            return (null, "not measured: no writable memory cgroup");
        }
        var peaks = new List<double>();
        for (var i = 0; i < 3 && !_cancelled; i++)
        {
            var dir = Path.Combine(parent, $"run-{i}");
            try
            {
                Directory.CreateDirectory(dir);
                var script = $"echo $$ > '{dir}/cgroup.procs' && exec \"$@\"";
                var (ok, _, error) = Once(("/bin/sh", ["-c", script, "sh", command.File, .. command.Args]), _ => { });
                if (!ok)
                {
                    return (null, $"not measured: {error}");
                }
                var file = version == 1 ? "memory.max_usage_in_bytes" : "memory.peak";
                peaks.Add(long.Parse(File.ReadAllText(Path.Combine(dir, file)).Trim(), CultureInfo.InvariantCulture) / 1048576.0);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                return (null, $"not measured: {e.Message}");
            }
            finally
            {
                TryRemove(dir);
            }
        }
        if (peaks.Count < 3)
        {
            return (null, "not measured: interrupted");
        }
        peaks.Sort();
        return (peaks[1], version == 1 ? "cgroup v1 memory.max_usage_in_bytes, median of 3 runs" : "cgroup v2 memory.peak, median of 3 runs");
    }

    private (string? Path, int Version) CgroupParent()
    {
        if (_cgroup is not null)
        {
            return (_cgroup, File.Exists("/sys/fs/cgroup/cgroup.controllers") ? 2 : 1);
        }
        foreach (var (root, version) in new[] { ("/sys/fs/cgroup/memory", 1), ("/sys/fs/cgroup", 2) })
        {
            if (version == 2 && !File.Exists("/sys/fs/cgroup/cgroup.controllers"))
            {
                continue;
            }
            if (!Directory.Exists(root))
            {
                continue;
            }
            try
            {
                var dir = Path.Combine(root, $"strata-measure-{Environment.ProcessId}");
                Directory.CreateDirectory(dir);
                _cgroup = dir;
                return (dir, version);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
        }
        return (null, 0);
    }

    private (string File, string[] Args)? Command(string tool, string? rootfs, string? bundle, out string? reason)
    {
        var why = new List<string>();
        var result = Command(tool, rootfs, bundle, why);
        reason = why.FirstOrDefault();
        return result;
    }

    private (string File, string[] Args)? Command(string tool, string? rootfs, string? bundle, List<string> why)
    {
        string? Need(string name)
        {
            var path = Processes.Which(name);
            if (path is null)
            {
                why.Add($"not installed ({name} is not on PATH)");
            }
            return path;
        }
        bool NeedBundle()
        {
            if (bundle is null)
            {
                why.Add("needs busybox (busybox-static) to build the rootfs");
                return false;
            }
            return true;
        }
        var hybrid = !File.Exists("/sys/fs/cgroup/cgroup.controllers") && File.Exists("/sys/fs/cgroup/unified/cgroup.controllers");
        switch (tool)
        {
            case "process":
                return ("/bin/true", []);
            case "unshare":
                return Need("unshare") is { } unshare ? (unshare, ["-fmpunUi", "--mount-proc", "/bin/true"]) : null;
            case "bwrap":
                return Need("bwrap") is { } bwrap && NeedBundle()
                    ? (bwrap, ["--ro-bind", rootfs!, "/", "--proc", "/proc", "--dev", "/dev", "--unshare-all", "--die-with-parent", "/bin/true"]) : null;
            case "crun":
                if (Need("crun") is not { } crun || !NeedBundle())
                {
                    return null;
                }
                // On hybrid cgroups crun refuses ("drop all controllers from cgroupv2") unless the v2 mount is hidden (host-isolation.md).
                return hybrid
                    ? (Need("unshare")!, ["-m", "sh", "-c", $"umount /sys/fs/cgroup/unified 2>/dev/null; exec {crun} --root {_work}/crun-state run -b {bundle} {{ID}}"])
                    : (crun, ["--root", $"{_work}/crun-state", "run", "-b", bundle!, "{ID}"]);
            case "runc":
                return Need("runc") is { } runc && NeedBundle() ? (runc, ["--root", $"{_work}/runc-state", "run", "-b", bundle!, "{ID}"]) : null;
            case "runsc":
                return Need("runsc") is { } runsc && NeedBundle()
                    ? (runsc, ["--root", $"{_work}/runsc-state", "--network=none", "run", "-bundle", bundle!, "{ID}"]) : null;
            case "systemd-nspawn":
                return Need("systemd-nspawn") is { } nspawn && NeedBundle()
                    ? (nspawn, ["-q", "-D", rootfs!, "--register=no", "--keep-unit", "--pipe", "/bin/true"]) : null;
            case "node-wasm":
                // A 8-byte empty module: compile and instantiate with Node's built-in WebAssembly.
                return Need("node") is { } node ? (node, ["-e", "new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([0,97,115,109,1,0,0,0])))"]) : null;
            default:
                why.Add("unknown tool");
                return null;
        }
    }

    /// <summary>A busybox rootfs and an OCI bundle running /bin/true in it.</summary>
    private (string Rootfs, string Bundle) Bundle(string busybox)
    {
        var bundle = Path.Combine(_work, "bundle");
        var rootfs = Path.Combine(bundle, "rootfs");
        Directory.CreateDirectory(Path.Combine(rootfs, "bin"));
        foreach (var d in new[] { "proc", "dev", "sys", "tmp", "usr", "etc" })
        {
            Directory.CreateDirectory(Path.Combine(rootfs, d));
        }
        // systemd-nspawn refuses a tree without /usr and an os-release.
        File.WriteAllText(Path.Combine(rootfs, "etc", "os-release"), "ID=strata-measure\nNAME=\"busybox rootfs\"\n");
        File.Copy(busybox, Path.Combine(rootfs, "bin", "busybox"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(rootfs, "bin", "busybox"), (UnixFileMode)0b111_101_101);
        }
        foreach (var link in new[] { "sh", "true", "echo", "ls", "cat" })
        {
            File.CreateSymbolicLink(Path.Combine(rootfs, "bin", link), "busybox");
        }
        File.WriteAllText(Path.Combine(bundle, "config.json"), """
            {
              "ociVersion": "1.0.2",
              "process": { "terminal": false, "user": { "uid": 0, "gid": 0 }, "args": ["/bin/true"], "env": ["PATH=/bin"], "cwd": "/",
                "capabilities": { "bounding": [], "effective": [], "permitted": [] }, "noNewPrivileges": true },
              "root": { "path": "rootfs", "readonly": true },
              "hostname": "strata",
              "mounts": [ { "destination": "/proc", "type": "proc", "source": "proc" } ],
              "linux": { "namespaces": [ { "type": "pid" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }, { "type": "network" } ] }
            }
            """);
        return (rootfs, bundle);
    }

    private static void TryRemove(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir);
            }
        }
        catch (IOException)
        {
            // A cgroup still holding a zombie is removed with its parent below, or by the next run.
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Console.CancelKeyPress -= OnCancel;
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        if (_cgroup is not null)
        {
            foreach (var d in Directory.Exists(_cgroup) ? Directory.GetDirectories(_cgroup) : [])
            {
                TryRemove(d);
            }
            TryRemove(_cgroup);
        }
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a mount a tool left behind can keep a file busy; the directory is under /tmp.
        }
    }
}
