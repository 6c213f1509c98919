using System.CommandLine;
using Strata.Cli.Reports;
using Strata.Engine.Robustness;
using Strata.Rendering.Html;
using Strata.Rendering.Json;
using Strata.Rendering.Markdown;

namespace Strata.Cli.Commands;

/// <summary><c>strata report PROFILE --format adr|html|markdown|json [-o FILE|DIR]</c>: the decision written down.</summary>
public static class ReportCommand
{
    public static Command Build(CliEnvironment env)
    {
        var profileArg = new Argument<string>("PROFILE") { Description = "A profile file, or a scenario id." };
        var format = new Option<string>("--format", "-f") { Description = "adr (MADR 4.0, or Nygard with --adr-style), html (self-contained, with charts), markdown or json.", DefaultValueFactory = _ => "adr", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("adr", "html", "markdown", "json");
        var output = new Option<string?>("--output", "-o") { Description = "A file, or for adr a folder. Default: adr into the repository's decision folder; other formats to standard output.", HelpName = "FILE|DIR" };
        var style = new Option<string>("--adr-style") { Description = "madr (default) or nygard.", DefaultValueFactory = _ => "madr" };
        style.AcceptOnlyFromAmong("madr", "nygard");
        var status = new Option<string>("--status") { Description = "The ADR's status.", DefaultValueFactory = _ => "proposed" };
        status.AcceptOnlyFromAmong("proposed", "accepted", "rejected", "deprecated", "superseded");
        var date = GlobalOptions.Date("The ADR's date");
        var evidence = GlobalOptions.Evidence();
        var seed = new Option<int>("--seed") { Description = "Seed of the Monte Carlo sampling.", DefaultValueFactory = _ => 42, HelpName = "S" };
        var store = new Option<string?>("--store") { Description = "Also keep the decision in this history, a SQLite file or a postgres:// URI (strata history, strata drift, strata serve read it).", HelpName = "PATH|URI" };
        var cmd = new Command("report",
            "Write the decision down: an Architecture Decision Record (MADR 4.0) numbered into the team's decision folder " +
            "(.adr-dir, .log4brains.yml, docs/decisions, docs/adr, doc/adr), a self-contained HTML report with charts, Markdown, " +
            "or JSON. Each carries the catalogue version and digest and the profile, so the decision can be re-run.\n\n" +
            "Examples:\n  strata report examples/edge.yaml --format adr\n  strata report edge --format html -o edge.html\n  strata report edge --format adr --adr-style nygard -o docs/adr")
        {
            profileArg, format, output, style, status, date, evidence, seed, store,
        };
        cmd.SetAction(parse =>
        {
            var request = GlobalOptions.Request(parse, profileArg, evidence) with { Robustness = new RobustnessOptions(Seed: parse.GetValue(seed)) };
            var outcome = env.Application.Report(request);
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } report)
            {
                return code;
            }
            // Kept as its JSON shows it (the ten best stacks), before anything is written, so a store that fails writes nothing.
            if (parse.GetValue(store) is { } storePath && !HistoryCommands.Keep(env, storePath, HistoryCommands.InputOf(request, parse.GetValue(profileArg)!, 10), report))
            {
                return ExitCodes.BadInput;
            }
            var (decision, plan) = (report.Decision, report.Plan);
            var day = parse.GetValue(date) ?? env.Application.Today;
            var fmt = parse.GetValue(format)!;
            var target = parse.GetValue(output);
            if (fmt == "adr" && plan is null)
            {
                env.Error.WriteLine("strata: nothing is feasible, so there is no decision to record; 'strata recommend' shows the conflicts and relaxations.");
                return ExitCodes.No;
            }
            string text;
            using (var buffer = new StringWriter { NewLine = "\n" })
            {
                switch (fmt)
                {
                    case "adr":
                        buffer.Write(parse.GetValue(style) == "nygard"
                            ? AdrRenderer.Nygard(decision, plan!, day, parse.GetValue(status)!)
                            : AdrRenderer.Madr(decision, plan!, report.Catalog, day, parse.GetValue(status)!));
                        break;
                    case "html":
                        buffer.Write(HtmlReport.Render(decision, plan));
                        break;
                    case "markdown":
                        DecisionMarkdown.Write(buffer, decision, 10);
                        break;
                    default:
                        DecisionJson.Write(buffer, decision, 10, plan);
                        break;
                }
                text = buffer.ToString();
            }
            if (fmt == "adr")
            {
                string path;
                if (target is not null && target.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                {
                    path = target;
                }
                else
                {
                    var folder = target ?? AdrFolder.Find(Directory.GetCurrentDirectory());
                    path = Path.Combine(folder, $"{AdrFolder.NextNumber(folder):D4}-{AdrFolder.Kebab(AdrRenderer.Title(decision))}.md");
                }
                Reports.OutputFile.WriteAtomically(path, text);
                env.Out.WriteLine(path);
            }
            else if (target is not null)
            {
                Reports.OutputFile.WriteAtomically(target, text);
                env.Out.WriteLine(target);
            }
            else
            {
                env.Out.Write(text);
            }
            return code;
        });
        return cmd;
    }
}
