using System.Text;
using Amigo.Generated;
using Amigo.Streaming;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Newtonsoft.Json;

namespace Amigo.Benchmarks.Streaming;

/// <summary>
/// The stream's hot path: reading NDJSON lines from a body and deserializing each into a typed event.
/// Every benchmark reads one body of <see cref="Lines"/> lines, so the reported time and allocations are per event.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class NdjsonReadBenchmarks
{
    public const int Lines = 2_000;

    private byte[] _body = [];
    private JsonSerializer _serializer = null!;
    private NewtonsoftNdjsonDeserializer<ConversationEvent> _deserializer = null!;
    private NewtonsoftNdjsonDeserializer<ConversationEvent> _strictDeserializer = null!;
    private NewtonsoftNdjsonDeserializer<ConversationEvent> _jsonSubTypesDeserializer = null!;
    private GeneratedNdjsonDeserializer<ConversationEvent> _generatedDeserializer = null!;

    /// <summary>Text turns (small lines) or voice turns (~4 KB base64 audio lines).</summary>
    [Params("text", "voice")]
    public string Mix { get; set; } = "text";

    [GlobalSetup]
    public void Setup()
    {
        _body = EventMix.Body(Mix == "voice" ? EventMix.VoiceTurn : EventMix.TextTurn, Lines);
        _serializer = JsonSerializer.Create(AmigoJsonSettings.Create());
        // The SDK decodes tolerantly by default (AmigoClientOptions.StrictDecoding = false).
        _deserializer = new NewtonsoftNdjsonDeserializer<ConversationEvent>(AmigoJsonDecoding.Tolerant);
        _strictDeserializer = new NewtonsoftNdjsonDeserializer<ConversationEvent>(AmigoJsonDecoding.Strict);
        _jsonSubTypesDeserializer = new NewtonsoftNdjsonDeserializer<ConversationEvent>(_serializer, populateKnownSubtypesDirectly: false);
        _generatedDeserializer = new GeneratedNdjsonDeserializer<ConversationEvent>(AmigoStreamDecoders.TryDecode, _deserializer);
    }

    /// <summary>The SDK's default path: the generated System.Text.Json decoders, Newtonsoft.Json for lines they decline.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<int> ReaderAndGeneratedDecoder()
    {
        using var reader = new NdjsonLineReader(new MemoryStream(_body, writable: false));
        int events = 0;
        while (await reader.ReadLineAsync())
        {
            if (_generatedDeserializer.Deserialize(reader.CurrentLine.Span, out _) is not null)
            {
                events++;
            }
        }
        return events;
    }

    /// <summary>
    /// A raw System.Text.Json client's loop: the same reader, <c>JsonSerializer.Deserialize</c> of each line into one
    /// flat POCO (no union, no tolerance), the yardstick of the goals.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<int> ReaderAndRawSystemTextJson()
    {
        using var reader = new NdjsonLineReader(new MemoryStream(_body, writable: false));
        int events = 0;
        while (await reader.ReadLineAsync())
        {
            if (System.Text.Json.JsonSerializer.Deserialize<RawEvent>(reader.CurrentLine.Span) is not null)
            {
                events++;
            }
        }
        return events;
    }

    /// <summary>Line splitting alone.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<long> ReaderOnly()
    {
        using var reader = new NdjsonLineReader(new MemoryStream(_body, writable: false));
        long bytes = 0;
        while (await reader.ReadLineAsync())
        {
            bytes += reader.CurrentLine.Length;
        }
        return bytes;
    }

    /// <summary>
    /// The SDK's path: pooled line buffer, UTF-8 decoded into a pooled char buffer read by JsonTextReader, known
    /// event types populated directly.
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public async Task<int> ReaderAndPooledDeserializer()
    {
        using var reader = new NdjsonLineReader(new MemoryStream(_body, writable: false));
        int events = 0;
        while (await reader.ReadLineAsync())
        {
            if (_deserializer.Deserialize(reader.CurrentLine.Span, out _) is not null)
            {
                events++;
            }
        }
        return events;
    }

    /// <summary>The same with <c>StrictDecoding</c>: a serializer without the tolerant error handler.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<int> ReaderAndPooledDeserializerStrict()
    {
        using var reader = new NdjsonLineReader(new MemoryStream(_body, writable: false));
        int events = 0;
        while (await reader.ReadLineAsync())
        {
            if (_strictDeserializer.Deserialize(reader.CurrentLine.Span, out _) is not null)
            {
                events++;
            }
        }
        return events;
    }

    /// <summary>The same, but every line goes through JsonSubTypes (which loads a JObject per event first).</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<int> ReaderAndPooledDeserializerViaJsonSubTypes()
    {
        using var reader = new NdjsonLineReader(new MemoryStream(_body, writable: false));
        int events = 0;
        while (await reader.ReadLineAsync())
        {
            if (_jsonSubTypesDeserializer.Deserialize(reader.CurrentLine.Span, out _) is not null)
            {
                events++;
            }
        }
        return events;
    }

    /// <summary>The alternative: the same reader, but a string per line handed to the serializer (via JsonSubTypes).</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<int> ReaderAndStringPerLine()
    {
        using var reader = new NdjsonLineReader(new MemoryStream(_body, writable: false));
        int events = 0;
        while (await reader.ReadLineAsync())
        {
            string line = Encoding.UTF8.GetString(reader.CurrentLine.Span);
            using var json = new JsonTextReader(new StringReader(line));
            if (_serializer.Deserialize<ConversationEvent>(json) is not null)
            {
                events++;
            }
        }
        return events;
    }

    /// <summary>The naive approach for comparison: StreamReader.ReadLineAsync and JsonConvert per line.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<int> StreamReaderAndJsonConvert()
    {
        using var reader = new StreamReader(new MemoryStream(_body, writable: false), Encoding.UTF8);
        int events = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0 && JsonConvert.DeserializeObject<ConversationEvent>(line, AmigoJsonSettings.Create()) is not null)
            {
                events++;
            }
        }
        return events;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(15));
        }
    }
}
