using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Strata.Store;

/// <summary>
/// The decision history in a SQLite file: WAL journal, <c>synchronous=FULL</c> (a decision whose insert returned
/// survives a crash or power loss), a busy timeout so that writers queue instead of failing.
/// </summary>
public sealed class SqliteDecisionStore : DecisionStore
{
    private readonly string _connectionString;

    internal SqliteDecisionStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The SQLite file.</summary>
    public string Path { get; }

    public override string Location => Path;

    protected override DbConnection Connect()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        Exec(c, null, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
        return c;
    }

    protected override string Spell(string migration) => migration
        .Replace("{serial}", "INTEGER PRIMARY KEY AUTOINCREMENT", StringComparison.Ordinal)
        .Replace("{real}", "REAL", StringComparison.Ordinal)
        .Replace("{bytewise}", "", StringComparison.Ordinal); // SQLite compares text byte by byte (BINARY) unless told otherwise.

    protected override void BeforeMigrate(DbConnection c) => Exec(c, null, "PRAGMA journal_mode=WAL;");

    /// <summary><c>PRAGMA integrity_check</c>'s answer ("ok" when the file is sound).</summary>
    public string IntegrityCheck()
    {
        using var c = Connect();
        using var cmd = Command(c, "PRAGMA integrity_check");
        return (string)cmd.ExecuteScalar()!;
    }

    protected override void Dispose(bool disposing) => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
}
