using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Strata.Application;

namespace Strata.Store;

/// <summary>The catalogue a decision was made on.</summary>
public sealed record CatalogStamp(string Name, string Version, string Digest);

/// <summary>
/// A kept decision: what was asked (<see cref="Input"/>), on which catalogue, what came out (the full JSON of
/// <c>strata recommend -o json</c>, the ADR and the HTML report as they were rendered then) and its summary.
/// </summary>
public sealed record StoredDecision(
    string Id,
    DateTimeOffset CreatedAt,
    string? Label,
    string Profile,
    string? Scenario,
    DecisionInput Input,
    CatalogStamp Catalog,
    DecisionSummary Summary,
    string ResultJson,
    string? Adr,
    string? Html)
{
    public string ProfileDigest => Input.ProfileDigest;

    public KeptDecision Kept => new(Id, Input, Summary, Catalog.Digest);
}

/// <summary>Which kept decisions to list: filters (null: any) and a page (newest first; <see cref="Cursor"/> is the previous page's next).</summary>
public sealed record DecisionQuery
{
    public string? Profile { get; init; }
    public string? Scenario { get; init; }
    public string? Label { get; init; }
    public DateTimeOffset? Since { get; init; }
    public string? Cursor { get; init; }
    public int Limit { get; init; } = 20;
}

/// <summary>One page of kept decisions and the cursor of the next (null on the last page).</summary>
public sealed record DecisionPage(ImmutableArray<StoredDecision> Items, string? Next);

/// <summary>A cursor or filter the store cannot use.</summary>
public sealed class StoreQueryException(string message) : Exception(message);

/// <summary>
/// Decision history in a SQLite file: WAL journal, <c>synchronous=FULL</c> (a decision whose insert returned survives a
/// crash or power loss), a schema version table and forward migrations applied in order at open. Safe to share
/// between threads: each call opens its own pooled connection.
/// </summary>
public sealed class DecisionStore : IDisposable
{
    /// <summary>The schema, one migration per version; never edit a released one, add the next.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE decisions (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          label TEXT,
          profile TEXT NOT NULL,
          scenario TEXT,
          profile_kind TEXT NOT NULL,
          profile_name TEXT NOT NULL,
          profile_text TEXT NOT NULL,
          profile_digest TEXT NOT NULL,
          catalog_name TEXT NOT NULL,
          catalog_version TEXT NOT NULL,
          catalog_digest TEXT NOT NULL,
          evidence TEXT NOT NULL,
          weights TEXT,
          host TEXT,
          robustness INTEGER NOT NULL,
          samples INTEGER NOT NULL,
          seed INTEGER NOT NULL,
          sample_weights INTEGER NOT NULL,
          top INTEGER NOT NULL,
          feasible INTEGER NOT NULL,
          winner TEXT,
          first_rank_probability REAL,
          decisive_facts TEXT NOT NULL,
          result_json TEXT NOT NULL,
          adr TEXT,
          html TEXT
        );
        CREATE INDEX decisions_profile ON decisions(profile);
        CREATE INDEX decisions_scenario ON decisions(scenario);
        CREATE INDEX decisions_label ON decisions(label);
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int SchemaVersion => Migrations.Length;

    private readonly string _connectionString;

    private DecisionStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The SQLite file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when missing) the store at <paramref name="path"/> and brings its schema up to <see cref="SchemaVersion"/>.</summary>
    public static DecisionStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var store = new DecisionStore(System.IO.Path.GetFullPath(path));
        store.Migrate();
        return store;
    }

    private SqliteConnection Connect()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var pragma = c.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        pragma.ExecuteNonQuery();
        return c;
    }

    private void Migrate()
    {
        using var c = Connect();
        using (var wal = c.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        using var tx = c.BeginTransaction();
        Exec(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        using var read = c.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT MAX(version) FROM schema_version";
        var version = read.ExecuteScalar() is long v ? (int)v : 0;
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"The store {Path} has schema version {version}; this Strata knows versions up to {SchemaVersion}. Use a newer Strata.");
        }
        for (var next = version; next < SchemaVersion; next++)
        {
            Exec(c, tx, Migrations[next]);
            Exec(c, tx, $"INSERT INTO schema_version (version) VALUES ({next + 1})");
        }
        tx.Commit();
    }

    private static void Exec(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>The schema version of the open file.</summary>
    public int Version()
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT MAX(version) FROM schema_version";
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>True when the file answers a query (for readiness checks).</summary>
    public bool Ping()
    {
        try
        {
            return Version() == SchemaVersion;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>How many decisions are kept.</summary>
    public long Count()
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM decisions";
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>A new decision id: 16 random hex digits (ids say nothing about order or count).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Keeps <paramref name="d"/>; returns once the row is durable.</summary>
    public void Add(StoredDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO decisions (id, created_at, label, profile, scenario, profile_kind, profile_name, profile_text, profile_digest,
              catalog_name, catalog_version, catalog_digest, evidence, weights, host, robustness, samples, seed, sample_weights, top,
              feasible, winner, first_rank_probability, decisive_facts, result_json, adr, html)
            VALUES ($id, $created, $label, $profile, $scenario, $kind, $pname, $ptext, $pdigest, $cname, $cversion, $cdigest, $evidence,
              $weights, $host, $robustness, $samples, $seed, $sw, $top, $feasible, $winner, $p, $facts, $result, $adr, $html)
            """;
        var i = d.Input;
        Param(cmd, "$id", d.Id);
        Param(cmd, "$created", d.CreatedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        Param(cmd, "$label", d.Label);
        Param(cmd, "$profile", d.Profile);
        Param(cmd, "$scenario", d.Scenario);
        Param(cmd, "$kind", i.ProfileKind);
        Param(cmd, "$pname", i.ProfileName);
        Param(cmd, "$ptext", i.ProfileText);
        Param(cmd, "$pdigest", i.ProfileDigest);
        Param(cmd, "$cname", d.Catalog.Name);
        Param(cmd, "$cversion", d.Catalog.Version);
        Param(cmd, "$cdigest", d.Catalog.Digest);
        Param(cmd, "$evidence", i.Evidence);
        Param(cmd, "$weights", i.Weights is { } w ? WriteMap(w, (j, k, v) => j.WriteNumber(k, v)) : null);
        Param(cmd, "$host", i.Host is { } h ? WriteMap(h, (j, k, v) => j.WriteBoolean(k, v)) : null);
        Param(cmd, "$robustness", i.Robustness ? 1 : 0);
        Param(cmd, "$samples", i.Samples);
        Param(cmd, "$seed", i.Seed);
        Param(cmd, "$sw", i.SampleWeights ? 1 : 0);
        Param(cmd, "$top", i.Top);
        Param(cmd, "$feasible", d.Summary.Feasible ? 1 : 0);
        Param(cmd, "$winner", d.Summary.Winner);
        Param(cmd, "$p", d.Summary.FirstRankProbability);
        Param(cmd, "$facts", WriteFacts(d.Summary.Facts));
        Param(cmd, "$result", d.ResultJson);
        Param(cmd, "$adr", d.Adr);
        Param(cmd, "$html", d.Html);
        cmd.ExecuteNonQuery();
    }

    private static void Param(SqliteCommand cmd, string name, object? value) => cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);

    private const string Columns = "seq, id, created_at, label, profile, scenario, profile_kind, profile_name, profile_text, catalog_name, catalog_version, catalog_digest, " +
        "evidence, weights, host, robustness, samples, seed, sample_weights, top, feasible, winner, first_rank_probability, decisive_facts, result_json, adr, html";

    /// <summary>The decision of that id, or null.</summary>
    public StoredDecision? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM decisions WHERE id = $id";
        Param(cmd, "$id", id);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r).Decision : null;
    }

    /// <summary>One page of decisions, newest first.</summary>
    public DecisionPage List(DecisionQuery q)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.Limit is < 1 or > 1000)
        {
            throw new StoreQueryException($"limit must be between 1 and 1000, not {q.Limit}");
        }
        long? before = null;
        if (q.Cursor is { } cursor)
        {
            before = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new StoreQueryException($"'{cursor}' is not a cursor this store gave (pass the previous page's 'next')");
        }
        using var c = Connect();
        using var cmd = c.CreateCommand();
        var where = new List<string>();
        if (before is { } b)
        {
            where.Add("seq < $before");
            Param(cmd, "$before", b);
        }
        if (q.Profile is { } p)
        {
            where.Add("profile = $profile");
            Param(cmd, "$profile", p);
        }
        if (q.Scenario is { } s)
        {
            where.Add("scenario = $scenario");
            Param(cmd, "$scenario", s);
        }
        if (q.Label is { } l)
        {
            where.Add("label = $label");
            Param(cmd, "$label", l);
        }
        if (q.Since is { } since)
        {
            where.Add("created_at >= $since");
            Param(cmd, "$since", since.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        }
        cmd.CommandText = $"SELECT {Columns} FROM decisions {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY seq DESC LIMIT $limit";
        Param(cmd, "$limit", q.Limit + 1);
        var items = new List<(long Seq, StoredDecision Decision)>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            items.Add(Read(r));
        }
        var more = items.Count > q.Limit;
        var page = items.Take(q.Limit).ToList();
        return new DecisionPage([.. page.Select(x => x.Decision)], more ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Every decision the filters select (no page), oldest first: what drift re-decides. Bounded by <paramref name="max"/>.</summary>
    public ImmutableArray<StoredDecision> All(DecisionQuery filters, int max = 10_000)
    {
        var result = new List<StoredDecision>();
        var q = filters with { Cursor = null, Limit = 500 };
        while (result.Count < max)
        {
            var page = List(q);
            result.AddRange(page.Items);
            if (page.Next is null)
            {
                break;
            }
            q = q with { Cursor = page.Next };
        }
        result.Reverse();
        return [.. result.Take(max)];
    }

    /// <summary><c>PRAGMA integrity_check</c>'s answer ("ok" when the file is sound).</summary>
    public string IntegrityCheck()
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        return (string)cmd.ExecuteScalar()!;
    }

    private static (long Seq, StoredDecision Decision) Read(SqliteDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var input = new DecisionInput(r.GetString(6), r.GetString(7), r.GetString(8))
        {
            Evidence = r.GetString(12),
            Weights = S(13) is { } w ? ReadMap(w, e => e.GetDouble()) : null,
            Host = S(14) is { } h ? ReadMap(h, e => e.GetBoolean()) : null,
            Robustness = r.GetInt64(15) != 0,
            Samples = r.GetInt32(16),
            Seed = r.GetInt32(17),
            SampleWeights = r.GetInt64(18) != 0,
            Top = r.GetInt32(19),
        };
        var summary = new DecisionSummary(r.GetInt64(20) != 0, S(21), r.IsDBNull(22) ? null : r.GetDouble(22), ReadFacts(r.GetString(23)));
        var decision = new StoredDecision(r.GetString(1), DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            S(3), r.GetString(4), S(5), input, new CatalogStamp(r.GetString(9), r.GetString(10), r.GetString(11)), summary, r.GetString(24), S(25), S(26));
        return (r.GetInt64(0), decision);
    }

    private static string WriteMap<T>(ImmutableSortedDictionary<string, T> map, Action<Utf8JsonWriter, string, T> write)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer))
        {
            j.WriteStartObject();
            foreach (var (k, v) in map)
            {
                write(j, k, v);
            }
            j.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static ImmutableSortedDictionary<string, T> ReadMap<T>(string json, Func<JsonElement, T> read)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToImmutableSortedDictionary(p => p.Name, p => read(p.Value), StringComparer.Ordinal);
    }

    private static string WriteFacts(ImmutableArray<KeptFact> facts)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer))
        {
            j.WriteStartArray();
            foreach (var f in facts)
            {
                j.WriteStartObject();
                j.WriteString("technology", f.Technology);
                j.WriteString("fact", f.Fact);
                if (f.Measures is { } m)
                {
                    j.WriteString("measures", m);
                }
                j.WriteString("value", f.Value);
                j.WriteString("used_for", f.UsedFor);
                j.WriteBoolean("flagged", f.Flagged);
                j.WriteString("provenance", f.Provenance);
                j.WriteEndObject();
            }
            j.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static ImmutableArray<KeptFact> ReadFacts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateArray().Select(e => new KeptFact(
            e.GetProperty("technology").GetString()!, e.GetProperty("fact").GetString()!,
            e.TryGetProperty("measures", out var m) ? m.GetString() : null, e.GetProperty("value").GetString()!,
            e.GetProperty("used_for").GetString()!, e.GetProperty("flagged").GetBoolean(), e.GetProperty("provenance").GetString()!))];
    }

    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
}
