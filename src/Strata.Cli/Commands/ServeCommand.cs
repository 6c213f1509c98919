using System.CommandLine;
using Strata.Server;

namespace Strata.Cli.Commands;

/// <summary><c>strata serve</c>: the REST API, the web page and the decision history in one process, on loopback unless told otherwise.</summary>
public static class ServeCommand
{
    public static Command Build(CliEnvironment env)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (loopback by default; several separated by ';').", DefaultValueFactory = _ => "http://127.0.0.1:8080", HelpName = "URLS" };
        var store = StoreOption.Create("The decision history: a SQLite file (created when missing) or a PostgreSQL database, postgres://USER:PASSWORD@HOST:PORT/DB.");
        var tokenFile = new Option<string?>("--token-file") { Description = "A file holding the bearer token that POST /v1/decisions needs (Authorization: Bearer TOKEN); without it anyone who reaches the server may write.", HelpName = "FILE" };
        var max = new Option<int>("--max-evaluations") { Description = "Evaluations that may run at once; beyond that a request gets 429 with Retry-After.", DefaultValueFactory = _ => 4, HelpName = "N" };
        max.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1024)
            {
                r.AddError("--max-evaluations must be between 1 and 1024.");
            }
        });
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds one evaluation may take before its request gets 503.", DefaultValueFactory = _ => 30, HelpName = "SECONDS" };
        timeLimit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 3600))
            {
                r.AddError("--time-limit must be more than 0 and at most 3600 seconds.");
            }
        });
        var cacheMib = new Option<int>("--cache-mib") { Description = "The most memory (MiB) the cache of repeated evaluations may hold, besides its 512-entry bound; 0 turns it off.", DefaultValueFactory = _ => 64, HelpName = "MIB" };
        cacheMib.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 16384)
            {
                r.AddError("--cache-mib must be between 0 and 16384.");
            }
        });
        var cmd = new Command("serve",
            "Serve Strata over HTTP: the API under /v1 (OpenAPI at /openapi/v1.json, RFC 9457 problems), the web page at /, " +
            "/healthz, /readyz and /metrics; decisions posted to /v1/decisions are kept in the store. Bodies above 1 MiB get 413, " +
            "other content types 415, bad profiles 422 with line:column. SIGTERM or Ctrl-C finishes in-flight requests, then stops.\n\n" +
            "Examples:\n  strata serve\n  strata serve --urls http://127.0.0.1:9000 --store /var/lib/strata/history.db\n" +
            "  strata serve --store postgres://strata@db.internal:5432/strata?sslmode=require\n" +
            "  strata serve --token-file /etc/strata/token --max-evaluations 4 --time-limit 10\n" +
            "  curl -s -X POST localhost:8080/v1/evaluate -H 'content-type: application/json' -d '{\"profile\":\"edge\"}'\n\n" +
            "Exit codes: 0 stopped cleanly, 2 bad input (the catalogue, the store or the token file cannot be used).")
        {
            urls, store, tokenFile, max, timeLimit, cacheMib,
        };
        cmd.SetAction(parse =>
        {
            string? token = null;
            if (parse.GetValue(tokenFile) is { } file)
            {
                try
                {
                    token = File.ReadAllText(file).Trim();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    env.Error.WriteLine($"strata: the token file {file} cannot be read: {e.Message}");
                    return ExitCodes.BadInput;
                }
                if (token.Length < 16)
                {
                    env.Error.WriteLine($"strata: the token in {file} is {token.Length} characters long; use at least 16 (e.g. openssl rand -hex 32).");
                    return ExitCodes.BadInput;
                }
            }
            var options = new ServerOptions
            {
                Urls = parse.GetValue(urls)!,
                StorePath = parse.GetValue(store)!,
                Catalog = GlobalOptions.CatalogOf(parse),
                Token = token,
                MaxEvaluations = parse.GetValue(max),
                TimeLimit = TimeSpan.FromSeconds(parse.GetValue(timeLimit)),
                CacheBytes = parse.GetValue(cacheMib) * 1024L * 1024,
            };
            return StrataServer.RunAsync(options, env.Out, env.Error).GetAwaiter().GetResult();
        });
        return cmd;
    }
}

/// <summary>The --store option of serve, drift and history.</summary>
public static class StoreOption
{
    public const string Default = "strata.db";

    public static Option<string> Create(string description) =>
        new("--store") { Description = description, DefaultValueFactory = _ => Default, HelpName = "PATH|URI" };
}
