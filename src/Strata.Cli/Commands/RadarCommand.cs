using System.CommandLine;
using Strata.Engine.Radar;
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
            var outcome = env.Application.Radar(GlobalOptions.CatalogOf(parse), parse.GetValue(scenario), parse.GetValue(evidence)!);
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } radar)
            {
                return code;
            }
            var day = parse.GetValue(date) ?? env.Application.Today;
            switch (parse.GetValue(format))
            {
                case "zalando":
                    RadarJson.Zalando(env.Out, radar.Entries, day);
                    break;
                case "byor":
                    RadarCsv.Byor(env.Out, radar.Entries);
                    break;
                default:
                    RadarJson.Backstage(env.Out, radar.Entries, day);
                    break;
            }
            return code;
        });
        return cmd;
    }
}
