using System.CommandLine;
using Strata.Application.Requests;
using Strata.Cli.Rendering;
using Strata.Host.Measure;
using Strata.Rendering.Json;
using Strata.Rendering.Yaml;

namespace Strata.Cli.Commands;

/// <summary><c>strata measure</c>: what the installed isolation tools really cost on this host.</summary>
public static class MeasureCommand
{
    public static Command Build(CliEnvironment env)
    {
        var tools = new Option<string?>("--tools") { Description = $"Comma-separated tools (default all): {string.Join(", ", ToolRunner.Known.Select(k => k.Tool))}.", HelpName = "T1,T2" };
        var runs = new Option<int>("--runs") { Description = "Timed runs per tool, after 2 warm-up runs.", DefaultValueFactory = _ => 10, HelpName = "N" };
        runs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--runs must be between 1 and 1,000.");
            }
        });
        var output = GlobalOptions.Output("table", "json");
        var save = new Option<string?>("--save") { Description = "Write the results as measured evidence (catalogue facts with provenance) to FILE; use it with 'recommend --measurements FILE --evidence measured'.", HelpName = "FILE" };
        var cmd = new Command("measure",
            "Measure what the installed isolation tools cost here: cold start (create, run /bin/true, exit) as median, p95, min and max " +
            "over N runs, and peak memory from a per-run cgroup. Builds a busybox rootfs and OCI bundle in a temporary directory and " +
            "removes it afterwards. A tool that is missing, fails or hangs is reported with its reason; the others go on.\n\n" +
            "Examples:\n  strata measure --runs 10\n  strata measure --tools process,crun,runc -o json\n  strata measure --save measured.yaml")
        {
            tools, runs, output, save,
        };
        cmd.SetAction(parse =>
        {
            var request = new MeasureRequest { Runs = parse.GetValue(runs), Catalog = GlobalOptions.CatalogOf(parse) };
            if (parse.GetValue(tools) is { } list)
            {
                request = request with { Tools = [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] };
            }
            var outcome = env.Application.Measure(request, (tool, i, n) => env.Error.Write($"\r{tool}: {i}/{n}   "));
            var code = Answers.Report(env, outcome);
            if (outcome.Value is not { } measured)
            {
                return code;
            }
            if (measured.Interrupted)
            {
                env.Error.WriteLine("\rstrata: interrupted; the temporary files and cgroups are removed, nothing was saved.");
                return 130;
            }
            env.Error.Write("\r" + new string(' ', 40) + "\r");
            if (parse.GetValue(save) is { } file)
            {
                Reports.OutputFile.WriteAtomically(file, MeasuredEvidenceYaml.Render(measured.Report));
                env.Error.WriteLine($"saved the measured evidence to {file}");
            }
            if (parse.GetValue(output) == "json")
            {
                MeasureJson.Write(env.Out, measured.Report);
            }
            else
            {
                MeasureTables.Write(env.Console, measured.Report);
            }
            return code;
        });
        return cmd;
    }
}
