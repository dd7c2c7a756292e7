namespace Amigo.Streaming;

/// <summary>Turns the UTF-8 bytes of one NDJSON line into an event.</summary>
/// <typeparam name="TEvent">The event type the stream yields.</typeparam>
internal interface INdjsonEventDeserializer<out TEvent>
{
    /// <summary>
    /// Parses one line. Throws (any exception but <see cref="OperationCanceledException"/>) when the line is not a
    /// valid event; returns <see langword="null"/> when the line is valid JSON that holds no event (JSON <c>null</c>).
    /// </summary>
    /// <param name="utf8Line">The line's bytes without its line ending; only valid during the call.</param>
    /// <param name="issues">What did not match the spec in an event decoded anyway (tolerant decoding), or null.</param>
    TEvent? Deserialize(ReadOnlySpan<byte> utf8Line, out IReadOnlyList<AmigoDecodeIssue>? issues);
}
