using Strata.Cli;

return StrataApp.Run(args, CliEnvironment.FromProcess());
