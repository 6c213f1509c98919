using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Strata.Server.Tests;

/// <summary>
/// <c>strata serve</c> as a process of its own on 127.0.0.1 (a port the system picks), so that a test can kill it:
/// the published binary of STRATA_BINARY when test.sh made one, else the CLI built beside these tests, run with dotnet.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int Id => _process.Id;

    public bool Exited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the server wrote on standard error so far (kept for failure messages).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    private readonly System.Text.StringBuilder _errors = new();

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public static async Task<ServerProcess> Start(string store, params string[] extra)
    {
        var binary = Environment.GetEnvironmentVariable("STRATA_BINARY") is { Length: > 0 } b && File.Exists(b) ? b : null;
        var start = new ProcessStartInfo(binary ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (binary is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "strata.dll"));
        }
        foreach (var a in (string[])["serve", "--urls", "http://127.0.0.1:0", "--store", store, .. extra])
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        ServerProcess? server = null;
        var early = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Listening().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            var sink = server?._errors ?? early;
            lock (sink)
            {
                sink.AppendLine(e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"strata serve exited {process.ExitCode} before listening: {early}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
            server = new ServerProcess(process, url);
            lock (early)
            {
                server._errors.Append(early);
            }
            return server;
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            process.Dispose();
            throw;
        }
    }

    /// <summary>Resident memory now (VmRSS), in KiB.</summary>
    public long RssKiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no closing of the store.</summary>
    public void Kill9()
    {
        _process.Kill();
        _process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, then waits (bounded) for the clean stop; true when it exited in time.</summary>
    public bool Terminate()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit(TimeSpan.FromSeconds(30));
        }
        return _process.WaitForExit(TimeSpan.FromSeconds(60));
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
