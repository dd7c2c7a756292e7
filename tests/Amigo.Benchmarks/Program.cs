using Amigo.Benchmarks.Streaming;
using BenchmarkDotNet.Running;

if (args is ["cpu", ..])
{
    CpuTimeComparison.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(NdjsonReadBenchmarks).Assembly).Run(args);
