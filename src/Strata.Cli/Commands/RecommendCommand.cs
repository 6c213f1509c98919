using System.CommandLine;
using Strata.Application;
using Strata.Application.Requests;
using Strata.Cli.Rendering;
using Strata.Engine.Robustness;
using Strata.Model.Diagnostics;
using Strata.Rendering.Json;
using Strata.Rendering.Markdown;

namespace Strata.Cli.Commands;

/// <summary><c>strata recommend PROFILE</c>: ask the application layer to decide, render. Exit 1 when nothing is feasible.</summary>
public static class RecommendCommand
{
    public static Command Build(CliEnvironment env)
    {
        var profileArg = new Argument<string>("PROFILE") { Description = "A profile file (YAML), or a scenario id such as 'edge' or 'serverless' (an unknown id lists them all)." };
        var output = GlobalOptions.Output("table", "json", "markdown");
        var top = new Option<int>("--top") { Description = "How many ranked stacks to show.", DefaultValueFactory = _ => 5, HelpName = "N" };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--top must be at least 1.");
            }
        });
        var evidence = GlobalOptions.Evidence();
        var noRobustness = new Option<bool>("--no-robustness") { Description = "Skip weight stability, Monte Carlo acceptability, the Pareto front and the TOPSIS check." };
        var samples = new Option<int>("--samples") { Description = "Monte Carlo samples over the figures' ranges: each figure drawn on its own, for the ranks of the best 20 stacks and for first rank over every feasible stack (robustness.all_stacks).", DefaultValueFactory = _ => 2000, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Seed of the Monte Carlo sampling; the same seed gives the same output.", DefaultValueFactory = _ => 42, HelpName = "S" };
        var sampleWeights = new Option<bool>("--sample-weights") { Description = "Also sample each weight within ±20% of the given one." };
        var forceAhp = new Option<bool>("--force-ahp") { Description = "Use AHP weights even when their consistency ratio exceeds 0.1." };
        var strict = new Option<bool>("--strict")
        {
            Description = "Only stacks known to meet every requirement: a stack whose figure is missing or only partly meets one is removed " +
                "(and listed as eliminated) instead of ranked after the known ones.",
        };
        var measurements = new Option<string?>("--measurements") { Description = "Measured evidence 'strata measure --save' wrote; with --evidence measured (or sourced) this host's figures decide.", HelpName = "FILE" };
        var hostOption = new Option<string?>("--host") { Description = "Host facts from a file 'strata probe -o yaml' wrote, or 'local' to probe this host now; they override the profile's host: block.", HelpName = "FILE|local" };
        var store = new Option<string?>("--store") { Description = "Also keep the decision in this history, a SQLite file or a postgres:// URI (strata history, strata drift, strata serve read it).", HelpName = "PATH|URI" };
        samples.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1_000_000)
            {
                r.AddError("--samples must be between 1 and 1,000,000.");
            }
        });
        var cmd = new Command("recommend",
            "Choose the stack for a profile: derive requirements from the catalogue's rules, match every technology's specs, " +
            "compose the feasible stacks, score them (Score = Σ wᵢ·fᵢ) and explain the ranking, the eliminations and the trees.\n\n" +
            "Examples:\n  strata recommend examples/edge.yaml\n  strata recommend edge -o json\n  strata recommend profile.yaml --top 10 -o markdown\n\n" +
            "Exit codes: 0 a stack was chosen, 1 nothing is feasible (the conflicting constraints are named), 2 bad input.")
        {
            profileArg,
            output,
            top,
            evidence,
            noRobustness,
            samples,
            seed,
            sampleWeights,
            forceAhp,
            strict,
            hostOption,
            measurements,
            store,
        };
        cmd.SetAction(parse =>
        {
            var request = GlobalOptions.Request(parse, profileArg, evidence) with
            {
                Measurements = parse.GetValue(measurements),
                Host = parse.GetValue(hostOption) is { } host ? HostSource.Parse(host) : null,
                Robustness = parse.GetValue(noRobustness) ? null
                    : new RobustnessOptions(parse.GetValue(samples), parse.GetValue(seed), SampleWeights: parse.GetValue(sampleWeights)),
                ForceAhp = parse.GetValue(forceAhp),
                Strict = parse.GetValue(strict),
            };
            var storePath = parse.GetValue(store);
            if (storePath is not null && (request.Measurements is not null || request.Host is not null || request.Strict || parse.GetValue(forceAhp)))
            {
                env.Error.WriteLine("strata: --store keeps the profile, evidence, weights and sampling; it cannot yet keep --measurements, --host, --strict or --force-ahp, so drift could not decide it again. Leave those out to keep the decision.");
                return ExitCodes.BadInput;
            }
            var outcome = storePath is null ? env.Application.Decide(request) : Keep(env, request, storePath, parse.GetValue(profileArg)!, parse.GetValue(top));
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } decision)
            {
                if (outcome.Failed == RequestPart.Profile)
                {
                    env.Error.WriteLine($"strata: the profile has {DiagnosticsRenderer.Plural(outcome.Diagnostics.Count(d => d.Severity == Severity.Error), "error")}; nothing was decided.");
                }
                return code;
            }
            var n = parse.GetValue(top);
            switch (parse.GetValue(output))
            {
                case "json":
                    DecisionJson.Write(env.Out, decision, n);
                    break;
                case "markdown":
                    DecisionMarkdown.Write(env.Out, decision, n);
                    break;
                default:
                    DecisionTables.Write(env.Console, decision, n);
                    break;
            }
            return code;
        });
        return cmd;
    }

    /// <summary>Decides (with the plan an ADR needs) and keeps the decision; the profile is kept as its text, or as the scenario id it names.</summary>
    private static Outcome<Engine.Decisions.Decision> Keep(CliEnvironment env, DecisionRequest request, string storePath, string profile, int top)
    {
        var input = HistoryCommands.InputOf(request, profile, top);
        var report = env.Application.Report(request);
        if (report.Value is not { } r)
        {
            return report.As<Engine.Decisions.Decision>();
        }
        if (!HistoryCommands.Keep(env, storePath, input, r))
        {
            return Outcome.BadInput<Engine.Decisions.Decision>(RequestPart.Request, []);
        }
        return new Outcome<Engine.Decisions.Decision>(report.Kind, r.Decision, report.Diagnostics, report.Problems);
    }
}
