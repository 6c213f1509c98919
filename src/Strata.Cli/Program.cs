using Strata.Catalog.Loading;
using Strata.Cli;

StartupTrace.Mark("Main entered");
// A command runs once and exits: it wants throughput, not short pauses, so the collector does not run beside it
// (background marking cost a third of a large decision's time). The server keeps the default concurrent collector.
if (args.Length == 0 || args[0] != "serve")
{
    System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
}
var exitCode = StrataApp.Run(args, CliEnvironment.FromProcess());
StartupTrace.Mark("command done");
StartupTrace.Report(Console.Error);
return exitCode;
