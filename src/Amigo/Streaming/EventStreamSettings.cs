namespace Amigo.Streaming;

/// <summary>An error the server reported inside a stream: the HTTP status code and description it carries.</summary>
internal readonly record struct InStreamError(int HttpErrorCode, string Description);

/// <summary>What an <see cref="AmigoEventStream{TEvent}"/> needs to know about the operation and its events.</summary>
/// <typeparam name="TEvent">The event type the stream yields.</typeparam>
internal sealed class EventStreamSettings<TEvent>
    where TEvent : class
{
    /// <summary>The API operation, named in errors (for example <c>interact-with-conversation</c>).</summary>
    public required string Operation { get; init; }

    /// <summary>Parses each line into an event.</summary>
    public required INdjsonEventDeserializer<TEvent> Deserializer { get; init; }

    /// <summary>Idle timeout, maximum line length and the error-event policy.</summary>
    public AmigoStreamOptions Options { get; init; } = new();

    /// <summary>
    /// Recognises the event after which the stream is complete. When set, a stream that ends without one throws
    /// <see cref="AmigoStreamEndedEarlyException"/>; when <see langword="null"/>, any end is a normal end.
    /// </summary>
    public Func<TEvent, bool>? IsTerminalEvent { get; init; }

    /// <summary>The clock of the idle timeout (the client's <see cref="TimeProvider"/>; tests pass a manual one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Recognises an in-stream error event and reads its code and description; <see langword="null"/> for other events.</summary>
    public Func<TEvent, InStreamError?>? ReadError { get; init; }

    /// <summary>Keeps the client's secrets out of excerpts and messages of stream exceptions.</summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.None;

    /// <summary>Told about every event that was decoded although it did not match the spec (tolerant decoding).</summary>
    public Action<TEvent, IReadOnlyList<AmigoDecodeIssue>>? DecodeIssuesFound { get; init; }

    /// <summary>Cancelled when the client is disposed: the stream then ends with <see cref="ObjectDisposedException"/>.</summary>
    public CancellationToken ClientLifetime { get; init; }
}
