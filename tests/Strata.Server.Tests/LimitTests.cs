using System.Net;
using Strata.Application;
using Strata.Store;

namespace Strata.Server.Tests;

/// <summary>The time limit stops the engine itself, and the answer cache stays within its bytes.</summary>
public class LimitTests
{
    /// <summary>
    /// Explain, compare, radar and drift run the engine's search (drift once per kept decision): past the limit the request
    /// gets 503 and the work itself stops on its token (it ends in an OperationCanceledException, counted by the gate, instead
    /// of deciding to the end); the slot is free again, so the next such request is taken (503 again, not 429), and the
    /// server keeps answering. A limit of 1 ms is over before any of them can decide (each takes tens of milliseconds).
    /// </summary>
    [Theory]
    [InlineData("POST", "/v1/explain", """{"profile":"edge","robustness":false,"stack":"runtime=wasmedge"}""")]
    [InlineData("POST", "/v1/compare", """{"profile":"edge","robustness":false,"a":"k3s,wasmedge","b":"k3s,crun"}""")]
    [InlineData("GET", "/v1/radar?scenario=edge", null)]
    [InlineData("GET", "/v1/drift", null)]
    public async Task TimeLimit_StopsExplainCompareRadarDrift_503AndTheServerGoesOn(string method, string path, string? body)
    {
        await using var s = await TestServer.Start(new ServerOptions { TimeLimit = TimeSpan.FromMilliseconds(1), MaxEvaluations = 1 });
        // Drift needs kept decisions to decide again: two, written straight into the store (the server's own limit would stop them).
        var app = new StrataApplication();
        foreach (var scenario in new[] { "edge", "serverless" })
        {
            var input = new DecisionInput(DecisionInput.ScenarioKind, scenario, scenario) { Robustness = false };
            var report = app.Report(input.ToRequest(Application.Requests.CatalogLocation.Bundled)).Value.ShouldNotBeNull();
            s.Store.Add(DecisionRecords.Make(DecisionStore.NewId(), input, report, "limit", DateTimeOffset.UnixEpoch));
        }
        Task<HttpResponseMessage> Send() => method == "POST" ? s.Post(path, body!) : s.Client.GetAsync(new Uri(path, UriKind.Relative));
        for (var round = 1; round <= 2; round++)
        {
            var p = await ApiTests.Problem(await Send(), 503);
            p.GetProperty("code").GetString().ShouldBe("time-limit");
            // Bounded: 30 s at most for the stopped work to give its slot back.
            for (var i = 0; i < 600 && s.Api.Gate.InFlight > 0; i++)
            {
                await Task.Delay(50);
            }
            s.Api.Gate.InFlight.ShouldBe(0);
            s.Api.Gate.Cancelled.ShouldBe(round, $"{path}: the work ran to its end instead of stopping on its token");
        }
        (await s.Client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await s.Client.GetAsync(new Uri("/v1/catalog/technologies/k3s", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TimeLimit_InterruptsTheEngine_503AndTheSlotIsFreeAgain()
    {
        await using var s = await TestServer.Start(new ServerOptions { TimeLimit = TimeSpan.FromMilliseconds(300), MaxEvaluations = 1 });
        // 400,000 samples take many seconds here: the 503 comes first, and the sampling stops on its token.
        var p = await ApiTests.Problem(await s.Post("/v1/evaluate", """{"profile":"edge","samples":400000}"""), 503);
        p.GetProperty("code").GetString().ShouldBe("time-limit");
        for (var i = 0; i < 600 && s.Api.Gate.InFlight > 0; i++)
        {
            await Task.Delay(50);
        }
        s.Api.Gate.InFlight.ShouldBe(0);
        // The evaluation ended by its cancellation (OperationCanceledException), not by running to the end.
        s.Api.Gate.Cancelled.ShouldBe(1);
        // The one slot is free: the next request is taken (not refused with 429); it is answered, in time or not.
        var next = await s.Post("/v1/evaluate", """{"profile":"serverless","robustness":false}""");
        next.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public void Cache_BoundedByBytes_OldestGoFirst_OversizedNotKept()
    {
        var cache = new AnswerCache(capacity: 100, maxBytes: 1_000);
        static string Key(int i) => "k" + i; // 2 characters: 4 bytes counted for the key
        for (var i = 0; i < 10; i++)
        {
            cache.Add(Key(i), new CachedAnswer(new byte[200], new byte[96]));
            cache.Bytes.ShouldBeLessThanOrEqualTo(1_000);
        }
        cache.Count.ShouldBe(3);
        cache.Bytes.ShouldBe(900);
        cache.TryGet(Key(9), out _).ShouldBeTrue();
        cache.TryGet(Key(7), out _).ShouldBeTrue();
        cache.TryGet(Key(6), out _).ShouldBeFalse();
        cache.Add("big", new CachedAnswer(new byte[900], new byte[101]));
        cache.TryGet("big", out _).ShouldBeFalse();
        cache.Count.ShouldBe(3);

        var byCount = new AnswerCache(capacity: 2, maxBytes: 1_000_000);
        for (var i = 0; i < 5; i++)
        {
            byCount.Add(Key(i), new CachedAnswer([1, 2, 3], [4]));
        }
        byCount.Count.ShouldBe(2);
        byCount.TryGet(Key(4), out var v).ShouldBeTrue();
        v.Body.ShouldBe(new byte[] { 1, 2, 3 });
    }

    /// <summary>
    /// A client that accepts gzip gets the evaluation compressed (the same JSON once decompressed, and much smaller), on the
    /// deciding request and on the cached one; a client that does not (or refuses it with q=0) gets it as it is.
    /// </summary>
    [Fact]
    public async Task Evaluate_AcceptsGzip_SameJsonCompressed_FromTheCacheToo()
    {
        await using var s = await TestServer.Start();
        const string Body = """{"profile":"edge","robustness":false}""";
        async Task<(HttpResponseMessage Response, byte[] Bytes)> Post(string? acceptEncoding)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/evaluate") { Content = TestServer.Json(Body) };
            if (acceptEncoding is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            }
            var response = await s.Client.SendAsync(request);
            return (response, await response.Content.ReadAsByteArrayAsync());
        }
        static byte[] Gunzip(byte[] bytes)
        {
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return plain.ToArray();
        }
        var (deciding, compressed) = await Post("gzip, deflate, br");
        deciding.StatusCode.ShouldBe(HttpStatusCode.OK);
        deciding.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);
        var (plainResponse, plain) = await Post(null);
        plainResponse.Content.Headers.ContentEncoding.ShouldBeEmpty();
        plainResponse.Headers.Vary.ShouldContain("Accept-Encoding");
        Gunzip(compressed).ShouldBe(plain);
        compressed.Length.ShouldBeLessThan(plain.Length / 4, "the decision JSON is repetitive text");
        var (cachedResponse, cached) = await Post("br;q=1.0, gzip;q=0.5");
        cachedResponse.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);
        cached.ShouldBe(compressed);
        (await Post("gzip;q=0")).Response.Content.Headers.ContentEncoding.ShouldBeEmpty();
        (await Post("*")).Response.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);
        s.Api.Cache.Count.ShouldBe(1);
    }
}
