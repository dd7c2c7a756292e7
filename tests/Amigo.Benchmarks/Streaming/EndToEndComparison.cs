using System.Diagnostics;
using System.Text.Json;
using Amigo.Generated;
using Amigo.Streaming;

namespace Amigo.Benchmarks.Streaming;

/// <summary>
/// End to end over loopback, every client in its own fresh process against one local NDJSON server (Node/server.mjs),
/// interleaved round by round: the façade's stream (generated decoders, the default), the same stream on the
/// Newtonsoft.Json path (before), a raw HttpClient + System.Text.Json client, and two Node.js stand-ins for the
/// TypeScript SDK (Node/client.mjs): its shape (an async generator between the reader and the caller's
/// <c>for await</c>) and the same work inline in the read loop, a lower bound. Each client reports its process CPU time from the first event to the last; the
/// orchestrator times process spawn → first event. <c>dotnet run -c Release --project tests/Amigo.Benchmarks -- e2e</c>.
/// </summary>
public static class EndToEndComparison
{
    /// <summary>Runs the comparison.</summary>
    /// <param name="rounds">Rounds, interleaved.</param>
    /// <param name="readyToRunClient">
    /// Optionally the Amigo.Benchmarks.dll of a ReadyToRun publish (see <see cref="RunColdStart"/>): the façade and
    /// the raw System.Text.Json client are then also measured precompiled.
    /// </param>
    /// <param name="nativeAotClient">
    /// Optionally the Amigo.Benchmarks executable of a NativeAOT publish (see <see cref="RunColdStart"/>): both are then
    /// also measured compiled ahead of time.
    /// </param>
    public static void Run(int rounds, string? readyToRunClient = null, string? nativeAotClient = null)
    {
        var clients = new List<(string Name, string Client)>
        {
            ("façade (JIT)", "sdk"),
            ("façade, Newtonsoft.Json path (before)", "facade-newtonsoft"),
            ("raw HttpClient + STJ (JIT)", "raw-stj"),
            ("Node.js stand-in (the TS SDK's generator)", "node"),
            ("Node.js, inline loop", "node-inline"),
        };
        if (readyToRunClient is not null)
        {
            clients.Insert(1, ("façade (ReadyToRun)", "r2r:" + readyToRunClient + "|sdk"));
            clients.Insert(4, ("raw HttpClient + STJ (ReadyToRun)", "r2r:" + readyToRunClient + "|raw-stj"));
        }
        if (nativeAotClient is not null)
        {
            clients.Insert(clients.FindLastIndex(c => c.Client.EndsWith("sdk", StringComparison.Ordinal)) + 1, ("façade (NativeAOT)", "exe:" + nativeAotClient + "|sdk"));
            clients.Insert(clients.FindLastIndex(c => c.Client.EndsWith("raw-stj", StringComparison.Ordinal)) + 1, ("raw HttpClient + STJ (NativeAOT)", "exe:" + nativeAotClient + "|raw-stj"));
        }
        var folder = Directory.CreateTempSubdirectory("amigo-e2e-").FullName;
        File.WriteAllLines(Path.Combine(folder, "text.ndjson"), EventMix.TextTurn());
        File.WriteAllLines(Path.Combine(folder, "voice.ndjson"), EventMix.VoiceTurn());
        var nodeFolder = Path.Combine(AppContext.BaseDirectory, "Node");
        using var server = Process.Start(new ProcessStartInfo("node", [Path.Combine(nodeFolder, "server.mjs"), folder]) { RedirectStandardOutput = true })!;
        try
        {
            var port = int.Parse(server.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
            var workloads = new (string Name, string Path, int Events, int Streams)[]
            {
                ("text, 200,000 events", "text", 200_000, 1),
                ("voice, 20,000 events", "voice", 20_000, 1),
                ("text, 200,000 events over 50 concurrent streams", "text", 200_000, 50),
                ("cold start: spawn → first event", "text", 48, 1),
            };
            var results = workloads.ToDictionary(w => w.Name, _ => clients.ToDictionary(c => c.Client, _ => new List<double>()));
            for (var round = 0; round < rounds; round++)
            {
                foreach (var workload in workloads)
                foreach (var (_, client) in clients)
                {
                    var (cpuPerEvent, firstMs, _) = RunClient(client, $"http://127.0.0.1:{port}/{workload.Path}?n={workload.Events}", workload.Streams);
                    results[workload.Name][client].Add(workload.Events == 48 ? firstMs : cpuPerEvent);
                }
            }

            Console.WriteLine($"{rounds} rounds, medians; CPU µs/event is process CPU (user + system) from the first event to the last.");
            Console.WriteLine();
            Console.WriteLine($"| Workload | {string.Join(" | ", clients.Select(c => c.Name))} |");
            Console.WriteLine($"| --- |{string.Concat(clients.Select(_ => " ---: |"))}");
            var medians = workloads.ToDictionary(w => w.Name, w => clients.ToDictionary(c => c.Client, c => Median(results[w.Name][c.Client])));
            foreach (var workload in workloads)
            {
                var unit = workload.Events == 48 ? "ms" : "CPU µs/event";
                Console.WriteLine($"| {workload.Name} ({unit}) | {string.Join(" | ", clients.Select(c => medians[workload.Name][c.Client].ToString("N2", System.Globalization.CultureInfo.InvariantCulture)))} |");
            }

            // Each façade build over the Node.js stand-ins and over the raw client built the same way (JIT, ReadyToRun, NativeAOT).
            Console.WriteLine();
            Console.WriteLine("Ratios of medians: over Node.js (generator) / over Node.js (inline) / over the raw HttpClient + STJ client built the same way.");
            Console.WriteLine();
            Console.WriteLine($"| Façade | {string.Join(" | ", workloads.Select(w => w.Name))} |");
            Console.WriteLine($"| --- |{string.Concat(workloads.Select(_ => " ---: |"))}");
            foreach (var (name, facade) in clients.Where(c => c.Client.EndsWith("sdk", StringComparison.Ordinal)))
            {
                var raw = facade[..^"sdk".Length] + "raw-stj";
                Console.WriteLine($"| {name} | {string.Join(" | ", workloads.Select(w => FormattableString.Invariant(
                    $"{medians[w.Name][facade] / medians[w.Name]["node"]:N2}× / {medians[w.Name][facade] / medians[w.Name]["node-inline"]:N2}× / {medians[w.Name][facade] / medians[w.Name][raw]:N2}×")))} |");
            }

            Console.WriteLine();
            Console.WriteLine("Memory over 1,000,000 text events (façade, one stream), heap after a full GC:");
            using var memory = Process.Start(new ProcessStartInfo("dotnet", [typeof(EndToEndComparison).Assembly.Location, "e2e-client", "memory", $"http://127.0.0.1:{port}/text?n=1000000", "1"]) { RedirectStandardOutput = true })!;
            Console.WriteLine(memory.StandardOutput.ReadToEnd());
            memory.WaitForExit();
        }
        finally
        {
            server.Kill();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Spawn → first event, interleaved, <paramref name="rounds"/> rounds, against the same local server: the whole
    /// façade (<c>AmigoClient</c>, <c>InteractAsync</c>) built as <c>dotnet build</c> leaves it (JIT) and published
    /// ReadyToRun under runtime settings (environment variables an app can also set in its project or
    /// runtimeconfig), self-contained composite ReadyToRun and NativeAOT, the raw HttpClient + System.Text.Json client
    /// the same ways, and both Node.js stand-ins (the TypeScript SDK's shape and the inline loop). The façade
    /// clients also report where their cold start went (see <see cref="Phase"/>); the table gives the medians.
    /// </summary>
    /// <param name="rounds">Rounds, interleaved.</param>
    /// <param name="readyToRunClient">
    /// The Amigo.Benchmarks.dll of a ReadyToRun publish (<c>dotnet publish tests/Amigo.Benchmarks -c Release
    /// -p:PublishReadyToRun=true -o DIR</c>); without it only the JIT rows are measured.
    /// </param>
    /// <param name="compositeClient">
    /// The Amigo.Benchmarks executable of a self-contained composite ReadyToRun publish (add <c>-p:SelfContained=true
    /// -p:PublishReadyToRunComposite=true</c>), or null.
    /// </param>
    /// <param name="nativeAotClient">
    /// The Amigo.Benchmarks executable of a NativeAOT publish (<c>dotnet publish tests/Amigo.Benchmarks -c Release -r
    /// linux-x64 -p:AmigoPublishMode=aot -p:TreatWarningsAsErrors=false -o DIR</c>), or null.
    /// </param>
    /// <remarks>
    /// Each façade variant (and each Node.js stand-in) also reads 200,000 text events and, in another fresh process,
    /// 20,000 voice events once per round: the process CPU per event
    /// from its first event to its last, which in a fresh process is mostly the JIT's and tiering's.
    /// </remarks>
    public static void RunColdStart(int rounds, string? readyToRunClient, string? compositeClient = null, string? nativeAotClient = null)
    {
        var folder = Directory.CreateTempSubdirectory("amigo-cold-").FullName;
        File.WriteAllLines(Path.Combine(folder, "text.ndjson"), EventMix.TextTurn());
        File.WriteAllLines(Path.Combine(folder, "voice.ndjson"), EventMix.VoiceTurn());
        using var server = Process.Start(new ProcessStartInfo("node", [Path.Combine(AppContext.BaseDirectory, "Node", "server.mjs"), folder]) { RedirectStandardOutput = true })!;
        try
        {
            var port = server.StandardOutput.ReadLine();
            var url = $"http://127.0.0.1:{port}/text?n=48";
            var longUrl = $"http://127.0.0.1:{port}/text?n=200000";
            var voiceUrl = $"http://127.0.0.1:{port}/voice?n=20000";
            (string, string)[] phases = [("AMIGO_BENCH_PHASES", "1")];
            var settings = new List<(string Name, string Client, (string, string)[] Environment)>
            {
                ("façade (AmigoClient), JIT (dotnet build), defaults", "sdk", phases),
                ("façade (AmigoClient), JIT, TieredPGO=0", "sdk", [.. phases, ("DOTNET_TieredPGO", "0")]),
                ("façade stream on the Newtonsoft.Json path (before), JIT", "facade-newtonsoft", []),
                ("raw HttpClient + System.Text.Json, JIT", "raw-stj", []),
                ("Node.js stand-in for the TS SDK (its generator)", "node", []),
                ("Node.js, inline loop (lower bound)", "node-inline", []),
            };
            if (readyToRunClient is not null)
            {
                settings.InsertRange(2,
                [
                    ("façade (AmigoClient), ReadyToRun publish, defaults", "r2r:" + readyToRunClient + "|sdk", phases),
                    ("façade (AmigoClient), ReadyToRun publish, TieredPGO=0", "r2r:" + readyToRunClient + "|sdk", [.. phases, ("DOTNET_TieredPGO", "0")]),
                    ("façade (AmigoClient), ReadyToRun publish, TieredCompilation=0", "r2r:" + readyToRunClient + "|sdk", [.. phases, ("DOTNET_TieredCompilation", "0")]),
                    ("façade (AmigoClient), ReadyToRun publish, TC_QuickJitForLoops=0", "r2r:" + readyToRunClient + "|sdk", [.. phases, ("DOTNET_TC_QuickJitForLoops", "0")]),
                ]);
                settings.Insert(settings.Count - 2, ("raw HttpClient + System.Text.Json, ReadyToRun publish", "r2r:" + readyToRunClient + "|raw-stj", []));
            }
            if (compositeClient is not null)
            {
                settings.InsertRange(settings.Count - 2,
                [
                    ("façade (AmigoClient), self-contained composite ReadyToRun, defaults", "exe:" + compositeClient + "|sdk", phases),
                    ("façade (AmigoClient), self-contained composite ReadyToRun, TieredPGO=0", "exe:" + compositeClient + "|sdk", [.. phases, ("DOTNET_TieredPGO", "0")]),
                    ("façade (AmigoClient), self-contained composite ReadyToRun, TieredCompilation=0", "exe:" + compositeClient + "|sdk", [.. phases, ("DOTNET_TieredCompilation", "0")]),
                    ("façade (AmigoClient), self-contained composite ReadyToRun, TC_QuickJitForLoops=0", "exe:" + compositeClient + "|sdk", [.. phases, ("DOTNET_TC_QuickJitForLoops", "0")]),
                    ("raw HttpClient + System.Text.Json, self-contained composite ReadyToRun", "exe:" + compositeClient + "|raw-stj", []),
                ]);
            }

            if (nativeAotClient is not null)
            {
                settings.InsertRange(settings.Count - 2,
                [
                    ("façade (AmigoClient), NativeAOT", "exe:" + nativeAotClient + "|sdk", phases),
                    ("raw HttpClient + System.Text.Json, NativeAOT", "exe:" + nativeAotClient + "|raw-stj", []),
                ]);
            }

            var results = settings.Select(_ => new List<double>()).ToArray();
            var cpu = settings.Select(_ => new List<double>()).ToArray();
            var voiceCpu = settings.Select(_ => new List<double>()).ToArray();
            var breakdowns = settings.Select(_ => new List<Dictionary<string, (double Ms, double JitMethods, double JitMs)>>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < settings.Count; i++)
                {
                    var run = RunClient(settings[i].Client, url, 1, settings[i].Environment);
                    results[i].Add(run.FirstEventMs);
                    if (run.Phases is { } p) breakdowns[i].Add(p);
                    if (settings[i].Client.EndsWith("sdk", StringComparison.Ordinal) || settings[i].Client.StartsWith("node", StringComparison.Ordinal))
                    {
                        var environment = settings[i].Environment.Where(e => e.Item1 != "AMIGO_BENCH_PHASES").ToArray();
                        cpu[i].Add(RunClient(settings[i].Client, longUrl, 1, environment).CpuMicrosecondsPerEvent);
                        voiceCpu[i].Add(RunClient(settings[i].Client, voiceUrl, 1, environment).CpuMicrosecondsPerEvent);
                    }
                }
            }
            // Ratios of medians to each Node.js variant's, first event / text / voice.
            var node = settings.FindIndex(s => s.Client == "node");
            var inline = settings.FindIndex(s => s.Client == "node-inline");
            string Ratios(int i, int to) => cpu[i].Count == 0 ? "" : FormattableString.Invariant(
                $"{Median(results[i]) / Median(results[to]):N2}× / {Median(cpu[i]) / Median(cpu[to]):N2}× / {Median(voiceCpu[i]) / Median(voiceCpu[to]):N2}×");
            Console.WriteLine($"| Spawn → first event, {rounds} rounds | median ms | min ms | fresh process, 200,000 text events, CPU µs/event (median / min) | fresh process, 20,000 voice events, CPU µs/event (median / min) | first / text / voice over Node (generator) | over Node (inline) |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (var i = 0; i < settings.Count; i++)
                Console.WriteLine($"| {settings[i].Name} | {Median(results[i]):N0} | {results[i].Min():N0} | {MedianAndMin(cpu[i])} | {MedianAndMin(voiceCpu[i])} | {Ratios(i, node)} | {Ratios(i, inline)} |");

            Console.WriteLine();
            Console.WriteLine("Where the façade's cold start goes (medians; ms since the process started, and the JIT's methods and ms so far):");
            for (var i = 0; i < settings.Count; i++)
            {
                if (breakdowns[i].Count == 0) continue;
                Console.WriteLine();
                Console.WriteLine($"{settings[i].Name}:");
                Console.WriteLine("| Phase | ms since start | JIT-compiled methods | JIT ms |");
                Console.WriteLine("| --- | ---: | ---: | ---: |");
                foreach (var phase in breakdowns[i][0].Keys)
                {
                    var values = breakdowns[i].Where(b => b.ContainsKey(phase)).Select(b => b[phase]).ToList();
                    Console.WriteLine($"| {phase} | {Median(values.Select(v => v.Ms).ToList()):N1} | {Median(values.Select(v => v.JitMethods).ToList()):N0} | {Median(values.Select(v => v.JitMs).ToList()):N1} |");
                }
            }
        }
        finally
        {
            server.Kill();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (double CpuMicrosecondsPerEvent, double FirstEventMs, Dictionary<string, (double Ms, double JitMethods, double JitMs)>? Phases) RunClient(
        string client, string url, int streams, (string Name, string Value)[]? environment = null)
    {
        var count = streams.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var start = client switch
        {
            "node" => new ProcessStartInfo("node", [Path.Combine(AppContext.BaseDirectory, "Node", "client.mjs"), url, count, "generator"]),
            "node-inline" => new ProcessStartInfo("node", [Path.Combine(AppContext.BaseDirectory, "Node", "client.mjs"), url, count, "inline"]),
            _ when client.StartsWith("exe:", StringComparison.Ordinal) => new ProcessStartInfo(client["exe:".Length..client.LastIndexOf('|')], ["e2e-client", client[(client.LastIndexOf('|') + 1)..], url, count]),
            _ when client.StartsWith("r2r:", StringComparison.Ordinal) => new ProcessStartInfo("dotnet", [client["r2r:".Length..client.LastIndexOf('|')], "e2e-client", client[(client.LastIndexOf('|') + 1)..], url, count]),
            _ => new ProcessStartInfo("dotnet", [typeof(EndToEndComparison).Assembly.Location, "e2e-client", client, url, count]),
        };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var first = process.StandardOutput.ReadLine();
        var firstMs = clock.Elapsed.TotalMilliseconds;
        var result = process.StandardOutput.ReadLine();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var stderr = errors.GetAwaiter().GetResult();
        if (first != "first" || result is null || process.ExitCode != 0)
            throw new InvalidOperationException($"{client} failed: {first} {result} (exit code {process.ExitCode}) {stderr}");
        using var json = JsonDocument.Parse(result);
        var events = json.RootElement.GetProperty("events").GetInt64();
        var cpuUs = json.RootElement.GetProperty("cpuUs").GetDouble();
        Dictionary<string, (double, double, double)>? phases = null;
        if (stderr.TrimStart().StartsWith('['))
        {
            using var phaseJson = JsonDocument.Parse(stderr);
            phases = phaseJson.RootElement.EnumerateArray().ToDictionary(
                p => p.GetProperty("phase").GetString()!,
                p => (p.GetProperty("ms").GetDouble(),
                    p.TryGetProperty("jitMethods", out var m) ? m.GetDouble() : double.NaN,
                    p.TryGetProperty("jitMs", out var j) ? j.GetDouble() : double.NaN));
        }
        return (cpuUs / Math.Max(1, events - 1), firstMs, phases);
    }

    /// <summary>The raw client's System.Text.Json call: reflection-based as a hand-written client's would be, or, compiled ahead of time (where reflection-based serialization is off), from generated metadata.</summary>
    private static RawEvent? Deserialize(string line) => System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported
#pragma warning disable IL2026, IL3050 // The reflection-based call runs only where dynamic code is supported.
        ? JsonSerializer.Deserialize<RawEvent>(line)
#pragma warning restore IL2026, IL3050
        : JsonSerializer.Deserialize(line, RawEventContext.Default.RawEvent);

    private static double Median(IReadOnlyCollection<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string MedianAndMin(List<double> values) => values.Count == 0 ? "" : $"{Median(values):N2} / {values.Min():N2}";

    /// <summary>
    /// The façade and the raw System.Text.Json client in this process, against the local server, interleaved for
    /// <paramref name="rounds"/> rounds of 200,000 text and 20,000 voice events: process CPU per event after warm-up,
    /// for profiling changes to the hot path (<c>-- inproc 5</c>).
    /// </summary>
    /// <param name="rounds">Rounds, interleaved.</param>
    public static void RunInProcess(int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("amigo-inproc-").FullName;
        File.WriteAllLines(Path.Combine(folder, "text.ndjson"), EventMix.TextTurn());
        File.WriteAllLines(Path.Combine(folder, "voice.ndjson"), EventMix.VoiceTurn());
        using var server = Process.Start(new ProcessStartInfo("node", [Path.Combine(AppContext.BaseDirectory, "Node", "server.mjs"), folder]) { RedirectStandardOutput = true })!;
        try
        {
            var port = server.StandardOutput.ReadLine();
            var clients = new[] { "sdk", "raw-stj" };
            var workloads = new[] { ("text", 200_000), ("voice", 20_000) };
            var results = new Dictionary<string, List<double>>();
            for (var round = -1; round < rounds; round++)
            {
                foreach (var (mix, events) in workloads)
                foreach (var client in clients)
                {
                    var (seen, cpu) = MeasureAsync(client, $"http://127.0.0.1:{port}/{mix}?n={events}", 1, onFirst: null).GetAwaiter().GetResult();
                    if (round < 0) continue; // warm-up
                    var key = $"{mix} {client}";
                    if (!results.TryGetValue(key, out var list)) results[key] = list = [];
                    list.Add(cpu.TotalMicroseconds / Math.Max(1, seen - 1));
                }
            }
            Console.WriteLine($"In process, {rounds} rounds after a warm-up round, process CPU µs/event (median, min):");
            foreach (var (key, values) in results)
                Console.WriteLine($"{key}: {Median(values):N3} {values.Min():N3}");
        }
        finally
        {
            server.Kill();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Runs the local NDJSON server until Enter is pressed and prints its base address, for measuring one client by
    /// hand (<c>-- serve</c>, then <c>-- e2e-client facade http://127.0.0.1:PORT/text?n=200000 1</c> with other
    /// runtime settings).
    /// </summary>
    public static void Serve()
    {
        var folder = Directory.CreateTempSubdirectory("amigo-serve-").FullName;
        File.WriteAllLines(Path.Combine(folder, "text.ndjson"), EventMix.TextTurn());
        File.WriteAllLines(Path.Combine(folder, "voice.ndjson"), EventMix.VoiceTurn());
        using var server = Process.Start(new ProcessStartInfo("node", [Path.Combine(AppContext.BaseDirectory, "Node", "server.mjs"), folder]) { RedirectStandardOutput = true })!;
        try
        {
            Console.WriteLine($"http://127.0.0.1:{server.StandardOutput.ReadLine()}/");
            Console.ReadLine();
        }
        finally
        {
            server.Kill();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One client process: reads <paramref name="streams"/> concurrent streams of <paramref name="url"/>.</summary>
    public static async Task ClientAsync(string client, string url, int streams)
    {
        var (events, cpu) = await MeasureAsync(client, url, streams, onFirst: () =>
        {
            Console.Out.WriteLine("first");
            Console.Out.Flush();
        });
        Console.Out.WriteLine($"{{\"events\":{events},\"cpuUs\":{cpu.TotalMicroseconds}}}");
    }

    /// <summary>
    /// With AMIGO_BENCH_PHASES=1 the client prints where its cold start went, as one more line: for each phase, the
    /// wall time since the process started and the JIT's count and time of compiled methods (System.Runtime.JitInfo).
    /// </summary>
    private static readonly bool TracePhases = Environment.GetEnvironmentVariable("AMIGO_BENCH_PHASES") == "1";

    private static readonly List<string> Phases = [];

    private static readonly DateTime ProcessStarted = TracePhases ? Process.GetCurrentProcess().StartTime : default;

    private static void Phase(string name)
    {
        if (!TracePhases) return;
        var sinceStart = DateTime.Now - ProcessStarted;
        Phases.Add(FormattableString.Invariant(
            $"{{\"phase\":\"{name}\",\"ms\":{sinceStart.TotalMilliseconds:F1},\"jitMethods\":{System.Runtime.JitInfo.GetCompiledMethodCount()},\"jitMs\":{System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F1}}}"));
    }

    private static async Task<(long Events, TimeSpan Cpu)> MeasureAsync(string client, string url, int streams, Action? onFirst)
    {
        Phase("main");
        using var http = new HttpClient();
        var each = url[..(url.IndexOf("?n=", StringComparison.Ordinal) + 3)] + (int.Parse(url[(url.IndexOf("?n=", StringComparison.Ordinal) + 3)..], System.Globalization.CultureInfo.InvariantCulture) / streams);
        long events = 0;
        var cpuAtFirst = TimeSpan.Zero;
        var firstSeen = 0;
        void OnEvent()
        {
            if (Interlocked.Exchange(ref firstSeen, 1) == 0)
            {
                cpuAtFirst = Process.GetCurrentProcess().TotalProcessorTime;
                Phase("first event");
                onFirst?.Invoke();
            }
            Interlocked.Increment(ref events);
        }

        var memory = new List<string>();
        async Task ReadAsync()
        {
            Func<CancellationToken, Task<HttpResponseMessage>> send = token =>
                http.SendAsync(new HttpRequestMessage(HttpMethod.Get, each), HttpCompletionOption.ResponseHeadersRead, token);
            switch (client)
            {
                case "facade":
                    await foreach (var e in ConversationEventStream.Create("interact-with-conversation", Format.Text, send, new AmigoStreamOptions(), default))
                        OnEvent();
                    break;
                case "sdk" or "memory":
                    // The whole façade: AmigoClient, its HTTP pipeline, InteractAsync. The server answers any
                    // .../interact request with the mix and count of the URL's query.
                    var target = new Uri(each);
                    var mix = target.AbsolutePath.Trim('/');
                    using (var amigo = new AmigoClient(new AmigoClientOptions
                    {
                        BaseUrl = new Uri(target.GetLeftPart(UriPartial.Authority) + "/"),
                        OrganizationId = "bench",
                        Credential = AmigoCredential.FromBearerToken("bench-token"),
                    }))
                    {
                        Phase("client built");
                        await foreach (var e in amigo.Conversations.InteractAsync(
                            "65f1c0ffee0123456789abcd", InteractionInput.Text($"{mix} {target.Query.TrimStart('?')}")))
                        {
                            OnEvent();
                            if (client == "memory" && events % 100_000 == 0)
                                memory.Add($"{events:N0}: {GC.GetTotalMemory(forceFullCollection: true) / 1024.0:N0} KiB");
                        }
                        Phase("last event");
                        if (TracePhases)
                        {
                            // The same call again, warm: what is left of a call once everything is loaded and compiled.
                            var warm = Stopwatch.StartNew();
                            await using var again = amigo.Conversations.InteractAsync(
                                "65f1c0ffee0123456789abcd", InteractionInput.Text($"{mix} n=48")).GetAsyncEnumerator();
                            await again.MoveNextAsync();
                            Phases.Add(FormattableString.Invariant($"{{\"phase\":\"second call, call to first event\",\"ms\":{warm.Elapsed.TotalMilliseconds:F2}}}"));
                        }
                    }
                    break;
                case "facade-newtonsoft":
                    var settings = new EventStreamSettings<ConversationEvent>
                    {
                        Operation = "interact-with-conversation",
                        Deserializer = new NewtonsoftNdjsonDeserializer<ConversationEvent>(AmigoJsonDecoding.Tolerant),
                        IsTerminalEvent = e => e is InteractionCompleteEvent,
                    };
                    await foreach (var e in new AmigoEventStream<ConversationEvent>(send, settings, default))
                        OnEvent();
                    break;
                case "raw-stj":
                    using (var response = await send(default))
                    using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync()))
                    {
                        while (await reader.ReadLineAsync() is { } line)
                        {
                            if (line.Length > 0 && Deserialize(line) is { Type: not null })
                                OnEvent();
                        }
                    }
                    break;
                default:
                    throw new ArgumentException($"unknown client {client}");
            }
        }

        await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => Task.Run(ReadAsync)));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtFirst;
        if (client == "memory") Console.Out.WriteLine(string.Join("\n", memory));
        if (TracePhases) Console.Error.WriteLine("[" + string.Join(",", Phases) + "]");
        return (events, cpu);
    }
}
