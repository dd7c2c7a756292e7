using Amigo.Benchmarks.Streaming;
using BenchmarkDotNet.Running;

switch (args)
{
    case ["cpu", ..]:
        CpuTimeComparison.Run();
        return;
    case ["e2e", var rounds, .. var readyToRunE2e]:
        EndToEndComparison.Run(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture),
            readyToRunE2e is [var e2eDll, ..] ? e2eDll : null, readyToRunE2e is [_, var e2eAot] ? e2eAot : null);
        return;
    case ["inproc", var rounds]:
        EndToEndComparison.RunInProcess(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture));
        return;
    case ["serve"]:
        EndToEndComparison.Serve();
        return;
    case ["e2e"]:
        EndToEndComparison.Run(5);
        return;
    case ["cold", var rounds, .. var readyToRun]:
        EndToEndComparison.RunColdStart(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture),
            readyToRun is [var dll, ..] ? dll : null, readyToRun is [_, var composite, ..] ? composite : null,
            readyToRun is [_, _, var aot] ? aot : null);
        return;
    case ["e2e-client", var client, var url, var streams]:
        await EndToEndComparison.ClientAsync(client, url, int.Parse(streams, System.Globalization.CultureInfo.InvariantCulture));
        return;
}

BenchmarkSwitcher.FromAssembly(typeof(NdjsonReadBenchmarks).Assembly).Run(args);
