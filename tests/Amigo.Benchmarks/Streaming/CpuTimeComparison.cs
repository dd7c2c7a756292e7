using System.Runtime.InteropServices;

namespace Amigo.Benchmarks.Streaming;

/// <summary>
/// The <see cref="NdjsonReadBenchmarks"/> variants measured in CPU time of the running thread instead of wall-clock
/// time, interleaved round by round. On a shared, loaded machine wall-clock times include the time the thread
/// waited for a core; thread CPU time does not. The variants run synchronously over an in-memory body, so the
/// measuring thread does all the work, gen0/gen1 collections included.
/// </summary>
public static class CpuTimeComparison
{
    private const int Rounds = 9;
    private const int InvocationsPerRound = 10;

    public static void Run()
    {
        var variants = new (string Name, Func<NdjsonReadBenchmarks, Task> Run)[]
        {
            ("ReaderOnly", b => b.ReaderOnly()),
            ("ReaderAndGeneratedDecoder (SDK, new default)", b => b.ReaderAndGeneratedDecoder()),
            ("ReaderAndPooledDeserializer (Newtonsoft path, before)", b => b.ReaderAndPooledDeserializer()),
            ("ReaderAndRawSystemTextJson", b => b.ReaderAndRawSystemTextJson()),
            ("ReaderAndPooledDeserializerStrict", b => b.ReaderAndPooledDeserializerStrict()),
            ("ReaderAndPooledDeserializerViaJsonSubTypes", b => b.ReaderAndPooledDeserializerViaJsonSubTypes()),
            ("ReaderAndStringPerLine", b => b.ReaderAndStringPerLine()),
            ("StreamReaderAndJsonConvert", b => b.StreamReaderAndJsonConvert()),
        };

        Console.WriteLine("| Mix | Method | CPU ns/event (median) | CPU ns/event (min) | events/s of CPU (median) | allocated B/event |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var mix in new[] { "text", "voice" })
        {
            var benchmarks = new NdjsonReadBenchmarks { Mix = mix };
            benchmarks.Setup();
            var lines = EventMix.Body(mix == "voice" ? EventMix.VoiceTurn : EventMix.TextTurn, NdjsonReadBenchmarks.Lines).AsSpan();
            int decoded = 0, total = 0;
            foreach (var range in lines.Split((byte)'\n'))
            {
                if (lines[range].Length == 0) continue;
                total++;
                if (Amigo.Generated.AmigoStreamDecoders.TryDecode(lines[range], out _)) decoded++;
            }
            Console.WriteLine($"<!-- {mix}: {decoded} of {total} lines decoded by the generated decoders -->");
            var samples = variants.Select(_ => new List<double>()).ToArray();
            var allocated = new long[variants.Length];

            foreach (var (_, run) in variants)
            {
                for (int i = 0; i < InvocationsPerRound; i++)
                {
                    run(benchmarks).GetAwaiter().GetResult();
                }
            }

            for (int round = 0; round < Rounds; round++)
            {
                for (int v = 0; v < variants.Length; v++)
                {
                    long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
                    long before = ThreadCpuNanoseconds();
                    for (int i = 0; i < InvocationsPerRound; i++)
                    {
                        var task = variants[v].Run(benchmarks);
                        if (!task.IsCompleted)
                        {
                            throw new InvalidOperationException("The in-memory body must be read synchronously to be measured on one thread.");
                        }
                        task.GetAwaiter().GetResult();
                    }
                    long elapsed = ThreadCpuNanoseconds() - before;
                    allocated[v] = (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / (InvocationsPerRound * NdjsonReadBenchmarks.Lines);
                    samples[v].Add((double)elapsed / (InvocationsPerRound * NdjsonReadBenchmarks.Lines));
                }
            }

            for (int v = 0; v < variants.Length; v++)
            {
                var sorted = samples[v].Order().ToArray();
                double median = sorted[sorted.Length / 2];
                Console.WriteLine(
                    $"| {mix} | {variants[v].Name} | {median:N0} | {sorted[0]:N0} | {1e9 / median:N0} | {allocated[v]:N0} |");
            }
        }
    }

    private static long ThreadCpuNanoseconds()
    {
        const int ClockThreadCpuTimeId = 3;
        if (clock_gettime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed; this comparison runs on Linux.");
        }
        return time.Seconds * 1_000_000_000L + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
}
