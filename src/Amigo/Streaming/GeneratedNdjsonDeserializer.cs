namespace Amigo.Streaming;

/// <summary>A generated System.Text.Json decoder of one NDJSON line (see <c>AmigoStreamDecoders</c> in Amigo.Generated).</summary>
/// <typeparam name="TEvent">The event type the line holds.</typeparam>
/// <param name="utf8Line">The line's bytes without its line ending.</param>
/// <param name="value">The event, when the decoder returns <see langword="true"/>.</param>
/// <returns>Whether the line was decoded; <see langword="false"/> when it must be decoded by Newtonsoft.Json instead.</returns>
internal delegate bool Utf8EventDecoder<TEvent>(ReadOnlySpan<byte> utf8Line, out TEvent? value)
    where TEvent : class;

/// <summary>
/// The stream's default deserializer: the generated System.Text.Json decoder reads every line it can decode exactly
/// as Newtonsoft.Json would, with no decode issue; every other line (values that drift from the spec, unknown or
/// misplaced discriminators, text System.Text.Json rejects) goes to the Newtonsoft.Json path, which keeps the
/// unknown-type fallback, tolerant decoding and its issues, and strict decoding. So the result of a line never
/// depends on which path read it. The fallback is created on the first line that needs it: building Newtonsoft.Json's
/// contracts for every event type is most of a cold start's first-event latency, and a conforming stream never needs
/// them. Thread-safe.
/// </summary>
/// <typeparam name="TEvent">The event type the stream yields.</typeparam>
internal sealed class GeneratedNdjsonDeserializer<TEvent> : INdjsonEventDeserializer<TEvent>
    where TEvent : class
{
    private readonly Utf8EventDecoder<TEvent> _decoder;
    private readonly Lazy<INdjsonEventDeserializer<TEvent>> _fallback;

    /// <summary>Creates the deserializer.</summary>
    /// <param name="decoder">The generated decoder.</param>
    /// <param name="fallback">The Newtonsoft.Json path, for the lines the decoder declines.</param>
    public GeneratedNdjsonDeserializer(Utf8EventDecoder<TEvent> decoder, INdjsonEventDeserializer<TEvent> fallback)
        : this(decoder, () => fallback)
    {
    }

    /// <summary>Creates the deserializer, with the Newtonsoft.Json path made when a line first needs it.</summary>
    /// <param name="decoder">The generated decoder.</param>
    /// <param name="createFallback">Creates the Newtonsoft.Json path (called at most once).</param>
    public GeneratedNdjsonDeserializer(Utf8EventDecoder<TEvent> decoder, Func<INdjsonEventDeserializer<TEvent>> createFallback)
    {
        _decoder = decoder;
        _fallback = new Lazy<INdjsonEventDeserializer<TEvent>>(createFallback, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public TEvent? Deserialize(ReadOnlySpan<byte> utf8Line, out IReadOnlyList<AmigoDecodeIssue>? issues)
    {
        if (_decoder(utf8Line, out var value))
        {
            issues = null;
            return value;
        }
        return _fallback.Value.Deserialize(utf8Line, out issues);
    }
}
