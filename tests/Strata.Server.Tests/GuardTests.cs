using System.Net;
using System.Text;
using System.Text.Json;
using Strata.Application;
using Strata.Application.Requests;
using Strata.Catalog.Loading;
using Strata.Store;

namespace Strata.Server.Tests;

/// <summary>The bounds (time, concurrency), the token, hostile bodies, drift and escaping, each on a server of its own where it needs other options.</summary>
public class GuardTests
{
    [Fact]
    public async Task TimeLimit_SlowEvaluation_503ProblemAndTheServerGoesOn()
    {
        await using var s = await TestServer.Start(new ServerOptions { TimeLimit = TimeSpan.FromMilliseconds(1) });
        var p = await ApiTests.Problem(await s.Post("/v1/evaluate", """{"profile":"edge","samples":50000}"""), 503);
        p.GetProperty("code").GetString().ShouldBe("time-limit");
        (await s.Client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrency_BeyondTheBound_429WithRetryAfter()
    {
        // A time limit far above what the slow evaluation needs on a loaded machine: this test is about the bound on concurrency.
        await using var s = await TestServer.Start(new ServerOptions { MaxEvaluations = 1, TimeLimit = TimeSpan.FromMinutes(10) });
        var slow = s.Post("/v1/evaluate", """{"profile":"edge","samples":400000}""");
        // Wait (bounded) until the slow evaluation holds the one slot.
        for (var i = 0; i < 600 && s.Api.Gate.InFlight == 0; i++)
        {
            await Task.Delay(50);
        }
        s.Api.Gate.InFlight.ShouldBe(1);
        var busy = await s.Post("/v1/evaluate", """{"profile":"serverless","robustness":false}""");
        await ApiTests.Problem(busy, 429);
        busy.Headers.RetryAfter.ShouldNotBeNull();
        (await slow).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_WriteEndpointsNeedIt_ReadsDoNot()
    {
        const string token = "0123456789abcdef0123456789abcdef";
        await using var s = await TestServer.Start(new ServerOptions { Token = token });
        var none = await s.Post("/v1/decisions", """{"profile":"edge","robustness":false}""");
        await ApiTests.Problem(none, 401);
        none.Headers.WwwAuthenticate.ToString().ShouldContain("Bearer");
        await ApiTests.Problem(await s.Post("/v1/decisions", """{"profile":"edge","robustness":false}""", token + "x"), 401);
        (await s.Post("/v1/decisions", """{"profile":"edge","robustness":false}""", token)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await s.Post("/v1/evaluate", """{"profile":"edge","robustness":false}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/evaluate");
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var cors = await s.Client.SendAsync(preflight);
        cors.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Escaping_ScriptInTheProfile_NeverRawInTheReportOrThePage()
    {
        await using var s = await TestServer.Start();
        var yaml = "profile: xss\ndescription: \"<script>alert(1)</script>\"\nscenario: edge\n";
        var r = await s.Post("/v1/decisions", "{\"profile\":" + JsonSerializer.Serialize(yaml, ApiJsonContext.Default.String) + ",\"robustness\":false}");
        r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var html = await s.Client.GetAsync(r.Headers.Location + "/html");
        var text = await html.Content.ReadAsStringAsync();
        text.ShouldNotContain("<script>alert(1)");
        text.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
        // The page never writes server data as HTML: it sets textContent, so no innerHTML sink exists for a profile's text.
        var page = await s.Client.GetStringAsync("/app.js");
        page.ShouldNotContain("innerHTML");
        page.ShouldNotContain("insertAdjacentHTML");
        (await s.Client.GetAsync("/")).Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'self'");
    }

    /// <summary>Hostile bodies, a bounded set: each gets a 4xx problem, never a 5xx, and /healthz answers throughout.</summary>
    [Fact]
    public async Task Fuzz_HostileBodies_Always4xxAndHealthzAnswers()
    {
        await using var s = await TestServer.Start(new ServerOptions { TimeLimit = TimeSpan.FromSeconds(20) });
        var valid = """{"profile":"profile: f\nscenario: edge\nconstraints:\n  nodes: 1\n","robustness":false,"seed":1,"weights":{"startup":1},"host":{"kvm":true}}""";
        var bodies = new List<(string Name, byte[] Body, string ContentType)>();
        void Add(string name, string body, string type = "application/json") => bodies.Add((name, Encoding.UTF8.GetBytes(body), type));
        for (var cut = 1; cut < valid.Length - 1; cut += 11)
        {
            Add($"truncated at {cut}", valid[..cut]);
        }
        foreach (var field in new[] { "profile", "evidence", "robustness", "samples", "seed", "sample_weights", "weights", "host", "top" })
        {
            foreach (var value in new[] { "null", "[]", "{}", "\"x\"", "1.5", "-1", "true", "99999999999999999999", "{\"a\":[1]}" })
            {
                Add($"{field}={value}", $$"""{"profile":"edge","robustness":false,"{{field}}":{{value}}}""");
            }
        }
        var aliasBomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            aliasBomb.Append($"{(char)('a' + i)}: &{(char)('a' + i)} [").Append(string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))).Append("]\n");
        }
        Add("alias bomb", "{\"profile\":" + JsonSerializer.Serialize(aliasBomb.ToString(), ApiJsonContext.Default.String) + "}");
        Add("deep JSON", new string('[', 100_000) + new string(']', 100_000));
        Add("deep JSON profile", "{\"profile\":" + new string('{', 5000).Replace("{", "{\"a\":") + "1" + new string('}', 5000) + "}");
        Add("deep YAML in the profile", "{\"profile\":" + JsonSerializer.Serialize(new string('[', 10_000) + new string(']', 10_000), ApiJsonContext.Default.String) + "}");
        Add("huge scalar", "{\"profile\":" + JsonSerializer.Serialize("profile: " + new string('x', 200_000), ApiJsonContext.Default.String) + "}");
        Add("tag", "{\"profile\":\"profile: !!python/object x\"}");
        Add("empty", "");
        Add("not an object", "[1,2,3]");
        Add("string", "\"edge\"");
        Add("text/plain", valid, "text/plain");
        Add("form", "profile=edge", "application/x-www-form-urlencoded");
        Add("latin-1", valid, "application/json; charset=iso-8859-1");
        Add("yaml type", "profile: edge", "application/yaml");
        bodies.Add(("invalid UTF-8", [(byte)'{', (byte)'"', (byte)'p', 0xc3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'], "application/json"));
        bodies.Add(("lone surrogate", Encoding.UTF8.GetBytes("{\"profile\":\"\\ud800\"}"), "application/json"));
        bodies.Add(("NUL bytes", [(byte)'{', 0, 0, (byte)'}'], "application/json"));
        bodies.Add(("2 MiB", Encoding.UTF8.GetBytes("{\"profile\":\"" + new string('y', 2 * 1024 * 1024) + "\"}"), "application/json"));
        var seeded = new Random(12345);
        for (var i = 0; i < 10; i++)
        {
            var b = Encoding.UTF8.GetBytes(valid);
            for (var k = 0; k < 3; k++)
            {
                b[seeded.Next(b.Length)] = (byte)seeded.Next(256);
            }
            bodies.Add(($"mutated {i}", b, "application/json"));
        }
        var statuses = new Dictionary<int, int>();
        var n = 0;
        foreach (var (name, body, type) in bodies)
        {
            foreach (var path in new[] { "/v1/evaluate", "/v1/decisions", "/v1/explain", "/v1/compare" })
            {
                var content = new ByteArrayContent(body);
                content.Headers.TryAddWithoutValidation("Content-Type", type);
                // Each body on its own connection: after a 413 the server closes the connection it answered on, and a
                // pooled connection the client had not yet seen closed would fail the next body, not the server.
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
                request.Headers.ConnectionClose = true;
                HttpResponseMessage r;
                try
                {
                    r = await s.Client.SendAsync(request);
                }
                catch (HttpRequestException) when (body.Length > ServerOptions.MaxBodyBytes)
                {
                    // The server answered 413 on the Content-Length and closed before the client had sent everything.
                    statuses[413] = statuses.GetValueOrDefault(413) + 1;
                    continue;
                }
                var code = (int)r.StatusCode;
                statuses[code] = statuses.GetValueOrDefault(code) + 1;
                code.ShouldBeLessThan(500, $"{name} on {path}: {await r.Content.ReadAsStringAsync()}");
                if (code >= 400)
                {
                    r.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{name} on {path}");
                }
            }
            if (++n % 20 == 0)
            {
                (await s.Client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }
        (await s.Client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        statuses.Keys.ShouldAllBe(k => k < 500);
        statuses.GetValueOrDefault(400).ShouldBeGreaterThan(0);
        statuses.GetValueOrDefault(415).ShouldBeGreaterThan(0);
        statuses.GetValueOrDefault(422).ShouldBeGreaterThan(0);
        statuses.GetValueOrDefault(413).ShouldBeGreaterThan(0);
    }

    /// <summary>A decision kept on one catalogue, a decisive figure edited in a copy: drift names the decision and the figure.</summary>
    [Fact]
    public async Task Drift_DecisiveFigureEdited_NamesDecisionAndFigure()
    {
        var root = Path.Combine(Path.GetTempPath(), "strata-drift-" + Guid.NewGuid().ToString("N"));
        string Copy(string name, Func<string, string, string> edit)
        {
            var dir = Path.Combine(root, name);
            foreach (var f in CatalogSource.Bundled.Files())
            {
                var full = Path.Combine(dir, f.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, edit(f.RelativePath, f.Text));
            }
            return dir;
        }
        try
        {
            var before = Copy("before", (_, t) => t);
            // crun's release binaries lose arm64: the edge profile (arch: arm64) can no longer run it.
            var after = Copy("after", (path, t) => path == "technologies/crun.yaml" ? t.Replace("value: [x86_64, arm64, ppc64le, riscv64, s390x]", "value: [x86_64, ppc64le, riscv64, s390x]", StringComparison.Ordinal) : t);
            File.ReadAllText(Path.Combine(after, "technologies", "crun.yaml")).ShouldNotContain("arm64, ppc64le");
            var app = new StrataApplication();
            using var store = DecisionStore.Open(Path.Combine(root, "h.db"));
            var kept = new List<string>();
            foreach (var profile in new[] { "edge", "multi-tenant" })
            {
                var input = new DecisionInput(DecisionInput.ScenarioKind, profile, profile) { Robustness = false };
                var report = app.Report(input.ToRequest(CatalogLocation.InDirectory(before))).Value!;
                var d = DecisionRecords.Make(DecisionStore.NewId(), input, report, null, DateTimeOffset.UtcNow);
                store.Add(d);
                kept.Add(d.Id);
                d.Summary.Facts.ShouldContain(f => f.Technology == "crun" && f.Fact == "architectures" || profile != "edge");
            }
            var same = app.Drift(store.All(new DecisionQuery()).Select(x => x.Kept), CatalogLocation.InDirectory(before)).Value!;
            same.Drifted.ShouldBeFalse();
            var outcome = app.Drift(store.All(new DecisionQuery()).Select(x => x.Kept), CatalogLocation.InDirectory(after));
            outcome.Kind.ShouldBe(OutcomeKind.DomainNo);
            var edge = outcome.Value!.Entries.Single(e => e.Kept.Id == kept[0]);
            edge.Drifted.ShouldBeTrue();
            edge.Reasons.ShouldContain(r => r.Contains("winner changed", StringComparison.Ordinal));
            edge.Changes.ShouldContain(c => c.Technology == "crun" && c.Fact == "architectures" && c.Now == "x86_64, ppc64le, riscv64, s390x");

            // The CLI says the same, and exits 1.
            var output = new StringWriter { NewLine = "\n" };
            var error = new StringWriter { NewLine = "\n" };
            var code = Strata.Cli.StrataApp.Run(["drift", "--store", store.Location, "--catalog", after, "-o", "json"], new Strata.Cli.CliEnvironment(output, error, false, 120));
            code.ShouldBe(1, error.ToString());
            using var doc = JsonDocument.Parse(output.ToString());
            var entry = doc.RootElement.GetProperty("decisions").EnumerateArray().Single(e => e.GetProperty("id").GetString() == kept[0]);
            entry.GetProperty("drifted").GetBoolean().ShouldBeTrue();
            entry.GetProperty("changed_facts").EnumerateArray().ShouldContain(f => f.GetProperty("fact").GetString() == "architectures");
            var table = new StringWriter { NewLine = "\n" };
            Strata.Cli.StrataApp.Run(["drift", "--store", store.Location, "--catalog", after], new Strata.Cli.CliEnvironment(table, new StringWriter(), false, 120)).ShouldBe(1);
            table.ToString().ShouldContain(kept[0]);
            table.ToString().ShouldContain("crun.architectures");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Store_ReopenedAndMigrated_KeepsDecisionsAndIntegrity()
    {
        var dir = Path.Combine(Path.GetTempPath(), "strata-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "s.db");
            var app = new StrataApplication();
            var input = new DecisionInput(DecisionInput.Yaml, "p", "profile: p\nscenario: serverless\n") { Robustness = false, Weights = System.Collections.Immutable.ImmutableSortedDictionary<string, double>.Empty.Add("startup", 2) };
            string id;
            using (var store = DecisionStore.Open(path))
            {
                var d = DecisionRecords.Make(DecisionStore.NewId(), input, app.Report(input.ToRequest(CatalogLocation.Bundled)).Value!, "l", DateTimeOffset.UtcNow);
                store.Add(d);
                id = d.Id;
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using (var again = DecisionStore.Open(path))
            {
                again.Version().ShouldBe(DecisionStore.SchemaVersion);
                ((SqliteDecisionStore)again).IntegrityCheck().ShouldBe("ok");
                var got = again.Get(id)!;
                got.Input.Weights!["startup"].ShouldBe(2);
                got.Label.ShouldBe("l");
                got.ProfileDigest.ShouldBe(new DecisionInput(DecisionInput.Yaml, "p", "profile: p  \r\nscenario: serverless").ProfileDigest);
                again.Count().ShouldBe(1);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RecommendStore_ThenHistory_ShowsTheSameJson()
    {
        var dir = Path.Combine(Path.GetTempPath(), "strata-history-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var db = Path.Combine(dir, "h.db");
            string Run(int expected, params string[] args)
            {
                var o = new StringWriter { NewLine = "\n" };
                var e = new StringWriter { NewLine = "\n" };
                Strata.Cli.StrataApp.Run(args, new Strata.Cli.CliEnvironment(o, e, false, 120)).ShouldBe(expected, e.ToString());
                return o.ToString();
            }
            var json = Run(0, "recommend", "serverless", "-o", "json", "--no-robustness", "--store", db);
            var list = Run(0, "history", "list", "--store", db);
            using var store = DecisionStore.Open(db);
            var id = store.List(new DecisionQuery()).Items.Single().Id;
            list.ShouldContain(id);
            Run(0, "history", "show", id, "--store", db).ShouldBe(json);
            Run(2, "history", "show", "nosuch", "--store", db);
            Run(0, "drift", "--store", db).ShouldContain("0 drifted");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}

