using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Strata.Store;

/// <summary>
/// The decision history in a PostgreSQL database, for several <c>strata serve</c> replicas that share one history.
/// The same schema and queries as SQLite; a commit returns once PostgreSQL has made it durable (the server's
/// <c>synchronous_commit</c>, on by default). Migrations take a transaction-scoped advisory lock, so replicas that
/// start together migrate once.
/// </summary>
public sealed class PostgresDecisionStore : DecisionStore
{
    /// <summary>The advisory lock key of Strata's migrations (any fixed number; "STRATA" in ASCII).</summary>
    private const long MigrationLock = 0x535452415441;

    private readonly NpgsqlDataSource _source;

    internal PostgresDecisionStore(string uri)
    {
        var (builder, redacted) = PostgresUri.Parse(uri);
        Location = redacted;
        // The slim builder: only the basic types this store uses, and no reflection (Native AOT clean).
        _source = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).Build();
    }

    public override string Location { get; }

    protected override DbConnection Connect() => _source.OpenConnection();

    protected override string Spell(string migration) => migration
        .Replace("{serial}", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", StringComparison.Ordinal)
        .Replace("{real}", "DOUBLE PRECISION", StringComparison.Ordinal)
        .Replace("{bytewise}", " COLLATE \"C\"", StringComparison.Ordinal);

    protected override void LockForMigration(DbConnection c, DbTransaction tx) =>
        Exec(c, tx, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({MigrationLock})"));

    protected override void Dispose(bool disposing) => _source.Dispose();
}

/// <summary>
/// A <c>postgres://</c> (or <c>postgresql://</c>) URI as libpq writes them —
/// <c>postgres://user:password@host:port/database?sslmode=require</c> — turned into an Npgsql connection string.
/// A Unix socket directory goes in <c>?host=/run/postgresql</c> or percent-encoded as the host.
/// </summary>
public static class PostgresUri
{
    private static readonly string[] Known = ["host", "port", "user", "password", "dbname", "sslmode", "application_name", "connect_timeout"];

    /// <summary>The connection settings and the URI without its password; <see cref="StoreLocationException"/> when it is no such URI.</summary>
    public static (NpgsqlConnectionStringBuilder Builder, string Redacted) Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0 || !DecisionStore.IsPostgres(uri))
        {
            throw Bad(uri, "it must start with postgres:// or postgresql://");
        }
        var rest = uri[(scheme + 3)..];
        var query = "";
        if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }
        var path = "";
        if (rest.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0)
        {
            path = rest[(slash + 1)..];
            rest = rest[..slash];
        }
        string? user = null, password = null;
        if (rest.LastIndexOf('@') is var at and >= 0)
        {
            var info = rest[..at];
            rest = rest[(at + 1)..];
            var colon = info.IndexOf(':', StringComparison.Ordinal);
            user = Decode(uri, colon >= 0 ? info[..colon] : info);
            password = colon >= 0 ? Decode(uri, info[(colon + 1)..]) : null;
        }
        string host = rest, port = "";
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Bad(uri, "an IPv6 host opened with '[' is not closed with ']'");
            }
            host = rest[1..close];
            port = rest[(close + 1)..].StartsWith(':') ? rest[(close + 2)..] : "";
        }
        else if (rest.LastIndexOf(':') is var c and >= 0)
        {
            host = rest[..c];
            port = rest[(c + 1)..];
        }
        var b = new NpgsqlConnectionStringBuilder { Host = host.Length > 0 ? Decode(uri, host) : "localhost", Database = path.Length > 0 ? Decode(uri, path) : null };
        if (user is { Length: > 0 })
        {
            b.Username = user;
        }
        if (password is not null)
        {
            b.Password = password;
        }
        if (port.Length > 0)
        {
            b.Port = Port(uri, port);
        }
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(uri, eq >= 0 ? pair[..eq] : pair);
            var value = eq >= 0 ? Decode(uri, pair[(eq + 1)..]) : "";
            switch (key)
            {
                case "host": b.Host = value; break;
                case "port": b.Port = Port(uri, value); break;
                case "user": b.Username = value; break;
                case "password": b.Password = value; break;
                case "dbname": b.Database = value; break;
                case "application_name": b.ApplicationName = value; break;
                case "connect_timeout":
                    b.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 1024
                        ? t : throw Bad(uri, $"connect_timeout must be a number of seconds from 0 to 1024, not '{value}'");
                    break;
                case "sslmode":
                    b.SslMode = value switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw Bad(uri, $"sslmode must be disable, allow, prefer, require, verify-ca or verify-full, not '{value}'"),
                    };
                    break;
                default:
                    throw Bad(uri, $"'{key}' is not a parameter Strata reads; it reads {string.Join(", ", Known)}");
            }
        }
        b.Database ??= b.Username ?? "postgres";
        return (b, Redact(uri));
    }

    private static int Port(string uri, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p : throw Bad(uri, $"the port must be a number from 1 to 65535, not '{text}'");

    private static string Decode(string uri, string text)
    {
        try
        {
            var bytes = new List<byte>();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '%')
                {
                    bytes.Add(i + 2 < text.Length ? byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) : throw new FormatException());
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
                }
            }
            return new UTF8Encoding(false, true).GetString([.. bytes]);
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw Bad(uri, $"'{text}' has a broken percent escape");
        }
    }

    /// <summary>The URI with its password (in the user part or the query) replaced by ***.</summary>
    public static string Redact(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var s = uri;
        if (scheme >= 0)
        {
            var authorityEnd = s.IndexOfAny(['/', '?'], scheme + 3) is var e and >= 0 ? e : s.Length;
            var at = s.LastIndexOf('@', authorityEnd - 1, authorityEnd - scheme - 3 > 0 ? authorityEnd - scheme - 3 : 0);
            var colon = at > 0 ? s.IndexOf(':', scheme + 3, at - scheme - 3) : -1;
            if (colon >= 0)
            {
                s = s[..(colon + 1)] + "***" + s[at..];
            }
        }
        var pw = s.IndexOf("password=", StringComparison.Ordinal);
        if (pw >= 0 && (s[pw - 1] is '?' or '&'))
        {
            var end = s.IndexOf('&', pw) is var amp and >= 0 ? amp : s.Length;
            s = s[..(pw + 9)] + "***" + s[end..];
        }
        return s;
    }

    private static StoreLocationException Bad(string uri, string why) => new($"'{Redact(uri)}' is not a PostgreSQL URI Strata can use: {why}");
}
