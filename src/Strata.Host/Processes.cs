using System.Diagnostics;

namespace Strata.Host;

/// <summary>Finding and running the host's programs, for the probe and for measurements alike.</summary>
public static class Processes
{
    /// <summary>The first file called <paramref name="name"/> on PATH (empty entries skipped), or null.</summary>
    public static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs a program with stdin closed and both outputs read (so a chatty program cannot block), killing
    /// it and its children after <paramref name="timeout"/>. Output is stdout then stderr; null when the
    /// program could not start, or was killed and its output could not be collected.
    /// </summary>
    public static (bool Exited, string? Output) Run(string path, IEnumerable<string> args, TimeSpan timeout)
    {
        try
        {
            var psi = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }
            using var p = Process.Start(psi)!;
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                // What the process printed before it was killed still tells how far it got.
                return (false, Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(2)) ? stdout.Result + stderr.Result : null);
            }
            return (true, stdout.Result + stderr.Result);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return (false, null);
        }
    }

    /// <summary>The first non-empty line a program prints for --version, or null.</summary>
    public static string? Version(string path, TimeSpan timeout) =>
        Run(path, ["--version"], timeout).Output?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
}
