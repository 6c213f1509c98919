using System.Collections.Immutable;
using System.Net;
using Npgsql;
using Strata.Application;
using Strata.Application.Requests;
using Strata.Store;

namespace Strata.Server.Tests;

/// <summary>
/// One contract, two databases: what a store keeps and how it lists it, the same on SQLite and on a real PostgreSQL
/// (a throwaway cluster of this test run, <see cref="PostgresCluster"/>).
/// </summary>
[Collection("postgres")]
public class StoreTests(PostgresCluster cluster)
{
    private static readonly Lazy<ImmutableArray<(DecisionInput Input, Application.Results.DecisionReport Report)>> Reports = new(() =>
    {
        var app = new StrataApplication();
        return [.. new[] { "edge", "serverless" }.Select(p =>
        {
            var input = new DecisionInput(DecisionInput.ScenarioKind, p, p) { Robustness = p == "edge", Samples = 200, Weights = p == "edge" ? ImmutableSortedDictionary<string, double>.Empty.Add("startup", 3) : null };
            return (input, app.Report(input.ToRequest(CatalogLocation.Bundled)).Value!);
        })];
    });

    /// <summary>Five decisions a second apart, alternating profiles and labels (one of them with text that needs care).</summary>
    private static List<StoredDecision> Decisions()
    {
        var t0 = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, 5).Select(i =>
        {
            var (input, report) = Reports.Value[i % 2];
            return DecisionRecords.Make(DecisionStore.NewId(), input, report, i == 4 ? "é ✓ 'quoted' \"label\" <b>" : i % 2 == 0 ? "a" : null, t0.AddSeconds(i));
        })];
    }

    private static void Contract(Func<DecisionStore> open)
    {
        var decisions = Decisions();
        using (var store = open())
        {
            store.Version().ShouldBe(DecisionStore.SchemaVersion);
            store.Ping().ShouldBeTrue();
            store.Count().ShouldBe(0);
            foreach (var d in decisions)
            {
                store.Add(d);
            }
            store.Count().ShouldBe(5);
        }
        // Opened again (migrations find the schema current and do nothing), every field comes back as it went in.
        using var again = open();
        again.Version().ShouldBe(DecisionStore.SchemaVersion);
        foreach (var d in decisions)
        {
            var got = again.Get(d.Id).ShouldNotBeNull();
            got.CreatedAt.ShouldBe(d.CreatedAt);
            got.Label.ShouldBe(d.Label);
            (got.Profile, got.Scenario, got.Catalog).ShouldBe((d.Profile, d.Scenario, d.Catalog));
            (got.ResultJson, got.Adr, got.Html).ShouldBe((d.ResultJson, d.Adr, d.Html));
            (got.Input.ProfileKind, got.Input.ProfileText, got.ProfileDigest, got.Input.Evidence).ShouldBe((d.Input.ProfileKind, d.Input.ProfileText, d.ProfileDigest, d.Input.Evidence));
            (got.Input.Robustness, got.Input.Samples, got.Input.Seed, got.Input.SampleWeights, got.Input.Top).ShouldBe((d.Input.Robustness, d.Input.Samples, d.Input.Seed, d.Input.SampleWeights, d.Input.Top));
            (got.Input.Weights?.ToArray() ?? []).ShouldBe(d.Input.Weights?.ToArray() ?? []);
            (got.Summary.Feasible, got.Summary.Winner, got.Summary.FirstRankProbability).ShouldBe((d.Summary.Feasible, d.Summary.Winner, d.Summary.FirstRankProbability));
            got.Summary.Facts.ToArray().ShouldBe(d.Summary.Facts.ToArray());
            got.Summary.Facts.Length.ShouldBeGreaterThan(0);
        }
        again.Get("0000000000000000").ShouldBeNull();

        // Pages of two, newest first, every decision once; then each filter.
        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 10; page++)
        {
            var p = again.List(new DecisionQuery { Limit = 2, Cursor = cursor });
            seen.AddRange(p.Items.Select(x => x.Id));
            if ((cursor = p.Next) is null)
            {
                break;
            }
        }
        seen.ShouldBe(decisions.Select(d => d.Id).Reverse());
        again.List(new DecisionQuery { Profile = "serverless" }).Items.Select(x => x.Id).ShouldBe([decisions[3].Id, decisions[1].Id]);
        again.List(new DecisionQuery { Label = "a" }).Items.Select(x => x.Id).ShouldBe([decisions[2].Id, decisions[0].Id]);
        again.List(new DecisionQuery { Label = decisions[4].Label }).Items.Single().Id.ShouldBe(decisions[4].Id);
        again.List(new DecisionQuery { Since = decisions[3].CreatedAt }).Items.Select(x => x.Id).ShouldBe([decisions[4].Id, decisions[3].Id]);
        again.List(new DecisionQuery { Scenario = "edge", Label = "a" }).Items.Select(x => x.Scenario).ShouldAllBe(s => s == "edge");
        again.All(new DecisionQuery()).Select(x => x.Id).ShouldBe(decisions.Select(d => d.Id));
        Should.Throw<StoreQueryException>(() => again.List(new DecisionQuery { Cursor = "x" }));
        Should.Throw<StoreQueryException>(() => again.List(new DecisionQuery { Limit = 0 }));
    }

    [Fact]
    public void Sqlite_KeepsListsAndReopens()
    {
        var dir = Directory.CreateTempSubdirectory("strata-store-");
        try
        {
            var path = Path.Combine(dir.FullName, "h.db");
            Contract(() => DecisionStore.Open(path));
            using var s = (SqliteDecisionStore)DecisionStore.Open(path);
            s.IntegrityCheck().ShouldBe("ok");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [PostgresFact]
    public void Postgres_KeepsListsAndReopens_AsSqliteDoes()
    {
        var uri = cluster.NewDatabase();
        Contract(() => DecisionStore.Open(uri));
        using var s = DecisionStore.Open(uri);
        s.ShouldBeOfType<PostgresDecisionStore>();
        s.Location.ShouldBe(uri);
    }

    [PostgresFact]
    public void Postgres_ReplicasOpeningTogether_MigrateOnceAndShareOneHistory()
    {
        var uri = cluster.NewDatabase();
        var stores = new DecisionStore[4];
        Parallel.For(0, stores.Length, i => stores[i] = DecisionStore.Open(uri));
        try
        {
            using (var c = new NpgsqlConnection(PostgresUri.Parse(uri).Builder.ConnectionString))
            {
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT COUNT(*) FROM schema_version";
                ((long)cmd.ExecuteScalar()!).ShouldBe(DecisionStore.SchemaVersion);
            }
            var decisions = Decisions();
            Parallel.For(0, decisions.Count, i => stores[i % stores.Length].Add(decisions[i]));
            foreach (var s in stores)
            {
                s.Count().ShouldBe(decisions.Count);
                s.Get(decisions[^1].Id)!.Label.ShouldBe(decisions[^1].Label);
            }
        }
        finally
        {
            foreach (var s in stores)
            {
                s?.Dispose();
            }
        }
    }

    [PostgresFact]
    public async Task Postgres_ServerKeepsAndServesDecisions()
    {
        var uri = cluster.NewDatabase();
        await using var s = await TestServer.Start(new ServerOptions { StorePath = uri });
        s.Store.ShouldBeOfType<PostgresDecisionStore>();
        (await s.Client.GetAsync("/readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = await s.Post("/v1/decisions", """{"profile":"edge","robustness":false,"label":"pg"}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = created.Headers.GetValues("X-Strata-Decision").Single();
        (await s.Client.GetAsync(created.Headers.Location)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await s.Client.GetStringAsync("/v1/decisions?label=pg")).ShouldContain(id);
        (await s.Client.GetAsync($"/v1/decisions/{id}/adr")).Content.Headers.ContentType!.MediaType.ShouldBe("text/markdown");
        var drift = await s.Client.GetStringAsync("/v1/drift");
        drift.ShouldContain("\"drifted\": false");
    }

    [PostgresFact]
    public async Task Postgres_DatabaseGone_503StoreUnavailableNot500()
    {
        var uri = cluster.NewDatabase();
        await using var s = await TestServer.Start(new ServerOptions { StorePath = uri });
        (await s.Post("/v1/decisions", """{"profile":"serverless","robustness":false}""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var name = PostgresUri.Parse(uri).Builder.Database!;
        using (var c = new NpgsqlConnection(PostgresUri.Parse(cluster.AdminUri).Builder.ConnectionString + ";Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"DROP DATABASE {name} WITH (FORCE)";
            cmd.ExecuteNonQuery();
        }
        var p = await ApiTests.Problem(await s.Post("/v1/decisions", """{"profile":"serverless","robustness":false}"""), 503);
        p.GetProperty("code").GetString().ShouldBe("store-unavailable");
        await ApiTests.Problem(await s.Client.GetAsync("/v1/decisions"), 503);
        await ApiTests.Problem(await s.Client.GetAsync("/readyz"), 503);
        (await s.Client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [PostgresFact]
    public void Postgres_CliRecordsListsAndDrifts()
    {
        var uri = cluster.NewDatabase();
        string Run(int expected, params string[] args)
        {
            var o = new StringWriter { NewLine = "\n" };
            var e = new StringWriter { NewLine = "\n" };
            Strata.Cli.StrataApp.Run(args, new Strata.Cli.CliEnvironment(o, e, false, 120)).ShouldBe(expected, e.ToString());
            return o.ToString() + e.ToString();
        }
        var json = Run(0, "recommend", "serverless", "-o", "json", "--no-robustness", "--store", uri);
        using var store = DecisionStore.Open(uri);
        var id = store.List(new DecisionQuery()).Items.Single().Id;
        Run(0, "history", "list", "--store", uri).ShouldContain(id);
        Run(0, "history", "show", id, "--store", uri).ShouldBe(json[..json.IndexOf("strata: kept", StringComparison.Ordinal)]);
        Run(0, "drift", "--store", uri).ShouldContain("0 drifted");
    }

    [Fact]
    public void Cli_ReportStore_KeepsTheDecisionItWroteDown()
    {
        var dir = Directory.CreateTempSubdirectory("strata-report-");
        try
        {
            var db = Path.Combine(dir.FullName, "h.db");
            var o = new StringWriter { NewLine = "\n" };
            var e = new StringWriter { NewLine = "\n" };
            Strata.Cli.StrataApp.Run(["report", "serverless", "--format", "json", "--store", db], new Strata.Cli.CliEnvironment(o, e, false, 120)).ShouldBe(0, e.ToString());
            e.ToString().ShouldContain("kept as decision");
            using var store = DecisionStore.Open(db);
            var kept = store.List(new DecisionQuery()).Items.Single();
            (kept.Input.ProfileKind, kept.Input.ProfileText, kept.Input.Top, kept.Input.Robustness).ShouldBe((DecisionInput.ScenarioKind, "serverless", 10, true));
            using var written = System.Text.Json.JsonDocument.Parse(o.ToString());
            using var json = System.Text.Json.JsonDocument.Parse(kept.ResultJson);
            json.RootElement.GetProperty("ranking")[0].GetRawText().ShouldBe(written.RootElement.GetProperty("ranking")[0].GetRawText());
            kept.Adr.ShouldNotBeNull();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Cli_UnusableStoreLocations_Exit2WithTheReason()
    {
        var e = new StringWriter();
        Strata.Cli.StrataApp.Run(["history", "list", "--store", "postgres://u:secret@localhost:99999/x"], new Strata.Cli.CliEnvironment(new StringWriter(), e, false, 120)).ShouldBe(2);
        e.ToString().ShouldContain("port must be a number from 1 to 65535");
        e.ToString().ShouldNotContain("secret");
        e = new StringWriter();
        Strata.Cli.StrataApp.Run(["serve", "--store", "postgres://localhost/x?frobnicate=1"], new Strata.Cli.CliEnvironment(new StringWriter(), e, false, 120)).ShouldBe(2);
        e.ToString().ShouldContain("'frobnicate' is not a parameter");
    }

    [Theory]
    [InlineData("postgres://alice:s%40cret@db.example:6543/hist?sslmode=require&application_name=strata", "db.example", 6543, "alice", "s@cret", "hist", "postgres://alice:***@db.example:6543/hist?sslmode=require&application_name=strata")]
    [InlineData("postgresql://localhost/strata", "localhost", 5432, null, null, "strata", "postgresql://localhost/strata")]
    [InlineData("postgres://bob@/?host=/run/postgresql&dbname=d", "/run/postgresql", 5432, "bob", null, "d", "postgres://bob@/?host=/run/postgresql&dbname=d")]
    [InlineData("postgres://%2Ftmp%2Fpg/x?password=pw&user=u", "/tmp/pg", 5432, "u", "pw", "x", "postgres://%2Ftmp%2Fpg/x?password=***&user=u")]
    [InlineData("postgres://u@[::1]:7000/db", "::1", 7000, "u", null, "db", "postgres://u@[::1]:7000/db")]
    public void PostgresUri_LibpqForms_Parse(string uri, string host, int port, string? user, string? password, string db, string redacted)
    {
        var (b, r) = PostgresUri.Parse(uri);
        (b.Host, b.Port, b.Username, b.Password, b.Database).ShouldBe((host, port, user, password, db));
        r.ShouldBe(redacted);
    }

    [Theory]
    [InlineData("postgres://h:0/d", "port must be")]
    [InlineData("postgres://h/d?sslmode=sometimes", "sslmode must be")]
    [InlineData("postgres://h/d?connect_timeout=-1", "connect_timeout must be")]
    [InlineData("postgres://h/%zz", "broken percent escape")]
    [InlineData("postgres://[::1/d", "not closed")]
    public void PostgresUri_Broken_SaysWhatIsWrong(string uri, string message) =>
        Should.Throw<StoreLocationException>(() => PostgresUri.Parse(uri)).Message.ShouldContain(message);
}
