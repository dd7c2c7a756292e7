using Amigo.Generated;
using Amigo.Streaming;

namespace Amigo;

/// <summary>
/// The live events of one conversation turn (create-conversation or interact-with-conversation), consumed with
/// <c>await foreach</c> and a <c>switch</c> on the event type, or gathered with <see cref="CollectAsync(CancellationToken)"/>.
/// </summary>
/// <remarks>
/// Nothing is sent until enumeration starts, and the stream can be read once (streams are never retried).
/// Events arrive as the server sends them. Unknown event and action types come through as
/// <see cref="UnknownConversationEvent"/> and <see cref="UnknownConversationAction"/> with their raw JSON.
/// An <see cref="ErrorEvent"/> throws <see cref="AmigoStreamErrorEventException"/> unless
/// <see cref="AmigoStreamOptions.YieldErrorEvents"/> is set; a connection that ends before
/// <see cref="InteractionCompleteEvent"/> throws <see cref="AmigoStreamEndedEarlyException"/>.
/// </remarks>
public sealed class ConversationEventStream : IAsyncEnumerable<ConversationEvent>
{
    // The generated System.Text.Json decoder first; Newtonsoft.Json for every line it declines (see GeneratedNdjsonDeserializer).
    private static readonly GeneratedNdjsonDeserializer<ConversationEvent> TolerantDeserializer =
        new(AmigoStreamDecoders.TryDecode, () => new NewtonsoftNdjsonDeserializer<ConversationEvent>(AmigoJsonDecoding.Tolerant));

    private static readonly GeneratedNdjsonDeserializer<ConversationEvent> StrictDeserializer =
        new(AmigoStreamDecoders.TryDecode, () => new NewtonsoftNdjsonDeserializer<ConversationEvent>(AmigoJsonDecoding.Strict));

    private readonly IAsyncEnumerable<ConversationEvent> _events;

    private ConversationEventStream(IAsyncEnumerable<ConversationEvent> events, string operation, SecretRedactor redactor, Format responseFormat)
    {
        _events = events;
        Operation = operation;
        Redactor = redactor;
        ResponseFormat = responseFormat;
    }

    private ConversationEventStream(AmigoEventStream<ConversationEvent> events, Format responseFormat)
        : this(events, events.Operation, events.Redactor, responseFormat)
    {
    }

    /// <summary>
    /// A stream of the given events, not backed by the API, for unit tests of code that consumes turns. Its events are
    /// yielded as given (an <see cref="ErrorEvent"/> too); <see cref="CollectAsync(CancellationToken)"/> and the
    /// other helpers work on it as on a live stream.
    /// </summary>
    /// <param name="events">The events, for example a <see cref="UserMessageAvailableEvent"/>, <see cref="NewMessageEvent"/>s and an <see cref="InteractionCompleteEvent"/>.</param>
    /// <param name="responseFormat">The format the turn was asked for.</param>
    /// <param name="operation">The operation the stream stands for.</param>
    public static ConversationEventStream FromEvents(
        IEnumerable<ConversationEvent> events, Format responseFormat = Format.Text, string operation = "interact-with-conversation")
    {
        ArgumentNullException.ThrowIfNull(events);
        return FromEvents(Yield(events.ToArray()), responseFormat, operation);
    }

    /// <summary>
    /// A stream of the events <paramref name="events"/> produces, not backed by the API: to fake a stream that waits,
    /// or that fails part-way (throw one of the stream exceptions, such as <see cref="AmigoStreamEndedEarlyException"/>).
    /// </summary>
    /// <param name="events">The events, yielded as they come.</param>
    /// <param name="responseFormat">The format the turn was asked for.</param>
    /// <param name="operation">The operation the stream stands for.</param>
    public static ConversationEventStream FromEvents(
        IAsyncEnumerable<ConversationEvent> events, Format responseFormat = Format.Text, string operation = "interact-with-conversation")
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(operation);
        return new ConversationEventStream(events, operation, SecretRedactor.None, responseFormat);
    }

    private static async IAsyncEnumerable<ConversationEvent> Yield(
        ConversationEvent[] events, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return e ?? throw new ArgumentException("The events of FromEvents must not be null.", nameof(events));
        }
    }

    /// <summary>
    /// Whether the agent answers in text or voice: in voice, <see cref="NewMessageEvent.Message"/> is base64 PCM16
    /// audio (see <see cref="ConversationAudio.GetAudioBytes"/>) instead of text.
    /// </summary>
    public Format ResponseFormat { get; }

    /// <summary>The API operation, <c>create-conversation</c> or <c>interact-with-conversation</c>.</summary>
    public string Operation { get; }

    internal SecretRedactor Redactor { get; }

    /// <summary>Starts the stream: the request is sent on the first <c>MoveNextAsync</c>.</summary>
    /// <param name="cancellationToken">Cancels the stream (also passed by <c>WithCancellation</c>).</param>
    /// <exception cref="InvalidOperationException">The stream was already enumerated.</exception>
    public IAsyncEnumerator<ConversationEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _events.GetAsyncEnumerator(cancellationToken);

    /// <summary>
    /// Reads the whole turn and returns what it produced: the agent's full message, ids, whether the conversation
    /// completed, the user message, the agent actions and, for voice, the audio.
    /// </summary>
    /// <param name="cancellationToken">Cancels the stream.</param>
    public Task<InteractionResult> CollectAsync(CancellationToken cancellationToken = default) =>
        InteractionCollector.CollectAsync(this, onAgentText: null, cancellationToken);

    /// <summary>
    /// Like <see cref="CollectAsync(CancellationToken)"/>, and calls <paramref name="onAgentText"/> with each piece of
    /// the agent's reply as it arrives (for voice replies, with the transcript once the turn completes).
    /// </summary>
    /// <param name="onAgentText">Receives each text piece, in order.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    public Task<InteractionResult> CollectAsync(Action<string> onAgentText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onAgentText);
        return InteractionCollector.CollectAsync(this, text =>
        {
            onAgentText(text);
            return ValueTask.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>
    /// Writes the agent's reply to <paramref name="writer"/> as it streams (for example <c>Console.Out</c>), ends it
    /// with a newline, and returns the collected result.
    /// </summary>
    /// <param name="writer">Where to write the reply.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    public async Task<InteractionResult> WriteAgentReplyToAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var result = await InteractionCollector.CollectAsync(this, async text =>
        {
            await writer.WriteAsync(text).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        await writer.WriteLineAsync().ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Creates the stream of a conversation operation. The façade calls this with a factory that sends the request
    /// (through its HTTP pipeline, with <see cref="HttpCompletionOption.ResponseHeadersRead"/>).
    /// </summary>
    /// <param name="operation"><c>create-conversation</c> or <c>interact-with-conversation</c>.</param>
    /// <param name="responseFormat">The <c>response_format</c> the request asks for.</param>
    /// <param name="sendRequest">Sends the request; called once, when enumeration starts.</param>
    /// <param name="options">Idle timeout, maximum line length, error-event policy (copied).</param>
    /// <param name="cancellationToken">The API method's token.</param>
    /// <param name="runtime">The client: its clock, decoding mode, secrets, logging and lifetime; tolerant defaults if null.</param>
    internal static ConversationEventStream Create(
        string operation,
        Format responseFormat,
        Func<CancellationToken, Task<HttpResponseMessage>> sendRequest,
        AmigoStreamOptions options,
        CancellationToken cancellationToken,
        AmigoClientRuntime? runtime = null) =>
        new(new AmigoEventStream<ConversationEvent>(
                sendRequest, Settings(operation, options, runtime), cancellationToken),
            responseFormat);

    /// <summary>Creates the stream of a conversation operation over a generated client's streamed answer.</summary>
    /// <param name="operation"><c>create-conversation</c> or <c>interact-with-conversation</c>.</param>
    /// <param name="responseFormat">The <c>response_format</c> the request asks for.</param>
    /// <param name="callGeneratedClient">Calls the generated client method; called once, when enumeration starts.</param>
    /// <param name="options">Idle timeout, maximum line length, error-event policy (copied).</param>
    /// <param name="cancellationToken">The API method's token.</param>
    /// <param name="runtime">The client: its clock, decoding mode, secrets, logging and lifetime; tolerant defaults if null.</param>
    internal static ConversationEventStream Create(
        string operation,
        Format responseFormat,
        Func<CancellationToken, Task<FileResponse>> callGeneratedClient,
        AmigoStreamOptions options,
        CancellationToken cancellationToken,
        AmigoClientRuntime? runtime = null) =>
        new(new AmigoEventStream<ConversationEvent>(
                async token => StreamResponse.From(await callGeneratedClient(token).ConfigureAwait(false)),
                Settings(operation, options, runtime), cancellationToken),
            responseFormat);

    private static EventStreamSettings<ConversationEvent> Settings(
        string operation, AmigoStreamOptions options, AmigoClientRuntime? runtime) => new()
    {
        Operation = operation,
        TimeProvider = runtime?.TimeProvider ?? TimeProvider.System,
        Deserializer = runtime?.Options.StrictDecoding == true ? StrictDeserializer : TolerantDeserializer,
        Options = options.Clone(),
        IsTerminalEvent = e => e is InteractionCompleteEvent,
        ReadError = e => e is ErrorEvent error ? new InStreamError(error.HttpErrorCode, error.ErrorDescription ?? "") : null,
        Redactor = runtime?.Redactor ?? SecretRedactor.None,
        DecodeIssuesFound = runtime is null ? null : (e, issues) => runtime.DecodeIssues.Report(operation, e, issues),
        ClientLifetime = runtime?.Lifetime ?? default,
    };
}
