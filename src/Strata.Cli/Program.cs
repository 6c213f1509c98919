using Strata.Catalog.Loading;
using Strata.Cli;

StartupTrace.Mark("Main entered");
var exitCode = StrataApp.Run(args, CliEnvironment.FromProcess());
StartupTrace.Mark("command done");
StartupTrace.Report(Console.Error);
return exitCode;
