using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Strata.Application;
using Strata.Application.Requests;
using Strata.Rendering.Json;
using Strata.Rendering.Text;
using Strata.Store;

namespace Strata.Server;

/// <summary>
/// The endpoints' work: read the request, ask the application layer, render with the renderers the CLI uses.
/// Every answer that is not a success is a problem (RFC 9457); bad input is never a 5xx.
/// </summary>
public sealed class Api
{
    private readonly StrataApplication _app;
    private readonly ServerOptions _options;
    private readonly byte[]? _tokenHash;
    private readonly AnswerCache _cache;

    private static readonly Prometheus.Counter Stored = Prometheus.Metrics.CreateCounter("strata_decisions_stored_total", "Decisions kept in the store by this process.");
    private static readonly Prometheus.Counter CacheHits = Prometheus.Metrics.CreateCounter("strata_evaluation_cache_hits_total", "Evaluations answered from the cache of rendered answers.");

    public Api(StrataApplication app, DecisionStore store, ServerOptions options)
    {
        _app = app;
        Store = store;
        _options = options;
        Gate = new EvaluationGate(options.MaxEvaluations, options.TimeLimit);
        _cache = new AnswerCache(options.CacheEntries, options.CacheBytes);
        _tokenHash = options.Token is { } t ? SHA256.HashData(Encoding.UTF8.GetBytes(t)) : null;
    }

    public DecisionStore Store { get; }

    public EvaluationGate Gate { get; }

    /// <summary>The cache of rendered evaluations.</summary>
    public AnswerCache Cache => _cache;

    // ---- reading requests ----

    /// <summary>The body as a decision request, or the problem that says why not (415, 413, 400, 422).</summary>
    private static async Task<(RequestBody? Body, IResult? Problem)> ReadBody(HttpContext ctx, params string[] extra)
    {
        if (!MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var media) ||
            !(media.MediaType is "application/json" || media.MediaType?.EndsWith("+json", StringComparison.Ordinal) == true))
        {
            return (null, BytesResult.Problem(ProblemBody.Of(415, "unsupported-media-type",
                $"the body must be application/json, not {(string.IsNullOrEmpty(ctx.Request.ContentType) ? "nothing" : ctx.Request.ContentType)}"), ctx));
        }
        if (media.CharSet is { } cs && !cs.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, BytesResult.Problem(ProblemBody.Of(415, "unsupported-media-type", $"the body must be UTF-8, not {cs}"), ctx));
        }
        if (ctx.Request.ContentLength > ServerOptions.MaxBodyBytes)
        {
            return (null, TooLarge(ctx));
        }
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int n;
            while ((n = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > ServerOptions.MaxBodyBytes)
                {
                    return (null, TooLarge(ctx));
                }
            }
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            return (null, BytesResult.Problem(ProblemBody.Of(e.StatusCode == 413 ? 413 : 400, e.StatusCode == 413 ? "too-large" : "bad-request", e.Message), ctx));
        }
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return (null, BytesResult.Problem(ProblemBody.Of(400, "invalid-utf8", "the body is not valid UTF-8"), ctx));
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } l ? $" (line {l + 1}, byte {e.BytePositionInLine + 1})" : "";
            return (null, BytesResult.Problem(ProblemBody.Of(400, "invalid-json", $"the body is not JSON{where}: {e.Message}",
                new ProblemDiagnostic("error", "invalid-json", e.Message, e.Path is { Length: > 0 } p ? PathToPointer(p) : null,
                    e.LineNumber is { } ln ? (int)ln + 1 : null, e.BytePositionInLine is { } b ? (int)b + 1 : null)), ctx));
        }
        using (doc)
        {
            try
            {
                var (body, errors) = RequestBody.Read(doc.RootElement, extra);
                return body is null ? (null, BytesResult.Problem(ProblemBody.FromBody(errors), ctx)) : (body, null);
            }
            catch (InvalidOperationException)
            {
                // A JSON escape that is no Unicode text (a lone surrogate such as \ud800): the reader refuses to decode it.
                return (null, BytesResult.Problem(ProblemBody.Of(400, "invalid-string", "a string in the body is not valid Unicode (a lone surrogate escape such as \\ud800?)"), ctx));
            }
        }
    }

    /// <summary>System.Text.Json's path ($.a.b[0], $['x y']) as a JSON pointer.</summary>
    private static string PathToPointer(string path)
    {
        var sb = new StringBuilder();
        var s = path.StartsWith('$') ? path[1..] : path;
        foreach (var part in s.Split(['.', '['], StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.TrimEnd(']').Trim('\'');
            sb.Append('/').Append(name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }
        return sb.ToString();
    }

    private static BytesResult TooLarge(HttpContext ctx) =>
        BytesResult.Problem(ProblemBody.Of(413, "too-large", $"the body is larger than the limit of {ServerOptions.MaxBodyBytes:N0} bytes"), ctx);

    /// <summary>Null when the request may write; else the 401 problem.</summary>
    private IResult? Unauthorised(HttpContext ctx)
    {
        if (_tokenHash is null)
        {
            return null;
        }
        var header = ctx.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : null;
        // Compare fixed-length digests in constant time: neither the token's length nor its first wrong byte shows in the timing.
        if (given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _tokenHash))
        {
            return null;
        }
        return BytesResult.Problem(ProblemBody.Of(401, "unauthorized", given is null
            ? "this endpoint writes to the store and needs 'Authorization: Bearer TOKEN' (the token of --token-file)"
            : "the bearer token is not the one this server was started with"), ctx, new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" });
    }

    /// <summary>Runs an evaluation through the gate: 429 when every slot is busy, 503 past the time limit.</summary>
    private async Task<IResult> Gated(HttpContext ctx, Func<CancellationToken, IResult> work)
    {
        var (outcome, result) = await Gate.Run(work, ctx.RequestAborted).ConfigureAwait(false);
        return outcome switch
        {
            GateOutcome.Busy => BytesResult.Problem(ProblemBody.Of(429, "busy",
                $"{Gate.Max} evaluations are running, the most this server runs at once; try again shortly"), ctx, new Dictionary<string, string> { ["Retry-After"] = "1" }),
            GateOutcome.TimedOut => BytesResult.Problem(ProblemBody.Of(503, "time-limit",
                $"the evaluation took longer than the limit of {Gate.TimeLimit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (fewer samples, or robustness off, make it faster)"), ctx,
                new Dictionary<string, string> { ["Retry-After"] = "5" }),
            _ => result!,
        };
    }

    /// <summary>The application request of a body, its search and sampling stopped by <paramref name="cancel"/> (the time limit).</summary>
    private DecisionRequest Request(RequestBody body, CancellationToken cancel) => body.Input.ToRequest(_options.Catalog) with { Cancel = cancel };

    /// <summary>A bad-input outcome as its problem: 503 when the server's own catalogue is unusable, else 422.</summary>
    private static IResult BadInput<T>(HttpContext ctx, Outcome<T> outcome, RequestBody? body) where T : class
    {
        var problem = ProblemBody.FromOutcome(outcome, body);
        return BytesResult.Problem(outcome.Failed == RequestPart.Catalogue ? problem with { Status = 503, Title = ProblemBody.TitleOf(503), Code = "catalogue-unavailable" } : problem, ctx);
    }

    private static string Render(Action<TextWriter> write)
    {
        var w = new StringWriter { NewLine = "\n" };
        write(w);
        return w.ToString();
    }

    // ---- decisions ----

    public async Task<IResult> Evaluate(HttpContext ctx)
    {
        var (body, problem) = await ReadBody(ctx).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }
        var key = body.CacheKey("evaluate");
        var gzip = AcceptsGzip(ctx);
        if (_cache.TryGet(key, out var cached))
        {
            CacheHits.Inc();
            return Answer(cached, gzip);
        }
        return await Gated(ctx, cancel =>
        {
            var outcome = _app.Decide(Request(body, cancel));
            if (outcome.Value is not { } decision)
            {
                return BadInput(ctx, outcome, body);
            }
            var answer = CachedAnswer.Of(Encoding.UTF8.GetBytes(DecisionRecords.Json(decision, body.Input.Top)));
            _cache.Add(key, answer);
            return Answer(answer, gzip);
        }).ConfigureAwait(false);
    }

    /// <summary>An evaluation's JSON, gzip-compressed when the client accepts it (the bytes were compressed once, when cached).</summary>
    private static BytesResult Answer(CachedAnswer answer, bool gzip) => gzip
        ? new BytesResult(200, "application/json; charset=utf-8", answer.Gzip) { Headers = new Dictionary<string, string> { ["Content-Encoding"] = "gzip", ["Vary"] = "Accept-Encoding" } }
        : new BytesResult(200, "application/json; charset=utf-8", answer.Body) { Headers = new Dictionary<string, string> { ["Vary"] = "Accept-Encoding" } };

    /// <summary>Whether Accept-Encoding names gzip (or *) with a quality above 0 (RFC 9110 §12.5.3).</summary>
    private static bool AcceptsGzip(HttpContext ctx)
    {
        var accepted = false;
        foreach (var value in ctx.Request.Headers.AcceptEncoding)
        {
            foreach (var item in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!StringWithQualityHeaderValue.TryParse(item, out var coding))
                {
                    continue;
                }
                if (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Value == "*")
                {
                    accepted = coding.Quality is not 0.0;
                    if (coding.Value != "*")
                    {
                        return accepted;
                    }
                }
            }
        }
        return accepted;
    }

    public async Task<IResult> CreateDecision(HttpContext ctx)
    {
        if (Unauthorised(ctx) is { } denied)
        {
            return denied;
        }
        var (body, problem) = await ReadBody(ctx, "label").ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }
        return await Gated(ctx, cancel =>
        {
            var outcome = _app.Report(Request(body, cancel));
            if (outcome.Value is not { } report)
            {
                return BadInput(ctx, outcome, body);
            }
            var record = DecisionRecords.Make(DecisionStore.NewId(), body.Input, report, body.Label, _app.Clock.GetUtcNow());
            Store.Add(record);
            Stored.Inc();
            return new BytesResult(201, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(record.ResultJson))
            {
                Headers = new Dictionary<string, string> { ["Location"] = "/v1/decisions/" + record.Id, ["X-Strata-Decision"] = record.Id },
            };
        }).ConfigureAwait(false);
    }

    /// <summary>The filters of a list or drift query, or the 400 problem of a bad one.</summary>
    private static (DecisionQuery? Query, IResult? Problem) Query(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var errors = new List<ProblemDiagnostic>();
        var limit = 20;
        if (q["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 200))
        {
            errors.Add(new("error", "out-of-range", $"limit must be a whole number from 1 to 200, not '{l}'", null, null, null));
        }
        DateTimeOffset? since = null;
        if (q["since"].ToString() is { Length: > 0 } s)
        {
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            {
                since = t;
            }
            else
            {
                errors.Add(new("error", "wrong-type", $"since must be an ISO 8601 date or time such as 2026-12-01 or 2026-12-01T10:00:00Z, not '{s}'", null, null, null));
            }
        }
        var cursor = q["cursor"].ToString() is { Length: > 0 } c ? c : null;
        if (cursor is not null && !long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            errors.Add(new("error", "bad-cursor", $"'{cursor}' is not a cursor this server gave (pass the previous page's 'next')", null, null, null));
        }
        if (errors.Count > 0)
        {
            return (null, BytesResult.Problem(ProblemBody.Of(400, errors[0].Code, errors[0].Message, [.. errors]), ctx));
        }
        string? Opt(string name) => q[name].ToString() is { Length: > 0 } v ? v : null;
        return (new DecisionQuery { Profile = Opt("profile"), Scenario = Opt("scenario"), Label = Opt("label"), Since = since, Cursor = cursor, Limit = limit }, null);
    }

    public IResult ListDecisions(HttpContext ctx)
    {
        var (query, problem) = Query(ctx);
        if (query is null)
        {
            return problem!;
        }
        var page = Store.List(query);
        return BytesResult.Json(Render(w => Json.Write(w, j =>
        {
            j.WriteStartObject();
            j.WriteObjects("items", page.Items, d => WriteMeta(j, d));
            j.WriteString("next", page.Next);
            j.WriteEndObject();
        })));
    }

    private static void WriteMeta(Utf8JsonWriter j, StoredDecision d)
    {
        j.WriteString("id", d.Id);
        j.WriteString("created_at", d.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        j.WriteString("label", d.Label);
        j.WriteString("profile", d.Profile);
        j.WriteString("scenario", d.Scenario);
        j.WriteString("profile_digest", d.ProfileDigest);
        j.WriteStartObject("catalog");
        j.WriteString("name", d.Catalog.Name);
        j.WriteString("version", d.Catalog.Version);
        j.WriteString("digest", d.Catalog.Digest);
        j.WriteEndObject();
        j.WriteString("evidence", d.Input.Evidence);
        j.WriteBoolean("feasible", d.Summary.Feasible);
        j.WriteString("winner", d.Summary.Winner);
        if (d.Summary.FirstRankProbability is { } p)
        {
            j.WriteNumber("first_rank_probability", p);
        }
        else
        {
            j.WriteNull("first_rank_probability");
        }
        j.WriteString("href", "/v1/decisions/" + d.Id);
    }

    private IResult NotFound(HttpContext ctx, string id) =>
        BytesResult.Problem(ProblemBody.Of(404, "no-such-decision", $"there is no decision '{id}' in the store"), ctx);

    public IResult GetDecision(HttpContext ctx, string id)
    {
        if (Store.Get(id) is not { } d)
        {
            return NotFound(ctx, id);
        }
        return BytesResult.Json(Render(w => Json.Write(w, j =>
        {
            j.WriteStartObject();
            j.WriteStartObject("meta");
            WriteMeta(j, d);
            j.WriteEndObject();
            j.WriteStartObject("input");
            j.WriteString("profile_kind", d.Input.ProfileKind);
            j.WriteString("profile", d.Input.ProfileText);
            j.WriteString("evidence", d.Input.Evidence);
            WriteMap(j, "weights", d.Input.Weights, (k, v) => j.WriteNumber(k, v));
            WriteMap(j, "host", d.Input.Host, (k, v) => j.WriteBoolean(k, v));
            j.WriteBoolean("robustness", d.Input.Robustness);
            j.WriteNumber("samples", d.Input.Samples);
            j.WriteNumber("seed", d.Input.Seed);
            j.WriteBoolean("sample_weights", d.Input.SampleWeights);
            j.WriteNumber("top", d.Input.Top);
            j.WriteEndObject();
            j.WritePropertyName("decision");
            using (var doc = JsonDocument.Parse(d.ResultJson))
            {
                doc.RootElement.WriteTo(j);
            }
            j.WriteObjects("decisive_facts", d.Summary.Facts, f =>
            {
                j.WriteString("technology", f.Technology);
                j.WriteString("fact", f.Fact);
                j.WriteString("measures", f.Measures);
                j.WriteString("value", f.Value);
                j.WriteString("used_for", f.UsedFor);
                j.WriteBoolean("flagged", f.Flagged);
                j.WriteString("provenance", f.Provenance);
            });
            j.WriteEndObject();
        })));
    }

    private static void WriteMap<T>(Utf8JsonWriter j, string name, ImmutableSortedDictionary<string, T>? map, Action<string, T> write)
    {
        if (map is null)
        {
            j.WriteNull(name);
            return;
        }
        j.WriteStartObject(name);
        foreach (var (k, v) in map)
        {
            write(k, v);
        }
        j.WriteEndObject();
    }

    public IResult GetAdr(HttpContext ctx, string id)
    {
        if (Store.Get(id) is not { } d)
        {
            return NotFound(ctx, id);
        }
        return d.Adr is { } adr
            ? new BytesResult(200, "text/markdown; charset=utf-8", Encoding.UTF8.GetBytes(adr))
            : BytesResult.Problem(ProblemBody.Of(409, "nothing-feasible", "nothing was feasible for this decision, so there is no stack to record in an ADR; the HTML report and the JSON say why"), ctx);
    }

    public IResult GetHtml(HttpContext ctx, string id) =>
        Store.Get(id) is { Html: { } html }
            ? new BytesResult(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html)) { Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:" } }
            : NotFound(ctx, id);

    public async Task<IResult> Explain(HttpContext ctx)
    {
        var (body, problem) = await ReadBody(ctx, "stack").ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }
        if (body.Stack is null)
        {
            return BytesResult.Problem(ProblemBody.FromBody([new BodyError("/stack", "missing-field", "explain needs a stack such as \"runtime=wasmedge\" or \"k3s,crun\"")]), ctx);
        }
        return await Gated(ctx, cancel =>
        {
            var outcome = _app.Explain(Request(body, cancel), body.Stack);
            return outcome.Value is { } e
                ? BytesResult.Json(Render(w => ExplainJson.Write(w, e.Decision, e.Asked, e.Assessment)))
                : BadInput(ctx, outcome, body);
        }).ConfigureAwait(false);
    }

    public async Task<IResult> Compare(HttpContext ctx)
    {
        var (body, problem) = await ReadBody(ctx, "a", "b").ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }
        if (body.A is null || body.B is null)
        {
            return BytesResult.Problem(ProblemBody.FromBody([.. new[] { ("a", body.A), ("b", body.B) }.Where(x => x.Item2 is null)
                .Select(x => new BodyError("/" + x.Item1, "missing-field", $"compare needs two stacks, a and b, such as \"k3s,wasmedge\"; {x.Item1} is missing"))]), ctx);
        }
        return await Gated(ctx, cancel =>
        {
            var outcome = _app.Compare(Request(body, cancel), body.A, body.B);
            return outcome.Value is { } c
                ? BytesResult.Json(Render(w => ExplainJson.WriteComparison(w, c.Decision, c.First, c.Second, c.Comparison)))
                : BadInput(ctx, outcome, body);
        }).ConfigureAwait(false);
    }

    // ---- the catalogue ----

    public IResult Technologies(HttpContext ctx)
    {
        var layer = ctx.Request.Query["layer"].ToString() is { Length: > 0 } l ? l : null;
        var outcome = _app.ListTechnologies(_options.Catalog, layer);
        return outcome.Value is { } list
            ? BytesResult.Json(Render(w => CatalogJson.WriteList(w, list.Catalog, list.Technologies)))
            : Fix400(BadInput(ctx, outcome, null));
    }

    public IResult Technology(HttpContext ctx, string id)
    {
        var outcome = _app.ShowTechnology(_options.Catalog, id);
        return outcome.Value is { } t
            ? BytesResult.Json(Render(w => CatalogJson.WriteTechnology(w, t.Catalog, t.Technology)))
            : outcome.Failed == RequestPart.Catalogue ? BadInput(ctx, outcome, null)
            : BytesResult.Problem(ProblemBody.Of(404, ProblemCodes.UnknownTechnology, outcome.Problems.FirstOrDefault()?.Message ?? $"there is no technology '{id}'"), ctx);
    }

    /// <summary>A query parameter's bad value is a 400, not a 422 (there is no body to point into).</summary>
    private static IResult Fix400(IResult r) => r is BytesResult { Status: 422 } b
        ? new BytesResult(400, ProblemBody.MediaType, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b.Body).Replace("\"status\": 422", "\"status\": 400", StringComparison.Ordinal)
            .Replace("\"title\": \"Unprocessable Content\"", "\"title\": \"Bad Request\"", StringComparison.Ordinal)))
        : r;

    public IResult Scenarios(HttpContext ctx)
    {
        var outcome = _app.LoadCatalog(_options.Catalog);
        if (outcome.Value is not { } c)
        {
            return BadInput(ctx, outcome, null);
        }
        return BytesResult.Json(Render(w => Json.Write(w, j =>
        {
            j.WriteStartObject();
            j.WriteObjects("scenarios", c.Scenarios, s =>
            {
                j.WriteString("id", s.Id);
                j.WriteString("name", s.Name);
                j.WriteString("summary", s.Summary);
                WriteMap(j, "weights", s.Weights?.Value, (k, v) => j.WriteNumber(k, v));
                j.WriteString("example", PageAssets.Example(s.Id) is null ? null : s.Id);
            });
            j.WriteObjects("criteria", c.Criteria, cr =>
            {
                j.WriteString("id", cr.Id);
                j.WriteString("name", cr.Name);
                j.WriteString("summary", cr.Summary);
            });
            j.WriteStartObject("catalog");
            j.WriteString("name", c.Manifest.Name);
            j.WriteString("version", c.Manifest.Version);
            j.WriteString("digest", c.Digest);
            j.WriteEndObject();
            j.WriteEndObject();
        })));
    }

    public static IResult Examples() => BytesResult.Json(Render(w => Json.Write(w, j =>
    {
        j.WriteStartArray();
        foreach (var (name, text) in PageAssets.Examples)
        {
            j.WriteStartObject();
            j.WriteString("name", name);
            j.WriteString("profile", text);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    })));

    public async Task<IResult> Radar(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var format = q["format"].ToString() is { Length: > 0 } f ? f : "backstage";
        if (format is not ("backstage" or "zalando" or "byor"))
        {
            return BytesResult.Problem(ProblemBody.Of(400, "unknown-format", $"there is no radar format '{format}'; formats: backstage, zalando, byor"), ctx);
        }
        var scenario = q["scenario"].ToString() is { Length: > 0 } s ? s : null;
        var evidence = q["evidence"].ToString() is { Length: > 0 } e ? e : "sourced";
        return await Gated(ctx, cancel =>
        {
            var outcome = _app.Radar(_options.Catalog, scenario, evidence, cancel);
            if (outcome.Value is not { } radar)
            {
                return Fix400(BadInput(ctx, outcome, null));
            }
            var day = _app.Today;
            return format switch
            {
                "zalando" => BytesResult.Json(Render(w => RadarJson.Zalando(w, radar.Entries, day))),
                "byor" => new BytesResult(200, "text/csv; charset=utf-8", Encoding.UTF8.GetBytes(Render(w => RadarCsv.Byor(w, radar.Entries)))),
                _ => BytesResult.Json(Render(w => RadarJson.Backstage(w, radar.Entries, day))),
            };
        }).ConfigureAwait(false);
    }

    public async Task<IResult> Drift(HttpContext ctx)
    {
        var (query, problem) = Query(ctx);
        if (query is null)
        {
            return problem!;
        }
        var kept = Store.All(query with { Cursor = null, Limit = 200 }).Select(d => d.Kept).ToList();
        return await Gated(ctx, cancel =>
        {
            var outcome = _app.Drift(kept, _options.Catalog, cancel);
            return outcome.Value is { } report ? BytesResult.Json(Render(w => DriftJson.Write(w, report))) : BadInput(ctx, outcome, null);
        }).ConfigureAwait(false);
    }

    // ---- health ----

    public static IResult Healthz() => BytesResult.Json("{\n  \"status\": \"ok\"\n}\n");

    public IResult Readyz(HttpContext ctx) => Store.Ping()
        ? BytesResult.Json("{\n  \"status\": \"ready\",\n  \"store\": \"ok\"\n}\n")
        : BytesResult.Problem(ProblemBody.Of(503, "store-unavailable", $"the store {Store.Location} does not answer"), ctx);
}
