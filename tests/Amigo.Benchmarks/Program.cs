using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Amigo.Benchmarks.Streaming.NdjsonReadBenchmarks).Assembly).Run(args);
