using System.CommandLine;
using System.Text;
using Strata.Catalog.Profiles;
using Strata.Cli.Rendering;
using Strata.Engine.Radar;
using Strata.Engine;
using Strata.Rendering.Json;
using Strata.Rendering.Text;

namespace Strata.Cli.Commands;

/// <summary><c>strata radar</c>: a technology radar for Backstage, Zalando's radar or Thoughtworks' BYOR.</summary>
public static class RadarCommand
{
    public static Command Build(CliEnvironment env)
    {
        var scenario = new Option<string?>("--scenario") { Description = "Only this scenario (default: every scenario, each technology in its best ring).", HelpName = "S" };
        var format = new Option<string>("--format", "-f") { Description = "backstage (TechRadarLoaderResponse JSON), zalando (radar.js entries JSON) or byor (CSV).", DefaultValueFactory = _ => "backstage", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("backstage", "zalando", "byor");
        var date = GlobalOptions.Date("The radar's date");
        var evidence = GlobalOptions.Evidence();
        var cmd = new Command("radar",
            "Export a technology radar from the engine's verdicts: adopt (in the chosen stack), trial (in the best " + TechRadar.TrialDepth +
            "), assess (feasible), hold (eliminated); quadrants group the layers.\n\nExamples:\n  strata radar --format backstage\n  strata radar --scenario edge --format byor")
        {
            scenario, format, date, evidence,
        };
        cmd.SetAction(parse =>
        {
            if (!CatalogAccess.TryLoad(parse, env, out var catalog))
            {
                return ExitCodes.BadInput;
            }
            var id = parse.GetValue(scenario);
            if (id is not null && catalog.Scenario(id) is null)
            {
                env.Error.WriteLine($"strata: there is no scenario '{id}'{Catalog.Reading.Suggestions.DidYouMean(id, catalog.Scenarios.Select(s => s.Id))}.");
                return ExitCodes.BadInput;
            }
            var day = parse.GetValue(date) ?? GlobalOptions.Today;
            var profiles = catalog.Scenarios.Where(s => id is null || s.Id == id).Select(ProfileLoader.FromScenario);
            var entries = TechRadar.Build(catalog, profiles, GlobalOptions.Engine(parse, evidence, catalog));
            switch (parse.GetValue(format))
            {
                case "zalando":
                    RadarJson.Zalando(env.Out, entries, day);
                    break;
                case "byor":
                    RadarCsv.Byor(env.Out, entries);
                    break;
                default:
                    RadarJson.Backstage(env.Out, entries, day);
                    break;
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
