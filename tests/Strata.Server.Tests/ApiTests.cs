using System.Net;
using System.Text;
using System.Text.Json;
using Strata.Cli;
using Strata.TestSupport;

namespace Strata.Server.Tests;

/// <summary>The API against a real server on loopback: same bytes as the CLI, problems for bad input, the store.</summary>
public class ApiTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private TestServer S => shared.Server;

    internal static string Cli(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = StrataApp.Run(args, new CliEnvironment(output, error, color: false, width: 120));
        code.ShouldBeLessThan(2, error.ToString());
        return output.ToString();
    }

    internal static async Task<JsonElement> Problem(HttpResponseMessage r, int status)
    {
        var text = await r.Content.ReadAsStringAsync();
        ((int)r.StatusCode).ShouldBe(status, text);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", text);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement.Clone();
        root.GetProperty("status").GetInt32().ShouldBe(status);
        root.GetProperty("type").GetString().ShouldStartWith("urn:strata:problem:");
        root.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        return root;
    }

    [Fact]
    public async Task Evaluate_ScenarioName_SameBytesAsRecommendJson()
    {
        var r = await S.Post("/v1/evaluate", """{"profile":"edge"}""");
        var body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldBe(Cli("recommend", "edge", "-o", "json"));
        // The second time from the cache: the same bytes again.
        (await (await S.Post("/v1/evaluate", """{"profile":"edge"}""")).Content.ReadAsStringAsync()).ShouldBe(body);
    }

    [Fact]
    public async Task Evaluate_YamlTextWithOptions_SameBytesAsRecommendOnThatFile()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "edge.yaml"));
        var json = JsonSerializer.Serialize(yaml, Strata.Server.ApiJsonContext.Default.String);
        var r = await S.Post("/v1/evaluate", $$"""{"profile":{{json}},"seed":7,"samples":300,"top":3}""");
        var body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var file = Path.Combine(Path.GetTempPath(), "strata-serve-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, yaml);
        try
        {
            // The CLI names the profile's file in "source"-like fields only through diagnostics; the JSON is the same.
            body.ShouldBe(Cli("recommend", file, "-o", "json", "--seed", "7", "--samples", "300", "--top", "3"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Evaluate_BrokenYaml_422WithLineAndColumn()
    {
        var r = await S.Post("/v1/evaluate", """{"profile":"profile: x\n  bad: ["}""");
        var p = await Problem(r, 422);
        var d = p.GetProperty("diagnostics")[0];
        d.GetProperty("line").GetInt32().ShouldBeGreaterThan(0);
        d.GetProperty("column").GetInt32().ShouldBeGreaterThan(0);
        d.GetProperty("pointer").GetString().ShouldBe("/profile");
    }

    [Fact]
    public async Task Evaluate_JsonObjectProfileWithBadValue_PointsIntoTheBody()
    {
        var r = await S.Post("/v1/evaluate", """{"profile":{"profile":"x","constraints":{"nodes":1,"cold_start":"soon"}},"robustness":false}""");
        var p = await Problem(r, 422);
        p.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("pointer").GetString())
            .ShouldContain("/profile/constraints/cold_start", p.ToString());
    }

    [Fact]
    public async Task Evaluate_JsonObjectProfile_DecidesLikeTheSameYaml()
    {
        var fromObject = await S.Post("/v1/evaluate", """{"profile":{"profile":"obj","scenario":"edge","constraints":{"arch":"arm64","offline":true}},"robustness":false}""");
        var fromYaml = await S.Post("/v1/evaluate", """{"profile":"profile: obj\nscenario: edge\nconstraints:\n  arch: arm64\n  offline: true\n","robustness":false}""");
        fromObject.StatusCode.ShouldBe(HttpStatusCode.OK, await fromObject.Content.ReadAsStringAsync());
        using var a = JsonDocument.Parse(await fromObject.Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await fromYaml.Content.ReadAsStringAsync());
        a.RootElement.GetProperty("ranking")[0].GetRawText().ShouldBe(b.RootElement.GetProperty("ranking")[0].GetRawText());
    }

    [Fact]
    public async Task Evaluate_WrongFieldTypes_422WithEveryPointer()
    {
        var r = await S.Post("/v1/evaluate", """{"profile":"edge","seed":"x","samples":0,"weights":{"startup":"high"},"colour":1}""");
        var p = await Problem(r, 422);
        var pointers = p.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("pointer").GetString()).ToList();
        pointers.ShouldBe(["/colour", "/samples", "/seed", "/weights/startup"], ignoreOrder: true);
    }

    [Fact]
    public async Task Evaluate_Weights_ReplaceTheProfilesAndChangeTheWeightsUsed()
    {
        var r = await S.Post("/v1/evaluate", """{"profile":"edge","robustness":false,"weights":{"startup":1,"resources":0}}""");
        var text = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        using var doc = JsonDocument.Parse(text);
        var values = doc.RootElement.GetProperty("weights").GetProperty("values");
        values.GetProperty("startup").GetDouble().ShouldBe(1);
        doc.RootElement.GetProperty("weights").GetProperty("source").GetString().ShouldBe("profile");
        var bad = await Problem(await S.Post("/v1/evaluate", """{"profile":"edge","weights":{"startpu":1}}"""), 422);
        bad.GetProperty("diagnostics")[0].GetProperty("pointer").GetString().ShouldBe("/weights");
        bad.GetProperty("detail").GetString()!.ShouldContain("startup");
    }

    [Fact]
    public async Task Evaluate_UnknownScenario_422NamingThem()
    {
        var p = await Problem(await S.Post("/v1/evaluate", """{"profile":"edgee"}"""), 422);
        p.GetProperty("code").GetString().ShouldBe("unknown-scenario");
        p.GetProperty("detail").GetString()!.ShouldContain("edge");
    }

    [Fact]
    public async Task Limits_BodyTooLarge413_WrongContentType415_InvalidJson400()
    {
        var big = "{\"profile\":\"" + new string('a', 1024 * 1024 + 10) + "\"}";
        await Problem(await S.Post("/v1/evaluate", big), 413);
        await Problem(await S.Client.PostAsync("/v1/evaluate", new StringContent("{\"profile\":\"edge\"}", Encoding.UTF8, "text/plain")), 415);
        await Problem(await S.Client.PostAsync("/v1/evaluate", new ByteArrayContent("{\"profile\":\"edge\"}"u8.ToArray())), 415);
        await Problem(await S.Post("/v1/evaluate", "{\"profile\":"), 400);
        var bytes = new ByteArrayContent([(byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        bytes.Headers.ContentType = new("application/json");
        await Problem(await S.Client.PostAsync("/v1/evaluate", bytes), 400);
    }

    [Fact]
    public async Task Limits_AliasBombInProfile_422Limit()
    {
        var bomb = new StringBuilder("profile: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            bomb.Append($"{(char)('a' + i)}: &{(char)('a' + i)} [").Append(string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))).Append("]\n");
        }
        var json = JsonSerializer.Serialize(bomb.ToString(), Strata.Server.ApiJsonContext.Default.String);
        var p = await Problem(await S.Post("/v1/evaluate", $$"""{"profile":{{json}}}"""), 422);
        p.GetProperty("code").GetString().ShouldBe("limit");
    }

    [Fact]
    public async Task Decisions_PostGetAdrHtml_KeptWithEverything()
    {
        var r = await S.Post("/v1/decisions", """{"profile":"edge","label":"api-test","robustness":false}""");
        var body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var location = r.Headers.Location!.ToString();
        location.ShouldStartWith("/v1/decisions/");
        using (var posted = JsonDocument.Parse(body))
        using (var cli = JsonDocument.Parse(Cli("recommend", "edge", "-o", "json", "--no-robustness")))
        {
            posted.RootElement.GetProperty("ranking")[0].GetRawText().ShouldBe(cli.RootElement.GetProperty("ranking")[0].GetRawText());
        }
        var got = await S.Client.GetAsync(location);
        var text = await got.Content.ReadAsStringAsync();
        got.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        using (var doc = JsonDocument.Parse(text))
        {
            var meta = doc.RootElement.GetProperty("meta");
            meta.GetProperty("label").GetString().ShouldBe("api-test");
            meta.GetProperty("profile_digest").GetString().ShouldStartWith("sha256:");
            meta.GetProperty("catalog").GetProperty("digest").GetString().ShouldNotBeNullOrEmpty();
            doc.RootElement.GetProperty("input").GetProperty("profile").GetString().ShouldBe("edge");
            JsonElement.DeepEquals(doc.RootElement.GetProperty("decision"), JsonDocument.Parse(body).RootElement).ShouldBeTrue();
            doc.RootElement.GetProperty("decisive_facts").GetArrayLength().ShouldBeGreaterThan(0);
        }
        var adr = await S.Client.GetAsync(location + "/adr");
        adr.Content.Headers.ContentType!.MediaType.ShouldBe("text/markdown");
        (await adr.Content.ReadAsStringAsync()).ShouldContain("## Decision Outcome");
        var html = await S.Client.GetAsync(location + "/html");
        (await html.Content.ReadAsStringAsync()).ShouldStartWith("<!DOCTYPE html>");
        await Problem(await S.Client.GetAsync("/v1/decisions/0000000000000000"), 404);
    }

    [Fact]
    public async Task Decisions_ListFiltersAndPages_EveryDecisionOnce()
    {
        var label = "page-" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var r = await S.Post("/v1/decisions", $$"""{"profile":"serverless","label":"{{label}}","robustness":false}""");
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            ids.Add(r.Headers.Location!.ToString().Split('/')[^1]);
        }
        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 10; page++)
        {
            var text = await S.Client.GetStringAsync($"/v1/decisions?label={label}&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            using var doc = JsonDocument.Parse(text);
            seen.AddRange(doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            cursor = doc.RootElement.GetProperty("next").GetString();
            if (cursor is null)
            {
                break;
            }
        }
        seen.ShouldBe(Enumerable.Reverse(ids).ToList());
        await Problem(await S.Client.GetAsync("/v1/decisions?cursor=abc"), 400);
        await Problem(await S.Client.GetAsync("/v1/decisions?since=yesterday"), 400);
        var none = await S.Client.GetStringAsync($"/v1/decisions?label={label}&since=2999-01-01");
        none.ShouldContain("\"items\": []");
    }

    [Fact]
    public async Task ExplainAndCompare_SameJsonAsTheCli()
    {
        var e = await S.Post("/v1/explain", """{"profile":"edge","stack":"runtime=wasmedge"}""");
        (await e.Content.ReadAsStringAsync()).ShouldBe(Cli("explain", "edge", "--stack", "runtime=wasmedge", "-o", "json"));
        var c = await S.Post("/v1/compare", """{"profile":"edge","a":"k3s,wasmedge","b":"k3s,crun"}""");
        (await c.Content.ReadAsStringAsync()).ShouldBe(Cli("compare", "edge", "k3s,wasmedge", "k3s,crun", "-o", "json"));
        var bad = await Problem(await S.Post("/v1/explain", """{"profile":"edge","stack":"runtime=nosuch"}"""), 422);
        bad.GetProperty("diagnostics")[0].GetProperty("pointer").GetString().ShouldBe("/stack");
        await Problem(await S.Post("/v1/compare", """{"profile":"edge","a":"k3s"}"""), 422);
    }

    [Fact]
    public async Task Catalog_ListShowScenariosRadar_SameAsTheCli()
    {
        (await S.Client.GetStringAsync("/v1/catalog/technologies?layer=runtime")).ShouldBe(Cli("catalog", "list", "--layer", "runtime", "-o", "json"));
        (await S.Client.GetStringAsync("/v1/catalog/technologies/crun")).ShouldBe(Cli("catalog", "show", "crun", "-o", "json"));
        await Problem(await S.Client.GetAsync("/v1/catalog/technologies/nosuch"), 404);
        await Problem(await S.Client.GetAsync("/v1/catalog/technologies?layer=nosuch"), 400);
        using var scenarios = JsonDocument.Parse(await S.Client.GetStringAsync("/v1/scenarios"));
        scenarios.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ShouldContain("edge");
        using var examples = JsonDocument.Parse(await S.Client.GetStringAsync("/v1/examples"));
        examples.RootElement.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ShouldContain("edge");
        var today = DateTime.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await S.Client.GetStringAsync("/v1/radar?format=zalando&scenario=edge")).ShouldBe(Cli("radar", "--format", "zalando", "--scenario", "edge", "--date", today));
        await Problem(await S.Client.GetAsync("/v1/radar?format=svg"), 400);
    }

    [Fact]
    public async Task Health_ReadyAndMetrics()
    {
        (await S.Client.GetStringAsync("/healthz")).ShouldContain("ok");
        (await S.Client.GetStringAsync("/readyz")).ShouldContain("ready");
        await S.Post("/v1/evaluate", """{"profile":"edge"}""");
        var metrics = await S.Client.GetStringAsync("/metrics");
        metrics.ShouldContain("strata_evaluations_in_flight");
        metrics.ShouldContain("http_request_duration_seconds");
        metrics.ShouldContain("/v1/evaluate");
        await Problem(await S.Client.GetAsync("/v2/nothing"), 404);
    }

    [Fact]
    public async Task Responses_MatchTheDecisionSchema()
    {
        var dir = Path.Combine(Path.GetTempPath(), "strata-serve-schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "edge.json"), await (await S.Post("/v1/evaluate", """{"profile":"edge"}""")).Content.ReadAsStringAsync());
            File.WriteAllText(Path.Combine(dir, "plain.json"), await (await S.Post("/v1/evaluate", """{"profile":"serverless","robustness":false}""")).Content.ReadAsStringAsync());
            File.WriteAllText(Path.Combine(dir, "infeasible.json"), await (await S.Post("/v1/evaluate",
                """{"profile":"profile: impossible\nconstraints:\n  cold_start: < 1ms\n  isolation: \">= vm\"\n"}""")).Content.ReadAsStringAsync());
            var posted = await S.Post("/v1/decisions", """{"profile":"multi-tenant","robustness":false}""");
            File.WriteAllText(Path.Combine(dir, "stored.json"), await posted.Content.ReadAsStringAsync());
            var psi = new System.Diagnostics.ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tools", "schema-check", "check-json.mjs"));
            psi.ArgumentList.Add("decision.schema.json");
            psi.ArgumentList.Add(dir);
            using var p = System.Diagnostics.Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit(TimeSpan.FromMinutes(1)).ShouldBeTrue();
            p.ExitCode.ShouldBe(0, output);
            output.ShouldContain("4 passed, 0 failed");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task OpenApi_ServedDocumentIsTheCommittedOne()
    {
        var served = await S.Client.GetStringAsync("/openapi/v1.generated.json");
        using var doc = JsonDocument.Parse(served);
        doc.RootElement.GetProperty("openapi").GetString().ShouldStartWith("3.1");
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/v1/evaluate", "/v1/decisions", "/v1/decisions/{id}", "/v1/decisions/{id}/adr", "/v1/drift", "/v1/radar", "/healthz" })
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue(path);
        }
        var file = Path.Combine(RepoPaths.Root, "openapi.json");
        var text = served.ReplaceLineEndings("\n");
        if (!text.EndsWith('\n'))
        {
            text += "\n";
        }
        if (Environment.GetEnvironmentVariable("STRATA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(file, text);
        }
        File.ReadAllText(file).ShouldBe(text, "openapi.json at the repository root is the document the endpoints' metadata generates; regenerate it with STRATA_UPDATE_GOLDEN=1 dotnet test tests/Strata.Server.Tests --filter OpenApi (then rebuild: the server embeds it)");
        // What the server serves at /openapi/v1.json is that file (embedded at build time).
        (await S.Client.GetStringAsync("/openapi/v1.json")).ShouldBe(File.ReadAllText(file));
    }
}
