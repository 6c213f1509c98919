using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Data;
using System.Data.Common;
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

/// <summary>A store location that names no store this build can open (a malformed postgres:// URI, an empty path).</summary>
public sealed class StoreLocationException(string message) : Exception(message);

/// <summary>
/// Decision history: one schema, one set of queries, kept in SQLite (<see cref="SqliteDecisionStore"/>, the default) or
/// PostgreSQL (<see cref="PostgresDecisionStore"/>, for several servers sharing one history). A schema version table
/// and forward migrations are applied in order at open. Safe to share between threads: each call takes its own pooled
/// connection. A dialect says only what the two databases spell differently: how to connect, the column types of
/// the migrations and how a migration is kept from racing another process.
/// </summary>
public abstract class DecisionStore : IDisposable
{
    /// <summary>
    /// The schema, one migration per version; never edit a released one, add the next. Written once for both
    /// databases: <c>{serial}</c>, <c>{real}</c> and <c>{bytewise}</c> are the dialect's spelling of an ever-growing
    /// key, a double and a text column that compares byte by byte (the ISO 8601 times compare as text).
    /// </summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE decisions (
          seq {serial},
          id TEXT NOT NULL UNIQUE,
          created_at TEXT{bytewise} NOT NULL,
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
          first_rank_probability {real},
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

    /// <summary>True when <paramref name="location"/> names a PostgreSQL database (postgres:// or postgresql://) rather than a SQLite file.</summary>
    public static bool IsPostgres(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Opens the store at <paramref name="location"/>: a <c>postgres://</c> URI, else a SQLite file (created when
    /// missing); brings its schema up to <see cref="SchemaVersion"/>. Throws <see cref="StoreLocationException"/> for a
    /// location that names no store, <see cref="DbException"/> when the database refuses.
    /// </summary>
    public static DecisionStore Open(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        DecisionStore store = IsPostgres(location) ? new PostgresDecisionStore(location) : new SqliteDecisionStore(location);
        try
        {
            store.Migrate();
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    /// <summary>Where the store is, safe to print: the SQLite file's full path, or the PostgreSQL URI without its password.</summary>
    public abstract string Location { get; }

    /// <summary>An open connection with the session settings the store needs.</summary>
    protected abstract DbConnection Connect();

    /// <summary>The dialect's spelling of a migration's placeholders.</summary>
    protected abstract string Spell(string migration);

    /// <summary>Run first inside the migration transaction, so that two processes opening one store migrate it once.</summary>
    protected virtual void LockForMigration(DbConnection c, DbTransaction tx)
    {
    }

    /// <summary>Run once on a connection before migrating (outside any transaction).</summary>
    protected virtual void BeforeMigrate(DbConnection c)
    {
    }

    /// <summary>The dialect's migrations, as they run (for tests and for reading).</summary>
    public IEnumerable<string> SpelledMigrations => Migrations.Select(Spell);

    private void Migrate()
    {
        using var c = Connect();
        BeforeMigrate(c);
        using var tx = c.BeginTransaction();
        LockForMigration(c, tx);
        Exec(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        using var read = Command(c, "SELECT MAX(version) FROM schema_version");
        read.Transaction = tx;
        var version = read.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : 0;
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"The store {Location} has schema version {version}; this Strata knows versions up to {SchemaVersion}. Use a newer Strata.");
        }
        for (var next = version; next < SchemaVersion; next++)
        {
            Exec(c, tx, Spell(Migrations[next]));
            Exec(c, tx, $"INSERT INTO schema_version (version) VALUES ({next + 1})");
        }
        tx.Commit();
    }

    protected static void Exec(DbConnection c, DbTransaction? tx, string sql)
    {
        using var cmd = Command(c, sql);
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }

    protected static DbCommand Command(DbConnection c, string sql)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>The schema version of the open store.</summary>
    public int Version()
    {
        using var c = Connect();
        using var cmd = Command(c, "SELECT MAX(version) FROM schema_version");
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>True when the store answers a query (for readiness checks).</summary>
    public bool Ping()
    {
        try
        {
            return Version() == SchemaVersion;
        }
        catch (DbException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A pool that cannot hand out a connection (the server went away mid-way).
            return false;
        }
    }

    /// <summary>How many decisions are kept.</summary>
    public long Count()
    {
        using var c = Connect();
        using var cmd = Command(c, "SELECT COUNT(*) FROM decisions");
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>A new decision id: 16 random hex digits (ids say nothing about order or count).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>Keeps <paramref name="d"/>; returns once the row is durable (committed; SQLite's synchronous=FULL, PostgreSQL's synchronous_commit).</summary>
    public void Add(StoredDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        using var c = Connect();
        using var cmd = Command(c, """
            INSERT INTO decisions (id, created_at, label, profile, scenario, profile_kind, profile_name, profile_text, profile_digest,
              catalog_name, catalog_version, catalog_digest, evidence, weights, host, robustness, samples, seed, sample_weights, top,
              feasible, winner, first_rank_probability, decisive_facts, result_json, adr, html)
            VALUES (@id, @created, @label, @profile, @scenario, @kind, @pname, @ptext, @pdigest, @cname, @cversion, @cdigest, @evidence,
              @weights, @host, @robustness, @samples, @seed, @sw, @top, @feasible, @winner, @p, @facts, @result, @adr, @html)
            """);
        var i = d.Input;
        Param(cmd, "@id", d.Id);
        Param(cmd, "@created", d.CreatedAt.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture));
        Param(cmd, "@label", d.Label);
        Param(cmd, "@profile", d.Profile);
        Param(cmd, "@scenario", d.Scenario);
        Param(cmd, "@kind", i.ProfileKind);
        Param(cmd, "@pname", i.ProfileName);
        Param(cmd, "@ptext", i.ProfileText);
        Param(cmd, "@pdigest", i.ProfileDigest);
        Param(cmd, "@cname", d.Catalog.Name);
        Param(cmd, "@cversion", d.Catalog.Version);
        Param(cmd, "@cdigest", d.Catalog.Digest);
        Param(cmd, "@evidence", i.Evidence);
        Param(cmd, "@weights", i.Weights is { } w ? WriteMap(w, (j, k, v) => j.WriteNumber(k, v)) : null);
        Param(cmd, "@host", i.Host is { } h ? WriteMap(h, (j, k, v) => j.WriteBoolean(k, v)) : null);
        Param(cmd, "@robustness", i.Robustness ? 1 : 0);
        Param(cmd, "@samples", i.Samples);
        Param(cmd, "@seed", i.Seed);
        Param(cmd, "@sw", i.SampleWeights ? 1 : 0);
        Param(cmd, "@top", i.Top);
        Param(cmd, "@feasible", d.Summary.Feasible ? 1 : 0);
        Param(cmd, "@winner", d.Summary.Winner);
        Param(cmd, "@p", d.Summary.FirstRankProbability);
        Param(cmd, "@facts", WriteFacts(d.Summary.Facts));
        Param(cmd, "@result", d.ResultJson);
        Param(cmd, "@adr", d.Adr);
        Param(cmd, "@html", d.Html);
        cmd.ExecuteNonQuery();
    }

    /// <summary>A parameter of a text, whole-number or double value; a null one is typed (PostgreSQL infers nothing from a bare null).</summary>
    private static void Param(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        if (value is null)
        {
            // Both columns that can be null with a number (first_rank_probability) and with text take a typed null.
            p.DbType = name == "@p" ? DbType.Double : DbType.String;
        }
        cmd.Parameters.Add(p);
    }

    private const string Columns = "seq, id, created_at, label, profile, scenario, profile_kind, profile_name, profile_text, catalog_name, catalog_version, catalog_digest, " +
        "evidence, weights, host, robustness, samples, seed, sample_weights, top, feasible, winner, first_rank_probability, decisive_facts, result_json, adr, html";

    /// <summary>The decision of that id, or null.</summary>
    public StoredDecision? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var c = Connect();
        using var cmd = Command(c, $"SELECT {Columns} FROM decisions WHERE id = @id");
        Param(cmd, "@id", id);
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
            where.Add("seq < @before");
            Param(cmd, "@before", b);
        }
        if (q.Profile is { } p)
        {
            where.Add("profile = @profile");
            Param(cmd, "@profile", p);
        }
        if (q.Scenario is { } s)
        {
            where.Add("scenario = @scenario");
            Param(cmd, "@scenario", s);
        }
        if (q.Label is { } l)
        {
            where.Add("label = @label");
            Param(cmd, "@label", l);
        }
        if (q.Since is { } since)
        {
            where.Add("created_at >= @since");
            Param(cmd, "@since", since.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture));
        }
        cmd.CommandText = $"SELECT {Columns} FROM decisions {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY seq DESC LIMIT @limit";
        Param(cmd, "@limit", q.Limit + 1);
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
        ArgumentNullException.ThrowIfNull(filters);
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

    private static (long Seq, StoredDecision Decision) Read(DbDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        // Whole numbers as the database gives them (SQLite: always 64-bit; PostgreSQL: the column's width).
        long N(int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
        var input = new DecisionInput(r.GetString(6), r.GetString(7), r.GetString(8))
        {
            Evidence = r.GetString(12),
            Weights = S(13) is { } w ? ReadMap(w, e => e.GetDouble()) : null,
            Host = S(14) is { } h ? ReadMap(h, e => e.GetBoolean()) : null,
            Robustness = N(15) != 0,
            Samples = checked((int)N(16)),
            Seed = checked((int)N(17)),
            SampleWeights = N(18) != 0,
            Top = checked((int)N(19)),
        };
        var summary = new DecisionSummary(N(20) != 0, S(21), r.IsDBNull(22) ? null : r.GetDouble(22), ReadFacts(r.GetString(23)));
        var decision = new StoredDecision(r.GetString(1), DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            S(3), r.GetString(4), S(5), input, new CatalogStamp(r.GetString(9), r.GetString(10), r.GetString(11)), summary, r.GetString(24), S(25), S(26));
        return (N(0), decision);
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

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the store's pooled connections.</summary>
    protected abstract void Dispose(bool disposing);
}
