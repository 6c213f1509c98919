using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Strata.Application;
using Strata.Server;
using Strata.Store;

namespace Strata.Server.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 (port chosen by the system) over a temporary store; disposed after the tests that share it.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dir;

    private TestServer(WebApplication app, DecisionStore store, Api api, string dir, HttpClient client)
    {
        _app = app;
        Store = store;
        Api = api;
        _dir = dir;
        Client = client;
    }

    public DecisionStore Store { get; }

    public Api Api { get; }

    public HttpClient Client { get; }

    public static async Task<TestServer> Start(ServerOptions? options = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "strata-serve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        options ??= new ServerOptions();
        // A postgres:// store is the test's own (a database of the throwaway cluster); anything else is a SQLite file here.
        options = options with { Urls = "http://127.0.0.1:0", StorePath = DecisionStore.IsPostgres(options.StorePath) ? options.StorePath : Path.Combine(dir, "strata.db") };
        var store = DecisionStore.Open(options.StorePath);
        // The OpenAPI generator, as the document was made: from the endpoints' own metadata.
        var app = StrataServer.Build(options, new StrataApplication(), store,
            b => b.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new Microsoft.OpenApi.OpenApiInfo { Title = StrataServer.Title, Description = StrataServer.Description, Version = "1.0.0" };
                doc.Servers?.Clear();
                return Task.CompletedTask;
            })),
            a => a.MapOpenApi("/openapi/{documentName}.generated.json"));
        await app.StartAsync();
        var api = StrataServer.ApiOf(app);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
        return new TestServer(app, store, api, dir, client);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public Task<HttpResponseMessage> Post(string path, string json, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Store.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}

/// <summary>One server shared by the tests of a class (starting Kestrel and loading the catalogue once).</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.Start();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
