using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Strata.Cli.Rendering;
using Strata.Engine.Matrix;
using Strata.Rendering.Json;

namespace Strata.Cli.Commands;

/// <summary><c>strata matrix SCENARIO | --vector …</c>: the matrix view of 001.</summary>
public static class MatrixCommand
{
    public static Command Build(CliEnvironment env)
    {
        var scenarioArg = new Argument<string?>("SCENARIO") { Description = "A scenario with a vector in the catalogue (edge, serverless, ai-inference, multi-tenant, hybrid).", Arity = ArgumentArity.ZeroOrOne };
        var vectorOption = new Option<string?>("--vector") { Description = "A scenario vector of six weights, e.g. 0.1,0.1,0.3,0.2,0.2,0.1.", HelpName = "V1,…,V6" };
        var output = GlobalOptions.Output("table", "json");
        var cmd = new Command("matrix",
            "Rank technology chains by the matrix view of 001: score = s · A over the catalogue's maturity rows. Vector components " +
            "the seed never scores are reported as unknown, not counted as zero.\n\nExamples:\n  strata matrix edge\n  strata matrix hybrid -o json\n  strata matrix --vector 0,0,0,0.5,0.5,0")
        {
            scenarioArg,
            vectorOption,
            output,
        };
        cmd.SetAction(parse =>
        {
            if (!CatalogAccess.TryLoad(parse, env, out var catalog))
            {
                return ExitCodes.BadInput;
            }
            var scenarioId = parse.GetValue(scenarioArg);
            var vectorText = parse.GetValue(vectorOption);
            ImmutableArray<double> vector;
            if (scenarioId is not null == vectorText is not null)
            {
                env.Error.WriteLine("strata: give a scenario or --vector (one of them).");
                return ExitCodes.BadInput;
            }
            if (scenarioId is not null)
            {
                var s = catalog.Scenario(scenarioId);
                if (s?.Vector is not { } v)
                {
                    var with = catalog.Scenarios.Where(x => x.Vector is not null).Select(x => x.Id);
                    env.Error.WriteLine($"strata: scenario '{scenarioId}' has no vector in the catalogue{Catalog.Reading.Suggestions.DidYouMean(scenarioId, with)}; scenarios with one: {string.Join(", ", with)}.");
                    return ExitCodes.BadInput;
                }
                vector = v.Value;
            }
            else
            {
                var parts = vectorText!.Split(',', StringSplitOptions.TrimEntries);
                var values = new List<double>();
                foreach (var p in parts)
                {
                    if (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || x < 0 || !double.IsFinite(x))
                    {
                        env.Error.WriteLine($"strata: --vector: '{p}' is not a non-negative number.");
                        return ExitCodes.BadInput;
                    }
                    values.Add(x);
                }
                vector = [.. values];
            }
            MatrixRanking ranking;
            try
            {
                ranking = MatrixView.Rank(catalog, vector, scenarioId);
            }
            catch (ArgumentException e)
            {
                env.Error.WriteLine($"strata: {e.Message.Split(" (Parameter", StringSplitOptions.None)[0]}");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(output) == "json")
            {
                MatrixJson.Write(env.Out, scenarioId, ranking);
            }
            else
            {
                MatrixTables.Write(env.Console, scenarioId, ranking);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
