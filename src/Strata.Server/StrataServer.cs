using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Strata.Application;
using Strata.Store;

namespace Strata.Server;

/// <summary>Builds and runs <c>strata serve</c>: Kestrel on the given URLs, the API, the page, health, metrics and the OpenAPI document.</summary>
public static class StrataServer
{
    public const string Title = "Strata";

    public const string Description = "Decisions for virtualization, container and sandbox stacks: the same engine and JSON as the strata CLI. " +
        "Every error is an RFC 9457 problem (application/problem+json) with Strata's diagnostics.";

    /// <summary>The web application over <paramref name="store"/>, not yet started.</summary>
    /// <param name="configure">More services (the tests add the OpenAPI generator).</param>
    /// <param name="map">More endpoints (the tests map the generated document).</param>
    public static WebApplication Build(ServerOptions options, StrataApplication application, DecisionStore store,
        Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // A little above the documented limit, so that the endpoint (not Kestrel) says 413 with a problem body.
            k.Limits.MaxRequestBodySize = ServerOptions.MaxBodyBytes + 64 * 1024;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // snake_case like the decision contract; the OpenAPI document reads its names from these options.
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        configure?.Invoke(builder);
        var api = new Api(application, store, options);
        builder.Services.AddSingleton(api);
        var app = builder.Build();
        app.UseExceptionHandler(e => e.Run(async ctx =>
        {
            var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (error is System.Data.Common.DbException or TimeoutException)
            {
                // The store refused or did not answer in time (a PostgreSQL server away, a disk that stalls): nothing was
                // kept, and trying again later may work. Not a fault of Strata's, not the client's.
                app.Logger.LogWarning(error, "The store did not answer on {Path}", ctx.Request.Path.Value);
                await BytesResult.Problem(ProblemBody.Of(503, "store-unavailable", "the decision store did not answer (nothing was kept); try again shortly"), ctx,
                    new Dictionary<string, string> { ["Retry-After"] = "5" }).ExecuteAsync(ctx).ConfigureAwait(false);
                return;
            }
            // A fault inside Strata (never bad input): a 500 problem without the exception's text.
            var p = ProblemBody.Of(500, "internal-error", "an internal error in Strata; the server log has its trace");
            app.Logger.LogError(error, "Internal error on {Path}", ctx.Request.Path.Value);
            await BytesResult.Problem(p with { Title = "Internal Server Error" }, ctx).ExecuteAsync(ctx).ConfigureAwait(false);
        }));
        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next(ctx).ConfigureAwait(false);
            // Routing answers these itself, with no body: give them the problem body every other error has.
            if (ctx.Response is { HasStarted: false, StatusCode: 404 or 405 or 415 } r && r.ContentLength is null && r.ContentType is null)
            {
                var p = r.StatusCode switch
                {
                    404 => ProblemBody.Of(404, "no-such-endpoint", $"there is no endpoint {ctx.Request.Path.Value}; the API is described at /openapi/v1.json"),
                    405 => ProblemBody.Of(405, "method-not-allowed", $"{ctx.Request.Method} is not allowed on {ctx.Request.Path.Value}"),
                    _ => ProblemBody.Of(415, "unsupported-media-type",
                        $"the body must be application/json, not {(string.IsNullOrEmpty(ctx.Request.ContentType) ? "nothing" : ctx.Request.ContentType)}"),
                };
                await BytesResult.Problem(p, ctx).ExecuteAsync(ctx).ConfigureAwait(false);
            }
        });
        app.UseHttpMetrics();
        Map(app, api);
        app.MapGet("/openapi/v1.json", (HttpContext ctx) => new BytesResult(200, "application/json; charset=utf-8", PageAssets.OpenApi)).ExcludeFromDescription();
        map?.Invoke(app);
        app.MapMetrics();
        return app;
    }

    /// <summary>The endpoints' state of a built server (its gate, its store).</summary>
    public static Api ApiOf(WebApplication app) => app.Services.GetRequiredService<Api>();

    private static void Map(WebApplication app, Api api)
    {
        const string Json = "application/json";
        const string Problem = ProblemBody.MediaType;
        foreach (var (path, (type, body)) in PageAssets.Files)
        {
            app.MapGet(path, (HttpContext ctx) => Page(ctx, type, body)).ExcludeFromDescription();
        }
        app.MapGet("/healthz", () => Api.Healthz()).WithTags("strata").WithSummary("The process answers").Produces<Health>(200, Json);
        app.MapGet("/readyz", (HttpContext ctx) => api.Readyz(ctx)).WithTags("strata").WithSummary("The store answers")
            .Produces<Health>(200, Json).Produces<ProblemDocument>(503, Problem);

        var v1 = app.MapGroup("/v1").WithTags("Api");
        Bad(v1.MapPost("/evaluate", (HttpContext ctx, CancellationToken _) => api.Evaluate(ctx))
            .WithSummary("Decide for a profile; nothing is stored")
            .WithDescription("The same JSON as `strata recommend -o json` (robustness on, 2000 samples, seed 42, top 5 unless the body says otherwise). Cached: the same body gives the same bytes.")
            .Accepts<EvaluateBody>(Json).Produces<DecisionDocument>(200, Json));
        Bad(v1.MapPost("/decisions", (HttpContext ctx, CancellationToken _) => api.CreateDecision(ctx))
            .WithSummary("Decide for a profile and keep the decision")
            .WithDescription("201 with Location /v1/decisions/{id}; the body is the decision JSON. Needs 'Authorization: Bearer TOKEN' when the server was started with --token-file.")
            .Accepts<DecideBody>(Json).Produces<DecisionDocument>(201, Json).Produces<ProblemDocument>(401, Problem));
        v1.MapGet("/decisions", (HttpContext ctx) => api.ListDecisions(ctx))
            .WithSummary("Stored decisions, newest first")
            .WithDescription("Filters: profile (name), scenario, label, since (ISO 8601). Pages: limit (1-200, default 20) and cursor (the previous page's next).")
            .Produces<DecisionList>(200, Json).Produces<ProblemDocument>(400, Problem);
        v1.MapGet("/decisions/{id}", (HttpContext ctx, string id) => api.GetDecision(ctx, id))
            .WithSummary("One stored decision: what was asked and the decision").Produces<StoredDecisionBody>(200, Json).Produces<ProblemDocument>(404, Problem);
        v1.MapGet("/decisions/{id}/adr", (HttpContext ctx, string id) => api.GetAdr(ctx, id))
            .WithSummary("The stored decision as an ADR (MADR 4.0 Markdown)").Produces<string>(200, "text/markdown")
            .Produces<ProblemDocument>(404, Problem).Produces<ProblemDocument>(409, Problem);
        v1.MapGet("/decisions/{id}/html", (HttpContext ctx, string id) => api.GetHtml(ctx, id))
            .WithSummary("The stored decision as the HTML report").Produces<string>(200, "text/html").Produces<ProblemDocument>(404, Problem);
        Bad(v1.MapPost("/explain", (HttpContext ctx, CancellationToken _) => api.Explain(ctx))
            .WithSummary("One stack examined against a profile (strata explain -o json)").Accepts<ExplainBody>(Json).Produces<JsonObjectDocument>(200, Json));
        Bad(v1.MapPost("/compare", (HttpContext ctx, CancellationToken _) => api.Compare(ctx))
            .WithSummary("Two stacks side by side (strata compare -o json)").Accepts<CompareBody>(Json).Produces<JsonObjectDocument>(200, Json));
        v1.MapGet("/catalog/technologies", (HttpContext ctx) => api.Technologies(ctx))
            .WithSummary("The catalogue's technologies (strata catalog list -o json); ?layer= for one layer")
            .Produces<JsonObjectDocument>(200, Json).Produces<ProblemDocument>(400, Problem);
        v1.MapGet("/catalog/technologies/{id}", (HttpContext ctx, string id) => api.Technology(ctx, id))
            .WithSummary("One technology with every fact and its provenance (strata catalog show -o json)")
            .Produces<JsonObjectDocument>(200, Json).Produces<ProblemDocument>(404, Problem);
        v1.MapGet("/scenarios", (HttpContext ctx) => api.Scenarios(ctx))
            .WithSummary("The catalogue's scenarios with their default weights, and the criteria").Produces<ScenarioList>(200, Json);
        v1.MapGet("/examples", () => Api.Examples()).WithSummary("The bundled example profiles (one per scenario)").Produces<ExampleItem[]>(200, Json);
        v1.MapGet("/radar", (HttpContext ctx, CancellationToken _) => api.Radar(ctx))
            .WithSummary("A technology radar (strata radar): ?format=backstage|zalando|byor, ?scenario=, ?evidence=")
            .Produces<JsonObjectDocument>(200, Json).Produces<ProblemDocument>(400, Problem).Produces<ProblemDocument>(429, Problem).Produces<ProblemDocument>(503, Problem);
        v1.MapGet("/drift", (HttpContext ctx, CancellationToken _) => api.Drift(ctx))
            .WithSummary("Stored decisions re-decided on this catalogue: those whose winner, feasibility or first-rank probability (> 10 points) changed")
            .WithDescription("Filters as GET /v1/decisions. Always 200; `drifted` says whether anything did.")
            .Produces<DriftDocument>(200, Json).Produces<ProblemDocument>(400, Problem).Produces<ProblemDocument>(429, Problem).Produces<ProblemDocument>(503, Problem);
    }

    /// <summary>The problems every endpoint with a body can answer.</summary>
    private static void Bad(RouteHandlerBuilder b)
    {
        foreach (var status in new[] { 400, 413, 415, 422, 429, 503 })
        {
            b.Produces<ProblemDocument>(status, ProblemBody.MediaType);
        }
    }

    private static IResult Page(HttpContext ctx, string type, byte[] body)
    {
        // The page runs only its own script and talks only to this server.
        ctx.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
        return new BytesResult(200, type, body);
    }

    /// <summary>
    /// Runs until SIGTERM or Ctrl-C: in-flight requests finish, then the store closes. Returns an exit code:
    /// 2 when the catalogue or the store cannot be used (nothing was served).
    /// </summary>
    public static async Task<int> RunAsync(ServerOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var application = new StrataApplication();
        var catalog = application.LoadCatalog(options.Catalog);
        if (catalog.Value is null)
        {
            foreach (var d in catalog.Diagnostics)
            {
                await error.WriteLineAsync(d.ToString()).ConfigureAwait(false);
            }
            foreach (var p in catalog.Problems)
            {
                await error.WriteLineAsync($"strata: {p.Message}.").ConfigureAwait(false);
            }
            return 2;
        }
        DecisionStore store;
        try
        {
            store = DecisionStore.Open(options.StorePath);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or StoreLocationException or InvalidOperationException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await error.WriteLineAsync($"strata: the store {(DecisionStore.IsPostgres(options.StorePath) ? PostgresUri.Redact(options.StorePath) : options.StorePath)} cannot be used: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        using (store)
        {
            await using var app = Build(options, application, store);
            await app.StartAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"strata serve: listening on {string.Join(", ", app.Urls)} (store {store.Location}, {catalog.Value.Manifest.Name} {catalog.Value.Manifest.Version}" +
                $"{(options.Token is null ? "" : ", writes need the bearer token")}); Ctrl-C or SIGTERM stops it").ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }
        return 0;
    }
}

/// <summary>A JSON object whose shape is the matching CLI command's -o json.</summary>
public sealed record JsonObjectDocument;
