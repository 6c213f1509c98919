using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Strata.Benchmarks.CatalogLoadBenchmarks).Assembly).Run(args);
