using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Strata.Application.Requests;
using Strata.Cli.Rendering;
using Strata.Fleet.Inventory;
using Strata.Fleet.Output;
using Strata.Fleet.Planning;
using Strata.Fleet.Synth;

namespace Strata.Cli.Commands;

/// <summary><c>strata fleet plan|synth|diff</c>: a stack per class of nodes of a real inventory, delivered as Kubernetes objects.</summary>
public static class FleetCommands
{
    public static Command Build(CliEnvironment env)
    {
        var cmd = new Command("fleet",
            "Plan a whole fleet from its node inventory: nodes with the same decision-relevant facts form a class, each class is " +
            "decided once, and the plan is delivered as RuntimeClasses and a node-label plan.\n\n" +
            "Examples:\n  strata fleet synth --nodes 100000 --seed 1 > nodes.json\n  strata fleet plan nodes.json --profile edge --manifests out/\n" +
            "  strata fleet diff plan.jsonl nodes.json");
        cmd.Subcommands.Add(Plan(env));
        cmd.Subcommands.Add(Synth(env));
        cmd.Subcommands.Add(Diff(env));
        return cmd;
    }

    private static readonly string[] CsvColumns = ["name", "arch", "cpu", "memory", "kernel", "kvm", "cgroup", "gpus", "gpu_product", "mig_capable", "role", "labels"];

    private static Argument<string> Inventory() => new("INVENTORY")
    {
        Description = "The nodes: 'kubectl get nodes -o json' output (a NodeList), JSON Lines of Node objects, a directory of 'strata probe -o yaml' files (one a node, named NODE.yaml), or a CSV " +
            "(columns: " + string.Join(", ", CsvColumns) + "; role is server, agent or empty for unknown). '-' reads it from standard input.",
    };

    private static Option<string> ProfileOption() => new("--profile")
    {
        Description = "The workload profile every node gets unless --map says otherwise: a profile file or a scenario id.",
        HelpName = "FILE|SCENARIO",
        Required = true,
    };

    private static Option<string?> MapOption() => new("--map")
    {
        Description = "Other profiles by label selector, one rule a line: 'SELECTOR PROFILE' (node-role.kubernetes.io/edge=true examples/edge.yaml); the first rule that holds wins.",
        HelpName = "FILE",
    };

    private static Command Plan(CliEnvironment env)
    {
        var inventory = Inventory();
        var profile = ProfileOption();
        var map = MapOption();
        var output = GlobalOptions.Output("summary", "json", "jsonl");
        var evidence = GlobalOptions.Evidence();
        var manifests = new Option<string?>("--manifests") { Description = "Write a RuntimeClass per chosen runtime and the node-label plan (kubectl script and JSON merge patches) to DIR.", HelpName = "DIR" };
        var jsonl = new Option<string?>("--jsonl") { Description = "Also write the plan one line per node (as -o jsonl) to FILE.", HelpName = "FILE" };
        var cmd = new Command("plan",
            "A stack for every node of an inventory. Each node's facts (arch, memory, CPUs, KVM from NFD's cpuid labels, io_uring " +
            "from the kernel version, cgroup v2 where a label says so, GPU count and MIG capability) override the profile's; a fact " +
            "no field or label gives stays unknown, and a node without KVM evidence is planned without KVM.\n\n" +
            "Roles: a node labelled node-role.kubernetes.io/control-plane or node-role.kubernetes.io/master (as kubeadm and K3s label " +
            "their control-plane nodes) is a server; a node with neither is taken to be an agent, an inference from that labelling, and " +
            "is decided with control_plane: remote unless the profile states control_plane, so its memory is compared with the worker " +
            "footprint. In a CSV the role column says it; empty is unknown and decided as the profile says.\n\n" +
            "Examples:\n  strata fleet plan examples/fleet/nodes.json --profile edge\n  strata fleet plan nodes.json --profile microservices --map fleet.map --manifests out/ -o json\n\n" +
            "Exit codes: 0 every node has a stack, 1 some nodes have none (listed by reason), 2 bad input (nothing written), 130 interrupted (nothing written).")
        {
            inventory, profile, map, output, evidence, manifests, jsonl,
        };
        cmd.SetAction(parse =>
        {
            var (request, ok) = Request(env, parse, inventory, profile, map, evidence);
            if (!ok)
            {
                return ExitCodes.BadInput;
            }
            using var files = new AtomicFiles();
            var sinks = new List<IFleetSink>();
            Stream? stdoutLines = null;
            if (parse.GetValue(output) == "jsonl")
            {
                stdoutLines = StandardOutput(env);
                sinks.Add(new NodeLines(stdoutLines));
            }
            if (parse.GetValue(jsonl) is { } jsonlFile)
            {
                sinks.Add(new NodeLines(files.Create(jsonlFile)));
            }
            Manifests? writer = null;
            if (parse.GetValue(manifests) is { } dir)
            {
                writer = new Manifests(files, dir);
                sinks.Add(writer);
            }
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            FleetOutcome outcome;
            try
            {
                outcome = WithProgress(env, request!.Inventory, progress => new FleetPlanner(env.Application) { Progress = progress }.Plan(request, sinks, cancel.Token));
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            stdoutLines?.Flush();
            if (outcome.Plan is not { } plan)
            {
                writer?.Dispose();
                var code = BadInput(env, request!.Inventory, outcome);
                if (stdoutLines is not null && outcome.ProfileFailure is null)
                {
                    env.Error.WriteLine("strata: the JSON Lines already written to standard output stop where the errors were found; they are not a whole plan.");
                }
                return code;
            }
            if (plan.Cancelled)
            {
                writer?.Dispose();
                env.Error.WriteLine("strata: interrupted; no manifest or plan file was written.");
                return 130;
            }
            var written = new List<string>();
            if (writer is not null)
            {
                var catalog = env.Application.LoadCatalog(request!.Catalog).Value!;
                var classes = writer.Finish(plan, catalog, request.Evidence);
                writer.Dispose();
                written.AddRange(classes.Select(c => Path.Combine(parse.GetValue(manifests)!, c)));
                written.Add(Path.Combine(parse.GetValue(manifests)!, Manifests.ScriptName));
                written.Add(Path.Combine(parse.GetValue(manifests)!, Manifests.PatchesName));
            }
            if (parse.GetValue(jsonl) is { } j)
            {
                written.Add(j);
            }
            files.Commit();
            switch (parse.GetValue(output))
            {
                case "json":
                    using (var stdout = StandardOutput(env))
                    {
                        PlanJson.Write(stdout, plan, written);
                    }
                    break;
                case "jsonl":
                    stdoutLines!.Dispose();
                    break;
                default:
                    FleetTables.Write(env.Console, plan, written);
                    break;
            }
            return plan.InfeasibleNodes > 0 ? ExitCodes.No : ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Diff(CliEnvironment env)
    {
        var oldPlan = new Argument<string>("OLD_PLAN") { Description = "An earlier plan, as 'strata fleet plan -o jsonl' (or --jsonl FILE) wrote it." };
        var inventory = Inventory();
        var profile = ProfileOption();
        var map = MapOption();
        var evidence = GlobalOptions.Evidence();
        var output = GlobalOptions.Output("summary", "jsonl");
        var cmd = new Command("diff",
            "The nodes whose stack would change if the fleet were planned today, and why: which of their facts changed (a new kernel, " +
            "more memory, a GPU added), or none (then the catalogue, the profile or the map did).\n\n" +
            "Examples:\n  strata fleet diff plan.jsonl nodes.json --profile edge\n  strata fleet diff plan.jsonl nodes.json --profile edge -o jsonl\n\n" +
            "Exit codes: 0 no node changes, 1 some nodes change (listed), 2 bad input.")
        {
            oldPlan, inventory, profile, map, evidence, output,
        };
        cmd.SetAction(parse =>
        {
            var (request, ok) = Request(env, parse, inventory, profile, map, evidence);
            if (!ok)
            {
                return ExitCodes.BadInput;
            }
            var path = parse.GetValue(oldPlan)!;
            if (!File.Exists(path))
            {
                env.Error.WriteLine($"strata: no such plan file '{path}'.");
                return ExitCodes.BadInput;
            }
            var changes = new List<NodeChange>();
            var groups = new Dictionary<(string, string, string), (long Count, List<string> Examples)>();
            var lines = parse.GetValue(output) == "jsonl";
            using var stdout = lines ? StandardOutput(env) : null;
            using var lineWriter = lines ? new System.Text.Json.Utf8JsonWriter(stdout!) : null;
            void Changed(NodeChange c)
            {
                if (lineWriter is not null)
                {
                    lineWriter.Reset(stdout!);
                    lineWriter.WriteStartObject();
                    lineWriter.WriteString("node", c.Node);
                    lineWriter.WriteString("was", c.Was);
                    lineWriter.WriteString("now", c.Now);
                    lineWriter.WriteStartArray("because");
                    foreach (var b in c.Because)
                    {
                        lineWriter.WriteStringValue(b);
                    }
                    lineWriter.WriteEndArray();
                    lineWriter.WriteEndObject();
                    lineWriter.Flush();
                    stdout!.WriteByte((byte)'\n');
                    return;
                }
                // Grouped by (was, now, which facts changed): a summary stays a few lines for a million nodes.
                var facts = string.Join("; ", c.Because.Select(b => b.Split(':')[0]));
                var key = (c.Was, c.Now, facts);
                var g = groups.TryGetValue(key, out var found) ? found : (0, new List<string>());
                if (g.Item2.Count < 3)
                {
                    g.Item2.Add(c.Node + (c.Because.Length > 0 ? $" ({string.Join("; ", c.Because)})" : ""));
                }
                groups[key] = (g.Item1 + 1, g.Item2);
            }
            var (diff, errors) = FleetDiff.Load(path, Changed, request!.Limits);
            if (diff is null)
            {
                foreach (var e in errors)
                {
                    env.Error.WriteLine(e);
                }
                return ExitCodes.BadInput;
            }
            var outcome = WithProgress(env, request.Inventory, progress => new FleetPlanner(env.Application) { Progress = progress }.Plan(request, [diff], CancellationToken.None));
            if (outcome.Plan is null)
            {
                return BadInput(env, request.Inventory, outcome);
            }
            var removed = diff.Removed.ToList();
            if (!lines)
            {
                env.Out.WriteLine($"{N(diff.Changed)} nodes change stack, {N(diff.Added)} are new, {N(removed.Count)} are gone, {N(diff.Unchanged)} keep theirs.");
                foreach (var ((was, now, facts), (count, examples)) in groups.OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key.Item1, StringComparer.Ordinal))
                {
                    env.Out.WriteLine($"  {N(count)} nodes: {was}  →  {now}");
                    env.Out.WriteLine($"    because {(facts.Length == 0 ? "nothing recorded" : facts)} changed; e.g. {string.Join(", ", examples)}");
                }
                if (removed.Count > 0)
                {
                    env.Out.WriteLine($"  gone: {string.Join(", ", removed.Take(10))}{(removed.Count > 10 ? ", …" : "")}");
                }
            }
            return diff.Changed + diff.Added + removed.Count > 0 ? ExitCodes.No : ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Synth(CliEnvironment env)
    {
        var nodes = new Option<int>("--nodes") { Description = "How many nodes.", DefaultValueFactory = _ => 1000, HelpName = "N" };
        nodes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 100_000_000)
            {
                r.AddError("--nodes must be between 0 and 100,000,000.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Seed of the generator; the same seed gives the same bytes.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var indent = new Option<bool>("--indent") { Description = "Indent the JSON as kubectl does (larger)." };
        var cmd = new Command("synth",
            "Write a realistic heterogeneous NodeList to standard output: arm64 edge boxes (512 MiB-4 GiB), x86 servers with and without " +
            "KVM, GPU nodes (MIG-capable A100/H100, T4), small VMs without NFD, kernels 4.19-6.8, with NFD and GPU feature discovery labels; " +
            "the first three x86 servers of each zone are control-plane nodes (labelled and tainted node-role.kubernetes.io/control-plane, " +
            "as kubeadm does), every other node an agent.\n\n" +
            "Examples:\n  strata fleet synth --nodes 100000 --seed 1 > nodes.json")
        {
            nodes, seed, indent,
        };
        cmd.SetAction(parse =>
        {
            using var stdout = StandardOutput(env);
            NodeListSynth.Write(stdout, parse.GetValue(nodes), parse.GetValue(seed), parse.GetValue(indent));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The plan request from the command line; false (with the problems written) when a part is bad input.</summary>
    private static (FleetRequest? Request, bool Ok) Request(CliEnvironment env, ParseResult parse, Argument<string> inventory, Option<string> profile, Option<string?> map, Option<string> evidence)
    {
        var path = parse.GetValue(inventory)!;
        if (path != InventoryFile.StandardInput && !File.Exists(path) && !Directory.Exists(path))
        {
            env.Error.WriteLine($"strata: no such inventory file or directory '{path}'.");
            return (null, false);
        }
        var request = new FleetRequest(path, parse.GetValue(profile)!) { Catalog = GlobalOptions.CatalogOf(parse), Evidence = parse.GetValue(evidence)! };
        if (parse.GetValue(map) is { } mapFile)
        {
            if (!File.Exists(mapFile))
            {
                env.Error.WriteLine($"strata: no such map file '{mapFile}'.");
                return (null, false);
            }
            var (rules, errors) = ProfileMap.Parse(mapFile, File.ReadAllText(mapFile));
            if (rules is null)
            {
                foreach (var e in errors)
                {
                    env.Error.WriteLine(e);
                }
                return (null, false);
            }
            var dir = Path.GetDirectoryName(Path.GetFullPath(mapFile))!;
            // A rule's profile path is read relative to the map file when it is there, else as given (or as a scenario id).
            request = request with
            {
                Map = rules,
                ProfileSourceOf = p => ProfileSource.Path(File.Exists(Path.Combine(dir, p)) && !File.Exists(p) ? Path.Combine(dir, p) : p),
            };
        }
        return (request, true);
    }

    private static int BadInput(CliEnvironment env, string inventory, FleetOutcome outcome)
    {
        if (outcome.ProfileFailure is { } failure)
        {
            Answers.Report(env, failure);
            env.Error.WriteLine($"strata: the profile '{outcome.ProfileFailed}' cannot be used; nothing was planned.");
            return ExitCodes.BadInput;
        }
        foreach (var e in outcome.InventoryErrors)
        {
            var at = e.Line > 0 && e.Column > 0 ? $"{e.Line}:{e.Column}" : $"{e.Line}";
            var offset = e.File is not null || inventory.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || e.Offset == e.Line ? "" : $" (byte {e.Offset.ToString(CultureInfo.InvariantCulture)})";
            env.Error.WriteLine($"{e.File ?? inventory}:{at}: error{offset}: {e.Message}");
        }
        env.Error.WriteLine("strata: the inventory has errors; no manifest or plan file was written.");
        return ExitCodes.BadInput;
    }

    /// <summary>
    /// Runs the plan with its progress on standard error: Spectre.Console's progress bar (bytes of the inventory read)
    /// when standard error is a terminal, else a plain line every 65,536 nodes (a log or a CI run keeps them).
    /// </summary>
    private static T WithProgress<T>(CliEnvironment env, string inventory, Func<Action<long, long, int>, T> plan)
    {
        var terminal = ReferenceEquals(env.Error, Console.Error) && !Console.IsErrorRedirected;
        if (!terminal)
        {
            long last = 0;
            return plan((bytes, nodes, classes) =>
            {
                if (nodes != last && nodes % 65536 == 0)
                {
                    last = nodes;
                    env.Error.WriteLine($"planned {N(nodes)} nodes ({N(bytes / (1024 * 1024))} MiB read), {N(classes)} classes");
                }
            });
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(env.Error),
            Interactive = InteractionSupport.Yes,
        });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("planning", maxValue: Math.Max(1, InventorySize(inventory)));
                return plan((bytes, nodes, classes) =>
                {
                    task.Value = Math.Min(bytes, task.MaxValue);
                    task.Description = $"{N(nodes)} nodes, {N(classes)} classes";
                });
            });
    }

    /// <summary>Bytes to read: the file's length, or a probe directory's files' lengths added up.</summary>
    private static double InventorySize(string inventory) =>
        File.Exists(inventory) ? new FileInfo(inventory).Length
        : Directory.Exists(inventory) ? new DirectoryInfo(inventory).EnumerateFiles().Where(f => f.Extension is ".yaml" or ".yml").Sum(f => f.Length)
        : 0;

    /// <summary>Standard output as bytes: the process's own stream, or a UTF-8 bridge onto an injected writer (tests).</summary>
    private static Stream StandardOutput(CliEnvironment env) =>
        ReferenceEquals(env.Out, Console.Out) ? new BufferedStream(Console.OpenStandardOutput(), 1 << 16) : new WriterStream(env.Out);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Bytes (UTF-8) written onto a TextWriter.</summary>
    private sealed class WriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => writer.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
            var n = _decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars, 0, n);
        }
    }
}
