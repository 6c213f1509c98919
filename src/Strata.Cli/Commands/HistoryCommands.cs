using System.CommandLine;
using System.Globalization;
using Strata.Application;
using Strata.Cli.Rendering;
using Strata.Store;

namespace Strata.Cli.Commands;

/// <summary><c>strata drift</c> and <c>strata history list|show</c>: the kept decisions, and whether they still hold on today's catalogue.</summary>
public static class HistoryCommands
{
    /// <summary>The store at the path, or null (after saying why on standard error) when it cannot be opened.</summary>
    private static DecisionStore? Open(CliEnvironment env, string path, bool mustExist = true)
    {
        if (mustExist && !DecisionStore.IsPostgres(path) && !File.Exists(path))
        {
            env.Error.WriteLine($"strata: there is no store '{path}' (strata serve or strata recommend --store writes one).");
            return null;
        }
        try
        {
            return DecisionStore.Open(path);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or StoreLocationException or InvalidOperationException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or TimeoutException)
        {
            env.Error.WriteLine($"strata: the store {(DecisionStore.IsPostgres(path) ? PostgresUri.Redact(path) : path)} cannot be used: {e.Message}");
            return null;
        }
    }

    public static Command Drift(CliEnvironment env)
    {
        var store = StoreOption.Create("The decision history to check.");
        var output = GlobalOptions.Output("table", "json");
        var label = new Option<string?>("--label") { Description = "Only the decisions with this label.", HelpName = "LABEL" };
        var profile = new Option<string?>("--profile") { Description = "Only the decisions of this profile (its name).", HelpName = "NAME" };
        var cmd = new Command("drift",
            "Decide every kept decision again on the current catalogue (--catalog DIR, or the bundled one) and list those that drifted: " +
            "the winner or feasibility changed, or the winner's first-rank probability moved by more than 10 points; each with the " +
            "decisive facts whose values changed.\n\nExamples:\n  strata drift\n  strata drift --store history.db --catalog ./my-catalog -o json\n\n" +
            "Exit codes: 0 nothing drifted, 1 something drifted, 2 bad input.")
        {
            store, output, label, profile,
        };
        cmd.SetAction(parse =>
        {
            using var s = Open(env, parse.GetValue(store)!);
            if (s is null)
            {
                return ExitCodes.BadInput;
            }
            var kept = s.All(new DecisionQuery { Label = parse.GetValue(label), Profile = parse.GetValue(profile) }).Select(d => d.Kept);
            var outcome = env.Application.Drift(kept, GlobalOptions.CatalogOf(parse));
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } report)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                DriftJson.Write(env.Out, report);
            }
            else
            {
                HistoryTables.Drift(env.Console, report);
            }
            return code;
        });
        return cmd;
    }

    public static Command History(CliEnvironment env)
    {
        var list = new Command("list", "The kept decisions, newest first.\n\nExamples:\n  strata history list\n  strata history list --store history.db --limit 50");
        var store = StoreOption.Create("The decision history.");
        var limit = new Option<int>("--limit") { Description = "How many to list.", DefaultValueFactory = _ => 20, HelpName = "N" };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--limit must be between 1 and 1000.");
            }
        });
        list.Options.Add(store);
        list.Options.Add(limit);
        list.SetAction(parse =>
        {
            using var s = Open(env, parse.GetValue(store)!);
            if (s is null)
            {
                return ExitCodes.BadInput;
            }
            HistoryTables.List(env.Console, s.List(new DecisionQuery { Limit = parse.GetValue(limit) }).Items);
            return ExitCodes.Ok;
        });
        var show = new Command("show", "One kept decision as its JSON (what strata recommend -o json wrote then).\n\nExamples:\n  strata history show 3f2a9c0d41b7e658");
        var id = new Argument<string>("ID") { Description = "The decision's id (strata history list shows them)." };
        var showStore = StoreOption.Create("The decision history.");
        show.Arguments.Add(id);
        show.Options.Add(showStore);
        show.SetAction(parse =>
        {
            using var s = Open(env, parse.GetValue(showStore)!);
            if (s is null)
            {
                return ExitCodes.BadInput;
            }
            if (s.Get(parse.GetValue(id)!) is not { } d)
            {
                env.Error.WriteLine($"strata: there is no decision '{parse.GetValue(id)}' in {s.Location}; 'strata history list' shows them.");
                return ExitCodes.BadInput;
            }
            env.Out.Write(d.ResultJson);
            return ExitCodes.Ok;
        });
        return new Command("history", "The decisions kept by strata serve and strata recommend --store.\n\nExamples:\n  strata history list\n  strata history show ID") { list, show };
    }

    /// <summary>What a CLI command was asked, as a store keeps it (so that drift can decide it again): the profile file's text or the scenario id, evidence and sampling.</summary>
    public static DecisionInput InputOf(Application.Requests.DecisionRequest request, string profile, int top)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (File.Exists(profile) ? new DecisionInput(DecisionInput.Yaml, profile, File.ReadAllText(profile)) : new DecisionInput(DecisionInput.ScenarioKind, profile, profile)) with
        {
            Evidence = request.Evidence,
            Robustness = request.Robustness is not null,
            Samples = request.Robustness?.Samples ?? 2000,
            Seed = request.Robustness?.Seed ?? 42,
            SampleWeights = request.Robustness?.SampleWeights ?? false,
            Top = top,
        };
    }

    /// <summary>Keeps a decision <c>recommend --store</c> or <c>report --store</c> made; false (after saying why) when the store cannot be used.</summary>
    public static bool Keep(CliEnvironment env, string path, DecisionInput input, Application.Results.DecisionReport report)
    {
        using var s = Open(env, path, mustExist: false);
        if (s is null)
        {
            return false;
        }
        var record = DecisionRecords.Make(DecisionStore.NewId(), input, report, null, env.Application.Clock.GetUtcNow());
        s.Add(record);
        env.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"strata: kept as decision {record.Id} in {s.Location}"));
        return true;
    }
}
