using System.CommandLine;
using Strata.Application.Requests;
using Strata.Cli.Rendering;
using Strata.Rendering.Json;

namespace Strata.Cli.Commands;

/// <summary><c>strata catalog validate|list|show|coverage|capabilities|synth</c>: thin commands; loading and rendering live elsewhere.</summary>
public static class CatalogCommands
{
    public static Command Build(CliEnvironment env)
    {
        var catalog = new Command("catalog", "Inspect and check the knowledge base: technologies, scenarios, rules, trees, tables and cases.");
        catalog.Subcommands.Add(Validate(env));
        catalog.Subcommands.Add(List(env));
        catalog.Subcommands.Add(Show(env));
        catalog.Subcommands.Add(Coverage(env));
        catalog.Subcommands.Add(Capabilities(env));
        catalog.Subcommands.Add(Synth(env));
        return catalog;
    }

    private static Command Synth(CliEnvironment env)
    {
        var n = new Option<int>("--technologies") { Description = "How many technologies, spread over the five core layers.", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed writes the same catalogue.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var dir = new Argument<string>("DIR") { Description = "Directory to write (created; must be empty or absent)." };
        n.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 5 or > 100_000)
            {
                r.AddError("--technologies must be between 5 and 100,000.");
            }
        });
        var cmd = new Command("synth",
            "Write a synthetic catalogue for scale tests: N technologies over the five core layers with a realistic spread of " +
            "figures and some requires/excludes rules, extending the bundled catalogue. Every figure is marked synthetic.\n\n" +
            "Example:\n  strata catalog synth --technologies 1000 --seed 1 /tmp/synth\n  strata recommend edge --catalog /tmp/synth")
        {
            n,
            seed,
            dir,
        };
        cmd.SetAction(parse =>
        {
            var outcome = env.Application.WriteSyntheticCatalog(parse.GetValue(dir)!, parse.GetValue(n), parse.GetValue(seed));
            var code = Answers.Report(env, outcome);
            if (outcome.Value is { } written)
            {
                env.Out.WriteLine($"wrote {written.Technologies} technologies and {written.Rules} rules to {written.Path} (seed {written.Seed})");
            }
            return code;
        });
        return cmd;
    }

    private static Command Validate(CliEnvironment env)
    {
        var dir = new Argument<string?>("DIR")
        {
            Description = "A catalogue directory to check. Without it, the bundled catalogue is checked.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = GlobalOptions.Output("table", "json");
        var cmd = new Command("validate",
            "Check a catalogue: YAML, units, fields, ids, references, trees, provenance. Reports every problem at once " +
            "as FILE:LINE:COLUMN and exits 2 if there is any error.\n\nExamples:\n  strata catalog validate\n  strata catalog validate ./my-catalog -o json")
        {
            dir,
            output,
        };
        cmd.SetAction(parse =>
        {
            var outcome = env.Application.Validate(CatalogLocation.From(parse.GetValue(dir) ?? parse.GetValue(GlobalOptions.Catalog)));
            if (outcome.Value is not { } validation)
            {
                return Answers.Report(env, outcome);
            }
            if (parse.GetValue(output) == "json")
            {
                CatalogJson.WriteValidation(env.Out, validation.Result, validation.Source);
                return Answers.ExitCode(outcome.Kind);
            }
            var code = Answers.Report(env, outcome);
            if (validation.Result.Catalog is { } catalog)
            {
                CatalogTables.WriteSummary(env.Console, catalog, validation.Source, validation.Result.FileCount, validation.Result.Warnings.Count());
            }
            return code;
        });
        return cmd;
    }

    private static Command List(CliEnvironment env)
    {
        var layer = new Option<string?>("--layer") { Description = "Only technologies of this layer (e.g. runtime, orchestration).", HelpName = "LAYER" };
        var output = GlobalOptions.Output("table", "json");
        var cmd = new Command("list",
            "List the catalogue's technologies with their layer.\n\nExamples:\n  strata catalog list\n  strata catalog list --layer runtime -o json")
        {
            layer,
            output,
        };
        cmd.SetAction(parse =>
        {
            var outcome = env.Application.ListTechnologies(GlobalOptions.CatalogOf(parse), parse.GetValue(layer));
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } list)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                CatalogJson.WriteList(env.Out, list.Catalog, list.Technologies);
            }
            else
            {
                CatalogTables.WriteList(env.Console, list.Catalog, list.Technologies);
            }
            return code;
        });
        return cmd;
    }

    private static Command Show(CliEnvironment env)
    {
        var id = new Argument<string>("ID") { Description = "A technology id, e.g. firecracker (see 'strata catalog list')." };
        var output = GlobalOptions.Output("table", "json");
        var cmd = new Command("show",
            "Show one technology: every fact with its provenance (seed section, primary source, or measurement) and, " +
            "where research disputes a seed claim, its status.\n\nExamples:\n  strata catalog show firecracker\n  strata catalog show k3s -o json")
        {
            id,
            output,
        };
        cmd.SetAction(parse =>
        {
            var outcome = env.Application.ShowTechnology(GlobalOptions.CatalogOf(parse), parse.GetValue(id)!);
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } shown)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                CatalogJson.WriteTechnology(env.Out, shown.Catalog, shown.Technology);
            }
            else
            {
                CatalogTables.WriteTechnology(env.Console, shown.Catalog, shown.Technology);
            }
            return code;
        });
        return cmd;
    }

    private static Command Coverage(CliEnvironment env)
    {
        var layer = new Option<string?>("--layer") { Description = "Only this layer, with every cell that has no figure.", HelpName = "LAYER" };
        var gaps = new Option<bool>("--gaps") { Description = "List every technology × term cell without a figure (nothing, or an explicit unknown)." };
        var require = new Option<double?>("--require")
        {
            Description = "Exit 1 when a layer has figures for less than this share of its cells (0..1, e.g. 0.9): a check for CI.",
            HelpName = "SHARE",
        };
        var evidence = GlobalOptions.Evidence();
        var output = GlobalOptions.Output("table", "json");
        var cmd = new Command("coverage",
            "How much of what the criteria read the catalogue has. For every layer profiles decide and every criterion term that reads it, " +
            "each technology has a figure (one the evidence policy uses), an explicit 'unknown' (the catalogue says where it looked and why " +
            "there is none), or nothing. Seed-only terms (the seeds' star ratings) are not counted: they decide nothing outside the seeds' tables. " +
            "A missing figure is not average: a decision counts it anywhere in the range of the known ones and says so.\n\n" +
            "Examples:\n  strata catalog coverage\n  strata catalog coverage --layer runtime\n  strata catalog coverage --require 0.9 -o json\n\n" +
            "Exit codes: 0 ok, 1 a layer is below --require, 2 bad input.")
        {
            layer,
            gaps,
            require,
            evidence,
            output,
        };
        cmd.SetAction(parse =>
        {
            var outcome = env.Application.Coverage(GlobalOptions.CatalogOf(parse), parse.GetValue(layer), parse.GetValue(evidence)!, parse.GetValue(require));
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } coverage)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                CatalogJson.WriteCoverage(env.Out, coverage.Catalog, coverage.Report, coverage.Required);
            }
            else
            {
                CatalogTables.WriteCoverage(env.Console, coverage, parse.GetValue(gaps) || parse.GetValue(layer) is not null);
            }
            return code;
        });
        return cmd;
    }

    private static Command Capabilities(CliEnvironment env)
    {
        var layer = new Option<string?>("--layer") { Description = "Only capabilities of this layer (e.g. network, policy).", HelpName = "LAYER" };
        var output = GlobalOptions.Output("table", "json");
        var cmd = new Command("capabilities",
            "The capability vocabulary a profile's needs: and prefers: use, each with the technologies of its layer that have it, have it only " +
            "with another component (Calico's L7 policy with Istio), lack it, or do not say. The catalogue is a closed world: a technology that " +
            "lists its capabilities lacks every other one, except those it lists as unknown.\n\n" +
            "Examples:\n  strata catalog capabilities\n  strata catalog capabilities --layer network -o json")
        {
            layer,
            output,
        };
        cmd.SetAction(parse =>
        {
            var outcome = env.Application.Capabilities(GlobalOptions.CatalogOf(parse), parse.GetValue(layer));
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } table)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                CatalogJson.WriteCapabilities(env.Out, table.Catalog,
                    table.Rows.Select(r => (r.Definition, (IReadOnlyList<string>)r.Have, (IReadOnlyList<(string, string)>)r.HaveWith, (IReadOnlyList<string>)r.Lack, (IReadOnlyList<string>)r.Unknown)));
            }
            else
            {
                CatalogTables.WriteCapabilities(env.Console, table);
            }
            return code;
        });
        return cmd;
    }
}
