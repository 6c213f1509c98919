using System.CommandLine;
using Strata.Catalog.Loading;
using Strata.Cli.Rendering;
using Strata.Rendering.Json;

namespace Strata.Cli.Commands;

/// <summary><c>strata catalog validate|list|show</c>: thin commands; loading and rendering live elsewhere.</summary>
public static class CatalogCommands
{
    public static Command Build(CliEnvironment env)
    {
        var catalog = new Command("catalog", "Inspect and check the knowledge base: technologies, scenarios, rules, trees, tables and cases.");
        catalog.Subcommands.Add(Validate(env));
        catalog.Subcommands.Add(List(env));
        catalog.Subcommands.Add(Show(env));
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
            var path = parse.GetValue(dir)!;
            if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            {
                env.Error.WriteLine($"strata: '{path}' is not empty; synth writes only into a new or empty directory.");
                return ExitCodes.BadInput;
            }
            var rules = Catalog.Synthetic.SyntheticCatalog.Write(path, parse.GetValue(n), parse.GetValue(seed));
            env.Out.WriteLine($"wrote {parse.GetValue(n)} technologies and {rules} rules to {path} (seed {parse.GetValue(seed)})");
            return ExitCodes.Ok;
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
            if (CatalogAccess.Load(parse.GetValue(dir) ?? parse.GetValue(GlobalOptions.Catalog), env) is not var (result, source))
            {
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(output) == "json")
            {
                CatalogJson.WriteValidation(env.Out, result, source);
            }
            else
            {
                DiagnosticsRenderer.Write(env.Error, result.Diagnostics);
                if (result.Success)
                {
                    CatalogTables.WriteSummary(env.Console, result.Catalog!, source, result.FileCount, result.Warnings.Count());
                }
                else
                {
                    env.Error.WriteLine(DiagnosticsRenderer.Summary(result, source));
                }
            }
            return result.Success ? ExitCodes.Ok : ExitCodes.BadInput;
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
            if (!CatalogAccess.TryLoad(parse, env, out var catalog))
            {
                return ExitCodes.BadInput;
            }
            var layerId = parse.GetValue(layer);
            if (layerId is not null && catalog.Layer(layerId) is null)
            {
                env.Error.WriteLine($"strata: there is no layer '{layerId}'{Catalog.Reading.Suggestions.DidYouMean(layerId, catalog.Layers.Select(l => l.Id))}. Layers: {string.Join(", ", catalog.OrderedLayers.Select(l => l.Id))}.");
                return ExitCodes.BadInput;
            }
            var items = catalog.Technologies.Where(t => layerId is null || t.Layer == layerId).ToList();
            if (parse.GetValue(output) == "json")
            {
                CatalogJson.WriteList(env.Out, catalog, items);
            }
            else
            {
                CatalogTables.WriteList(env.Console, catalog, items);
            }
            return ExitCodes.Ok;
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
            if (!CatalogAccess.TryLoad(parse, env, out var catalog))
            {
                return ExitCodes.BadInput;
            }
            var wanted = parse.GetValue(id)!;
            var tech = catalog.Technology(wanted);
            if (tech is null)
            {
                env.Error.WriteLine($"strata: the catalogue has no technology '{wanted}'{Catalog.Reading.Suggestions.DidYouMean(wanted, catalog.Technologies.Select(t => t.Id))}. 'strata catalog list' shows them all.");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(output) == "json")
            {
                CatalogJson.WriteTechnology(env.Out, catalog, tech);
            }
            else
            {
                CatalogTables.WriteTechnology(env.Console, catalog, tech);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
