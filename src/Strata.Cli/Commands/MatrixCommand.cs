using System.CommandLine;
using System.Globalization;
using Strata.Application.Requests;
using Strata.Cli.Rendering;
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
            var scenarioId = parse.GetValue(scenarioArg);
            var vectorText = parse.GetValue(vectorOption);
            if (scenarioId is not null == vectorText is not null)
            {
                env.Error.WriteLine("strata: give a scenario or --vector (one of them).");
                return ExitCodes.BadInput;
            }
            MatrixRequest request;
            if (scenarioId is not null)
            {
                request = MatrixRequest.ForScenario(scenarioId);
            }
            else
            {
                var values = new List<double>();
                foreach (var p in vectorText!.Split(',', StringSplitOptions.TrimEntries))
                {
                    if (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || x < 0 || !double.IsFinite(x))
                    {
                        env.Error.WriteLine($"strata: --vector: '{p}' is not a non-negative number.");
                        return ExitCodes.BadInput;
                    }
                    values.Add(x);
                }
                request = MatrixRequest.ForVector([.. values]);
            }
            var outcome = env.Application.Matrix(request with { Catalog = GlobalOptions.CatalogOf(parse) });
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } m)
            {
                return code;
            }
            if (parse.GetValue(output) == "json")
            {
                MatrixJson.Write(env.Out, m.Scenario, m.Ranking);
            }
            else
            {
                MatrixTables.Write(env.Console, m.Scenario, m.Ranking);
            }
            return code;
        });
        return cmd;
    }
}
