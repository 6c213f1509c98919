using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Strata.Store;
using Xunit.Abstractions;

namespace Strata.Server.Tests;

/// <summary>
/// Faults of the whole process: <c>kill -9</c> of <c>strata serve</c> while clients are writing decisions (the store
/// opens cleanly after each kill and holds every decision whose 201 a client got), and a soak of mixed traffic (no
/// errors; resident memory and latency reported, never asserted). Rounds and length are parameters:
/// STRATA_KILL_ROUNDS (default 5 for SQLite, a fifth of it but at least 2 for PostgreSQL), STRATA_SOAK_SECONDS (default 10)
/// and STRATA_SOAK_RATE (requests a second, default 8). The suite runs each fault for real, a few times; the issue's
/// 50 and 10 kill rounds and its 10-minute soak are bench/serve-faults.sh's, which sets these.
/// </summary>
[Collection("postgres")]
public class DurabilityTests(PostgresCluster cluster, ITestOutputHelper output)
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    /// <summary>Kill rounds on SQLite in the suite: each round is a server start, a first decision and a kill, a few seconds here.</summary>
    private const int DefaultKillRounds = 5;

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task KillNine_Sqlite_EveryAcknowledgedDecisionSurvivesAndTheFileIsSound()
    {
        var dir = Directory.CreateTempSubdirectory("strata-kill-");
        try
        {
            var path = Path.Combine(dir.FullName, "kill.db");
            await KillRounds(path, Setting("STRATA_KILL_ROUNDS", DefaultKillRounds), store =>
            {
                ((SqliteDecisionStore)store).IntegrityCheck().ShouldBe("ok");
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [PostgresFact]
    public async Task KillNine_Postgres_EveryAcknowledgedDecisionSurvives() =>
        await KillRounds(cluster.NewDatabase(), Math.Max(2, Setting("STRATA_KILL_ROUNDS", DefaultKillRounds) / 5), _ => Npgsql.NpgsqlConnection.ClearAllPools());

    /// <summary>
    /// Each round: start the server, two clients post decisions until it dies, kill -9 it at a seeded random moment
    /// after the round's first 201, then open the store here and find every acknowledged decision in it.
    /// </summary>
    private async Task KillRounds(string store, int rounds, Action<DecisionStore> check)
    {
        var acked = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(20261203);
        var watch = Stopwatch.StartNew();
        var killedWhileWriting = 0;
        var unavailable = 0;
        for (var round = 0; round < rounds; round++)
        {
            await using var server = await ServerProcess.Start(store);
            using var client = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };
            (await client.GetAsync("/readyz")).StatusCode.ShouldBe(HttpStatusCode.OK, $"round {round}: the store did not open cleanly: {server.Errors}");
            var roundAcked = 0;
            var inFlight = 0;
            async Task Write(int writer)
            {
                // Bounded: at most 400 posts per writer per round; a refused or reset connection ends it (the kill).
                for (var i = 0; i < 400; i++)
                {
                    Interlocked.Increment(ref inFlight);
                    try
                    {
                        using var response = await client.PostAsync("/v1/decisions", Body($$"""{"profile":"serverless","robustness":false,"label":"round-{{round}}-{{writer}}"}"""));
                        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && (await response.Content.ReadAsStringAsync()).Contains("store-unavailable", StringComparison.Ordinal))
                        {
                            // The store did not answer in time (a loaded disk): not acknowledged, so nothing is owed.
                            Interlocked.Increment(ref unavailable);
                            continue;
                        }
                        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"round {round}: {await response.Content.ReadAsStringAsync()}\nserver log:\n{server.Errors}");
                        var id = response.Headers.GetValues("X-Strata-Decision").Single();
                        lock (acked)
                        {
                            acked.Add(id);
                        }
                        Interlocked.Increment(ref roundAcked);
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }
            }
            var writers = Enumerable.Range(0, 2).Select(Write).ToArray();
            for (var wait = 0; wait < 1200 && Volatile.Read(ref roundAcked) == 0 && !writers.All(w => w.IsCompleted); wait++)
            {
                await Task.Delay(50);
            }
            Volatile.Read(ref roundAcked).ShouldBeGreaterThan(0, $"round {round}: no decision was acknowledged: {server.Errors}");
            await Task.Delay(random.Next(0, 300));
            if (Volatile.Read(ref inFlight) > 0)
            {
                killedWhileWriting++;
            }
            server.Kill9();
            await Task.WhenAll(writers);
            using var reopened = DecisionStore.Open(store);
            reopened.Version().ShouldBe(DecisionStore.SchemaVersion);
            var kept = reopened.All(new DecisionQuery(), max: 1_000_000).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            acked.Where(id => !kept.Contains(id)).ShouldBeEmpty($"round {round}: acknowledged decisions missing after kill -9");
            check(reopened);
        }
        // And once more: the server starts on the store the last kill left, answers, and stops cleanly on SIGTERM.
        await using (var last = await ServerProcess.Start(store))
        {
            using var client = new HttpClient { BaseAddress = last.Url };
            (await client.GetAsync("/readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);
            last.Terminate().ShouldBeTrue("strata serve did not stop on SIGTERM");
            last.ExitCode.ShouldBe(0, last.Errors);
        }
        output.WriteLine($"{rounds} kill -9 rounds on {(DecisionStore.IsPostgres(store) ? "PostgreSQL" : "SQLite")}: {acked.Count} acknowledged decisions, all kept; " +
            $"{killedWhileWriting} kills with a request in flight; {unavailable} answered 503 store-unavailable; {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Soak_MixedTraffic_NoErrors_ReportsMemoryAndLatency()
    {
        var seconds = Setting("STRATA_SOAK_SECONDS", 10);
        var rate = Setting("STRATA_SOAK_RATE", 8);
        var dir = Directory.CreateTempSubdirectory("strata-soak-");
        try
        {
            await using var server = await ServerProcess.Start(Path.Combine(dir.FullName, "soak.db"), "--max-evaluations", "64", "--time-limit", "120");
            using var client = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromMinutes(2) };
            var edge = File.ReadAllText(Path.Combine(Strata.TestSupport.RepoPaths.Root, "examples", "edge.yaml"));
            var edgeJson = System.Text.Json.JsonSerializer.Serialize(edge, PageJson.Default.String);
            (await client.GetAsync("/readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var rss = new List<(double At, long KiB)> { (0, server.RssKiB()) };
            var latencies = new List<(string Kind, double Ms)>();
            var errors = new List<string>();
            var total = seconds * rate;
            var interval = TimeSpan.FromSeconds(1.0 / rate);
            var watch = Stopwatch.StartNew();
            var running = new List<Task>();
            using var slots = new SemaphoreSlim(16);
            async Task One(int i)
            {
                // The mix: the page's re-evaluations (a new seed: decides; the same body: cached), kept decisions, reads.
                var (kind, request) = (i % 10) switch
                {
                    < 4 => ("evaluate-decides", new HttpRequestMessage(HttpMethod.Post, "/v1/evaluate") { Content = Body($$"""{"profile":{{edgeJson}},"robustness":false,"seed":{{i}}}""") }),
                    < 7 => ("evaluate-cached", new HttpRequestMessage(HttpMethod.Post, "/v1/evaluate") { Content = Body($$"""{"profile":{{edgeJson}},"robustness":false}""") }),
                    7 => ("decide-and-keep", new HttpRequestMessage(HttpMethod.Post, "/v1/decisions") { Content = Body("""{"profile":"serverless","robustness":false,"label":"soak"}""") }),
                    8 => ("list", new HttpRequestMessage(HttpMethod.Get, "/v1/decisions?label=soak&limit=20")),
                    _ => ("healthz", new HttpRequestMessage(HttpMethod.Get, "/healthz")),
                };
                var t = Stopwatch.StartNew();
                try
                {
                    using var response = await client.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        lock (errors)
                        {
                            errors.Add($"{kind}: {(int)response.StatusCode}");
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // A refused connection, or no answer within the client's 2 minutes (a server that fell behind): an error, reported below.
                    lock (errors)
                    {
                        errors.Add($"{kind}: {e.GetType().Name}: {e.Message}");
                    }
                }
                finally
                {
                    request.Dispose();
                    slots.Release();
                }
                lock (latencies)
                {
                    latencies.Add((kind, t.Elapsed.TotalMilliseconds));
                }
            }
            // Bounded in count (seconds x rate requests) and in time (the deadline plus two minutes for stragglers).
            var deadline = TimeSpan.FromSeconds(seconds);
            var nextRss = deadline / 10;
            for (var i = 0; i < total && watch.Elapsed < deadline; i++)
            {
                var due = interval * i;
                if (due > watch.Elapsed)
                {
                    await Task.Delay(due - watch.Elapsed);
                }
                if (watch.Elapsed >= nextRss)
                {
                    rss.Add((watch.Elapsed.TotalSeconds, server.RssKiB()));
                    while (nextRss <= watch.Elapsed)
                    {
                        nextRss += deadline / 10;
                    }
                }
                if (!await slots.WaitAsync(TimeSpan.FromMinutes(2)))
                {
                    errors.Add("no free client slot for 2 minutes");
                    break;
                }
                running.Add(One(i));
            }
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromMinutes(2));
            rss.Add((watch.Elapsed.TotalSeconds, server.RssKiB()));
            (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"soak: {latencies.Count} requests in {watch.Elapsed.TotalSeconds:0.0} s (target {rate}/s for {seconds} s), {errors.Count} errors; load average {File.ReadAllText("/proc/loadavg").Trim()}");
            if (errors.Count > 0)
            {
                report.AppendLine("first errors: " + string.Join("; ", errors.Take(5)));
            }
            report.AppendLine("RSS KiB over time: " + string.Join(", ", rss.Select(r => $"{r.At:0}s={r.KiB}")));
            foreach (var g in latencies.GroupBy(l => l.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var sorted = g.Select(x => x.Ms).Order().ToArray();
                double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
                report.AppendLine(CultureInfo.InvariantCulture, $"{g.Key}: n={sorted.Length} p50={P(0.5):0.0} ms p99={P(0.99):0.0} ms max={sorted[^1]:0.0} ms");
            }
            // Latency by tenth of the run: whether the server slows down as it goes.
            var tenths = (latencies.Count + 9) / 10;
            if (tenths > 0)
            {
                report.AppendLine("p50 per tenth of the run (ms): " + string.Join(", ", latencies.Chunk(tenths).Select(c => c.Select(x => x.Ms).Order().ElementAt(c.Length / 2).ToString("0.0", CultureInfo.InvariantCulture))));
            }
            output.WriteLine(report.ToString());
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "soak-report.txt"), report.ToString());
            errors.ShouldBeEmpty(report.ToString());
            latencies.Count.ShouldBe(running.Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
