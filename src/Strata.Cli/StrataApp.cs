using System.CommandLine;
using Strata.Cli.Commands;

namespace Strata.Cli;

/// <summary>Builds the command tree and runs it; maps faults to exit codes so no stack trace reaches a user.</summary>
public static class StrataApp
{
    public static int Run(string[] args, CliEnvironment env)
    {
        if (args is ["--version"])
        {
            // What System.CommandLine's version option prints, without the command tree it needs to print it.
            env.Out.WriteLine(BuildInfo.Version);
            return ExitCodes.Ok;
        }
        var root = BuildRoot(env, args);
        Catalog.Loading.StartupTrace.Mark("command tree built");
        var parse = root.Parse(args);
        Catalog.Loading.StartupTrace.Mark("arguments parsed");
        try
        {
            if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
            {
                foreach (var e in parse.Errors)
                {
                    env.Error.WriteLine($"strata: {e.Message}");
                }
                env.Error.WriteLine("Run 'strata --help' (or 'strata COMMAND --help') to see what it accepts.");
                return ExitCodes.BadInput;
            }
            return parse.Invoke(new InvocationConfiguration { Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            env.Error.WriteLine($"strata: internal error: {e.GetType().Name}: {e.Message}");
            env.Error.WriteLine("This is a bug in Strata. Please report it with the command you ran (STRATA_DEBUG=1 adds the stack trace).");
            if (Environment.GetEnvironmentVariable("STRATA_DEBUG") is { Length: > 0 })
            {
                env.Error.WriteLine(e.ToString());
            }
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Every command, by name, built only when it is used.</summary>
    public static readonly IReadOnlyList<(string Name, Func<CliEnvironment, Command> Build)> Commands =
    [
        ("recommend", RecommendCommand.Build),
        ("explain", ExplainCommands.Explain),
        ("compare", ExplainCommands.Compare),
        ("tree", TreeCommand.Build),
        ("matrix", MatrixCommand.Build),
        ("audit", AuditCommand.Build),
        ("reference", ReferenceCommand.Build),
        ("diff-evidence", DiffEvidenceCommand.Build),
        ("report", ReportCommand.Build),
        ("migrate", MigrateCommand.Build),
        ("radar", RadarCommand.Build),
        ("probe", ProbeCommand.Build),
        ("measure", MeasureCommand.Build),
        ("catalog", CatalogCommands.Build),
        ("fleet", FleetCommands.Build),
        ("serve", ServeCommand.Build),
        ("drift", HistoryCommands.Drift),
        ("history", HistoryCommands.History),
    ];

    /// <summary>The whole command tree, as help and suggestions need it.</summary>
    public static RootCommand BuildRoot(CliEnvironment env) => BuildRoot(env, []);

    /// <summary>
    /// The root with only what these arguments can reach: the one command they name first, and every command otherwise
    /// (help, a misspelt command, options before the command).
    /// </summary>
    private static RootCommand BuildRoot(CliEnvironment env, string[] args)
    {
        var root = new RootCommand(
            "Strata chooses a virtualization, container and sandbox stack for a workload, shows every rejected " +
            "alternative and why, and writes the decision down.\n\n" +
            "Examples:\n" +
            "  strata recommend examples/edge.yaml     choose a stack for a profile\n" +
            "  strata recommend edge -o json           a catalogue scenario as the profile\n" +
            "  strata explain edge --stack runtime=wasmedge   one stack examined in full\n" +
            "  strata compare edge k3s,wasmedge k3s,crun      two stacks side by side\n" +
            "  strata tree global examples/edge.yaml   walk one of the seeds' decision trees\n" +
            "  strata matrix hybrid                    001's matrix view for a scenario vector\n" +
            "  strata audit --all                      recompute the seeds' decision tables\n" +
            "  strata report examples/edge.yaml        an ADR (MADR 4.0) in docs/decisions; --format html for a report\n" +
            "  strata migrate profile.yaml             ordered steps from the profile's current: stack\n" +
            "  strata radar --format backstage         a technology radar from the verdicts\n" +
            "  strata probe -o yaml > host.yaml        what this host can do (--host host.yaml in recommend)\n" +
            "  strata measure --runs 10                what the installed isolation tools cost here\n" +
            "  strata diff-evidence examples/edge.yaml where the seeds' figures and primary sources disagree\n" +
            "  strata catalog list                     every technology in the bundled catalogue\n" +
            "  strata catalog list --layer runtime -o json\n" +
            "  strata catalog show firecracker         facts with their provenance\n" +
            "  strata catalog validate ./my-catalog    check your own catalogue\n" +
            "  strata fleet plan nodes.json --profile edge --manifests out/   a stack per class of nodes\n" +
            "  strata serve                            the API and the web page on http://127.0.0.1:8080\n" +
            "  strata drift                            do the kept decisions still hold on this catalogue?\n\n" +
            "Exit codes: 0 ok, 1 a domain 'no', 2 bad input (nothing written), 70 internal error.");
        root.Options.Add(GlobalOptions.Catalog);
        var named = args.Length > 0 ? Commands.FirstOrDefault(c => c.Name == args[0]) : default;
        foreach (var (_, build) in named.Build is null ? Commands : [named])
        {
            root.Subcommands.Add(build(env));
        }
        return root;
    }
}
