using System.Diagnostics;
using Npgsql;

namespace Strata.Server.Tests;

/// <summary>
/// Debian's PostgreSQL server binaries (package postgresql; test.sh installs it): the newest
/// /usr/lib/postgresql/N/bin that has initdb, pg_ctl and postgres, or STRATA_PG_BIN. Null when absent.
/// </summary>
public static class PostgresBinaries
{
    public static string? Dir { get; } = Find();

    public const string Missing = "PostgreSQL's server binaries (initdb, pg_ctl, postgres) are not installed: apt-get install postgresql (test.sh does), or set STRATA_PG_BIN";

    private static string? Find()
    {
        static bool Has(string d) => new[] { "initdb", "pg_ctl", "postgres" }.All(b => File.Exists(Path.Combine(d, b)));
        if (Environment.GetEnvironmentVariable("STRATA_PG_BIN") is { Length: > 0 } env)
        {
            return Has(env) ? env : null;
        }
        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(Has)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
    }
}

/// <summary>A test that needs a real PostgreSQL server; skipped, saying why, only when the binaries are absent.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresBinaries.Dir is null)
        {
            Skip = PostgresBinaries.Missing;
        }
    }
}

/// <summary>
/// A throwaway PostgreSQL cluster for one test run: initdb into a temporary directory (as the postgres user when the
/// tests run as root, since PostgreSQL refuses to run as root), started by pg_ctl listening on a Unix socket in that
/// directory only (no TCP port at all), trust authentication for its one role, and stopped and deleted at the end.
/// Each test takes a database of its own (<see cref="NewDatabase"/>).
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string? _dir;
    private readonly bool _started;

    public PostgresCluster()
    {
        if (PostgresBinaries.Dir is not { } bin)
        {
            return;
        }
        _dir = Path.Combine(Path.GetTempPath(), "strata-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dir);
        var data = Path.Combine(_dir, "data");
        if (Environment.UserName == "root")
        {
            Run("chown", ["postgres:postgres", _dir]);
        }
        PgTool(Path.Combine(bin, "initdb"), ["-D", data, "-U", "strata", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        // fsync stays on: the durability tests count on a commit being on disk when it returns.
        PgTool(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "120", "-o", $"-c listen_addresses='' -k {_dir} -c max_connections=200", "start"]);
        _started = true;
        AdminUri = Uri("postgres");
    }

    /// <summary>The URI of the cluster's default database.</summary>
    public string AdminUri { get; } = "";

    /// <summary>A postgres:// URI of <paramref name="database"/> on this cluster (over its socket).</summary>
    public string Uri(string database) => $"postgres://strata@localhost/{database}?host={_dir}";

    /// <summary>A new, empty database and its URI.</summary>
    public string NewDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        using var c = new NpgsqlConnection($"Host={_dir};Username=strata;Database=postgres;Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"CREATE DATABASE {name}";
        cmd.ExecuteNonQuery();
        return Uri(name);
    }

    /// <summary>Runs a PostgreSQL program as the user that owns the cluster.</summary>
    private static void PgTool(string program, string[] args)
    {
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", program, .. args]);
        }
        else
        {
            Run(program, args);
        }
    }

    private static void Run(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} did not finish in 3 minutes");
        }
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {p.ExitCode}: {output}{err.Result}");
        }
    }

    public void Dispose()
    {
        if (_dir is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        if (_started)
        {
            try
            {
                PgTool(Path.Combine(PostgresBinaries.Dir!, "pg_ctl"), ["-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "-t", "60", "stop"]);
            }
            catch (InvalidOperationException)
            {
                PgTool(Path.Combine(PostgresBinaries.Dir!, "pg_ctl"), ["-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "-t", "60", "stop"]);
            }
        }
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>;
