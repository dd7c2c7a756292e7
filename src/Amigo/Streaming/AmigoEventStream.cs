using System.Buffers;
using System.Runtime.CompilerServices;
using Amigo.Streaming;

namespace Amigo;

/// <summary>
/// A live stream of events from an NDJSON endpoint, consumed with <c>await foreach</c>.
/// </summary>
/// <remarks>
/// <para>Nothing is sent until enumeration starts. Each event is yielded as soon as its line has arrived; the
/// response is never buffered whole. Leaving the loop (normally, by <c>break</c>, by an exception or by
/// cancellation) disposes the response and releases its connection.</para>
/// <para>A stream can be enumerated once: enumerating it again would send the request again, and streamed
/// operations are never retried because the interaction may already have happened.</para>
/// <para>Failures after the response started surface as <see cref="AmigoStreamException"/> (a line that is not JSON,
/// an oversized line, corrupt compression), <see cref="AmigoStreamEndedEarlyException"/>,
/// <see cref="AmigoStreamIdleTimeoutException"/> (no event within the idle timeout),
/// <see cref="AmigoStreamMaxDurationException"/> or <see cref="AmigoStreamErrorEventException"/>; every earlier
/// event has already been yielded. Disposing the client ends the stream with <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
/// <typeparam name="TEvent">The event type.</typeparam>
internal sealed class AmigoEventStream<TEvent> : IAsyncEnumerable<TEvent>
    where TEvent : class
{
    private const int RecentEventCapacity = 16;

    private readonly Func<CancellationToken, Task<StreamResponse>> _open;
    private readonly EventStreamSettings<TEvent> _settings;
    private readonly CancellationToken _cancellationToken;
    private int _enumerated;

    /// <summary>Creates a stream that sends its request when enumeration starts.</summary>
    /// <param name="open">
    /// Sends the request and returns the open, unbuffered response; called once, on the first <c>MoveNextAsync</c>,
    /// with a token that combines the method's and the enumerator's.
    /// </param>
    /// <param name="settings">The operation name, deserializer, options and event semantics.</param>
    /// <param name="cancellationToken">The token of the API method that created the stream.</param>
    internal AmigoEventStream(
        Func<CancellationToken, Task<StreamResponse>> open,
        EventStreamSettings<TEvent> settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(settings);
        _open = open;
        _settings = settings;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Creates a stream over an HTTP request that the factory sends.</summary>
    /// <param name="sendRequest">
    /// Sends the request with <see cref="HttpCompletionOption.ResponseHeadersRead"/> and returns the response.
    /// </param>
    /// <param name="settings">The operation name, deserializer, options and event semantics.</param>
    /// <param name="cancellationToken">The token of the API method that created the stream.</param>
    internal AmigoEventStream(
        Func<CancellationToken, Task<HttpResponseMessage>> sendRequest,
        EventStreamSettings<TEvent> settings,
        CancellationToken cancellationToken)
        : this(async token => await StreamResponse.OpenAsync(
                await sendRequest(token).ConfigureAwait(false), settings.Operation, token).ConfigureAwait(false),
            settings, cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sendRequest);
    }

    /// <summary>The API operation this stream belongs to, for example <c>interact-with-conversation</c>.</summary>
    public string Operation => _settings.Operation;

    /// <summary>Keeps the client's secrets out of what code built on this stream throws.</summary>
    internal SecretRedactor Redactor => _settings.Redactor;

    /// <summary>Starts the stream: the request is sent on the first <c>MoveNextAsync</c>.</summary>
    /// <param name="cancellationToken">Cancels the stream (also passed by <c>WithCancellation</c>).</param>
    /// <exception cref="InvalidOperationException">The stream was already enumerated.</exception>
    public IAsyncEnumerator<TEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException(
                $"This {_settings.Operation} stream was already enumerated. A stream can be read once: reading it again " +
                "would send the request again, and streams are never retried. Call the API method again for a new stream.");
        }
        return new Enumerator(this, cancellationToken);
    }

    private sealed class Enumerator(AmigoEventStream<TEvent> owner, CancellationToken enumeratorToken) : IAsyncEnumerator<TEvent>
    {
        private readonly EventStreamSettings<TEvent> _settings = owner._settings;
        private CancellationTokenSource? _readSource;
        private StreamIdleWatch? _idle;
        private CancellationTokenSource? _deadlineSource;
        private StreamResponse? _response;
        private NdjsonLineReader? _reader;
        private TEvent? _current;
        private long _eventsSeen;
        private TEvent[]? _recent;
        private bool _terminalSeen;
        private bool _errorEventYielded;
        private bool _finished;
        private bool _endOfStream;
        private Stream? _body;
        private AmigoOperationScope? _telemetry;
        private Exception? _failure;

        public TEvent Current => _current ?? throw new InvalidOperationException("MoveNextAsync has not returned true.");

        /// <summary>
        /// Yields the next event. An event whose line is already buffered (most of them: one read brings many lines)
        /// is decoded and returned synchronously, with no state machine, timer or token work; only when the buffer
        /// holds no complete line does <see cref="MoveNextSlowAsync"/> read the body and run the idle watch.
        /// </summary>
        public ValueTask<bool> MoveNextAsync()
        {
            if (_finished)
            {
                _current = null;
                return new ValueTask<bool>(false);
            }

            var reader = _reader;
            if (reader is not null)
            {
                try
                {
                    ThrowIfStopped(null, reader.LineNumber);
                    if (TryReadBufferedLine(reader, out bool hasLine))
                    {
                        if (hasLine)
                        {
                            _current = Deserialize(reader);
                            return new ValueTask<bool>(true);
                        }
                        return new ValueTask<bool>(End(reader));
                    }
                }
                catch (Exception ex)
                {
                    Fail(ex);
                    return new ValueTask<bool>(Task.FromException<bool>(ex));
                }
            }
            return MoveNextSlowAsync();
        }

#if NET6_0_OR_GREATER
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<bool> MoveNextSlowAsync()
        {
            try
            {
                ThrowIfStopped(null, _reader?.LineNumber ?? 0);
                var reader = _reader ?? await StartAsync().ConfigureAwait(false);
                if (!await ReadLineAsync(reader).ConfigureAwait(false))
                {
                    return End(reader);
                }

                _current = Deserialize(reader);
                return true;
            }
            catch (Exception ex)
            {
                Fail(ex);
                throw;
            }
        }

        /// <summary>The body ended: a normal end, or one before the terminal event (which throws).</summary>
        private bool End(NdjsonLineReader reader)
        {
            if (_settings.IsTerminalEvent is not null && !_terminalSeen && !_errorEventYielded)
            {
                throw new AmigoStreamEndedEarlyException(
                    _settings.Operation, reader.LineNumber, _eventsSeen, RecentEvents());
            }
            _endOfStream = true;
            Release();
            _current = null;
            return false;
        }

        private void Fail(Exception ex)
        {
            _failure = ex;
            Release();
            _current = null;
        }

        private async Task<NdjsonLineReader> StartAsync()
        {
            var options = _settings.Options;
            // One source cancels every read: the method's token, the enumerator's token, the idle timer, the whole
            // stream's deadline, or the client's disposal.
            _idle = new StreamIdleWatch(_settings.TimeProvider, options.IdleTimeout);
            _deadlineSource = options.MaxDuration == Timeout.InfiniteTimeSpan
                ? null
                : _settings.TimeProvider.CreateCancellationTokenSource(options.MaxDuration);
            _readSource = CancellationTokenSource.CreateLinkedTokenSource(
                [owner._cancellationToken, enumeratorToken, _idle.Token, _deadlineSource?.Token ?? default, _settings.ClientLifetime]);

            // The stream's activity lasts until the stream ends; the request claims it, so its HTTP span is a child.
            _telemetry = AmigoOperationScope.Start(_settings.Operation);
            _telemetry?.MakeAmbient();
            try
            {
                _response = await owner._open(_readSource.Token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The {_settings.Operation} stream factory returned no response.");
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                ThrowIfStopped(ex, 0);
                throw;
            }
            _body = _response.Body;
            return _reader = new NdjsonLineReader(_body, options.MaxLineLength);
        }

        /// <summary>Takes a buffered line, if there is one, mapping an oversized line to the stream's error.</summary>
        private bool TryReadBufferedLine(NdjsonLineReader reader, out bool hasLine)
        {
            try
            {
                return reader.TryReadBufferedLine(out hasLine);
            }
            catch (NdjsonLineTooLongException ex)
            {
                throw LineTooLong(ex);
            }
        }

        private AmigoStreamException LineTooLong(NdjsonLineTooLongException ex) =>
            new(
                $"A line is longer than the maximum line length of {ex.MaxLineLength} bytes",
                _settings.Operation, ex.LineNumber, LineExcerpt.From(ex.Prefix, _settings.Redactor), _eventsSeen, RecentEvents(), ex);

        private async ValueTask<bool> ReadLineAsync(NdjsonLineReader reader)
        {
            if (TryReadBufferedLine(reader, out bool hasLine))
            {
                return hasLine;
            }

            // The idle timer runs while the next event is awaited: blank lines and partial lines do not restart it.
            var idle = _idle!;
            idle.BeginWait();
            try
            {
                return await reader.ReadLineAsync(_readSource!.Token).ConfigureAwait(false);
            }
            catch (NdjsonLineTooLongException ex)
            {
                throw LineTooLong(ex);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ThrowIfStopped(ex, reader.LineNumber);
                if (ex is OperationCanceledException)
                {
                    throw;
                }
                if (ex is InvalidDataException)
                {
                    throw new AmigoStreamException(
                        $"The response body could not be decompressed ({Shorten(_settings.Redactor.Redact(ex.Message))})",
                        _settings.Operation, reader.LineNumber, null, _eventsSeen, RecentEvents(), _settings.Redactor.Sanitize(ex));
                }
                if (_terminalSeen || _errorEventYielded)
                {
                    throw new AmigoStreamException(
                        "The connection broke after the stream's terminal event",
                        _settings.Operation, reader.LineNumber, null, _eventsSeen, RecentEvents(), ex);
                }
                throw new AmigoStreamEndedEarlyException(
                    _settings.Operation, reader.LineNumber, _eventsSeen, RecentEvents(), ex);
            }
            finally
            {
                idle.EndWait();
            }
        }

        private TEvent Deserialize(NdjsonLineReader reader)
        {
            TEvent? next;
            IReadOnlyList<AmigoDecodeIssue>? issues;
            try
            {
                next = _settings.Deserializer.Deserialize(reader.CurrentLine.Span, out issues);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new AmigoStreamException(
                    $"A line is not a valid event ({Shorten(_settings.Redactor.Redact(ex.Message))})",
                    _settings.Operation, reader.LineNumber, LineExcerpt.From(reader.CurrentLine.Span, _settings.Redactor), _eventsSeen,
                    RecentEvents(), _settings.Redactor.Sanitize(ex));
            }
            if (next is null)
            {
                throw new AmigoStreamException(
                    "A line holds JSON null instead of an event",
                    _settings.Operation, reader.LineNumber, LineExcerpt.From(reader.CurrentLine.Span, _settings.Redactor), _eventsSeen,
                    RecentEvents());
            }
            if (issues is not null)
            {
                _settings.DecodeIssuesFound?.Invoke(next, issues);
            }

            if (_settings.ReadError?.Invoke(next) is { } error)
            {
                if (!_settings.Options.YieldErrorEvents)
                {
                    throw new AmigoStreamErrorEventException(
                        error.HttpErrorCode, _settings.Redactor.Redact(error.Description),
                        _terminalSeen ? StreamErrorPhase.AfterInteractionComplete : StreamErrorPhase.BeforeInteractionComplete,
                        _settings.Operation, reader.LineNumber, _eventsSeen, RecentEvents());
                }
                _errorEventYielded = true;
                _telemetry?.RecordErrorEvent(_terminalSeen ? StreamErrorPhase.AfterInteractionComplete : StreamErrorPhase.BeforeInteractionComplete);
            }
            if (_settings.IsTerminalEvent?.Invoke(next) == true)
            {
                _terminalSeen = true;
            }

            _recent ??= new TEvent[RecentEventCapacity];
            _recent[_eventsSeen % RecentEventCapacity] = next;
            _eventsSeen++;
            _telemetry?.RecordEvent();
            return next;
        }

        /// <summary>Parser messages can quote a whole value (a 4 KB audio string); keep the message readable.</summary>
        private static string Shorten(string message) =>
            message.Length <= 200 ? message : message.Substring(0, 200) + "…";

        /// <summary>
        /// Throws what stopped the stream, if something did: the caller's cancellation, the client's disposal, the
        /// stream's deadline or the idle timer (in that order: the caller's intent wins).
        /// </summary>
        private void ThrowIfStopped(Exception? cause, long lineNumber)
        {
            var token = enumeratorToken.IsCancellationRequested ? enumeratorToken : owner._cancellationToken;
            if (token.IsCancellationRequested)
            {
                throw new OperationCanceledException($"The {_settings.Operation} stream was cancelled.", cause, token);
            }
            if (_settings.ClientLifetime.IsCancellationRequested)
            {
                throw AmigoClientRuntime.Disposed($"the {_settings.Operation} stream");
            }
            if (_deadlineSource?.IsCancellationRequested == true)
            {
                throw new AmigoStreamMaxDurationException(
                    _settings.Options.MaxDuration, _settings.Operation, lineNumber, _eventsSeen, RecentEvents(), cause);
            }
            if (_idle?.TimedOut == true)
            {
                throw new AmigoStreamIdleTimeoutException(
                    _settings.Options.IdleTimeout, _settings.Operation, lineNumber, _eventsSeen, RecentEvents(), cause);
            }
        }

        private object[] RecentEvents()
        {
            if (_recent is null)
            {
                return [];
            }
            int count = (int)Math.Min(_eventsSeen, RecentEventCapacity);
            var events = new object[count];
            for (int i = 0; i < count; i++)
            {
                events[i] = _recent[(_eventsSeen - count + i) % RecentEventCapacity];
            }
            return events;
        }

        /// <summary>
        /// Closes the response (freeing its connection) and returns the line buffer to the pool. Never throws: it runs
        /// on every failure, and each step runs even when an earlier one failed.
        /// </summary>
        private void Release()
        {
            if (_finished)
            {
                return;
            }
            _finished = true;
            _reader?.Dispose();
            _reader = null;
            var body = _body;
            var response = _response;
            _body = null;
            _response = null;
            try
            {
                if (!_endOfStream && body is not null)
                {
                    AbortUnreadBody(body);
                }
            }
            finally
            {
                try
                {
                    response?.Dispose();
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidDataException or ObjectDisposedException or OperationCanceledException)
                {
                    // The body was broken already; disposing it has freed what it could.
                }
                _readSource?.Dispose();
                _readSource = null;
                _idle?.Dispose();
                _idle = null;
                _deadlineSource?.Dispose();
                _deadlineSource = null;
                _recent = null;
                EndTelemetry();
            }
        }

        /// <summary>Ends the stream's activity with how the stream ended: completed, failed, cancelled, or abandoned by the caller.</summary>
        private void EndTelemetry()
        {
            var telemetry = _telemetry;
            if (telemetry is null)
            {
                return;
            }

            _telemetry = null;
            if (_failure is { } failure)
            {
                telemetry.Fail(failure);
            }

            telemetry.End(_failure switch
            {
                OperationCanceledException => "cancelled",
                not null => "failed",
                null when _endOfStream => "completed",
                _ => "abandoned",
            });
        }

        /// <summary>
        /// Makes the handler close the connection of a body that was not read to its end. Disposing it directly
        /// would make SocketsHttpHandler drain it first (by default up to 1 MB or 2 s) to reuse the connection;
        /// a live stream has no end to drain to, so the connection would stay busy and the server would keep
        /// generating. Cancelling a pending read closes the connection (HTTP/1.1) or resets the stream (HTTP/2)
        /// at once. Bytes already buffered are discarded first, a bounded number of times. Never waits: a read
        /// that does not finish on cancellation (a wrapper stream that ignores its token) is left to fail when the
        /// body is disposed, and keeps its scratch buffer out of the pool.
        /// </summary>
        private static void AbortUnreadBody(Stream body)
        {
            const int MaxBufferedReads = 16;
            byte[] scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
            bool scratchStillInUse = false;
            try
            {
                for (int i = 0; i < MaxBufferedReads; i++)
                {
                    var abort = new CancellationTokenSource();
                    var read = body.ReadAsync(scratch, abort.Token);
                    if (read.IsCompleted)
                    {
                        abort.Dispose();
                        if (read.GetAwaiter().GetResult() == 0)
                        {
                            return;
                        }
                        continue;
                    }

                    abort.Cancel();
                    if (read.IsCompleted)
                    {
                        abort.Dispose();
                        read.GetAwaiter().GetResult();
                        return;
                    }
                    scratchStillInUse = true;
                    read.AsTask().ContinueWith(
                        static (task, source) =>
                        {
                            _ = task.Exception;
                            ((CancellationTokenSource)source!).Dispose();
                        },
                        abort, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    return;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Best effort: a body that is already broken (a reset, corrupt compression) needs no abort.
            }
            finally
            {
                if (!scratchStillInUse)
                {
                    ArrayPool<byte>.Shared.Return(scratch);
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            Release();
            _current = null;
            return ValueTask.CompletedTask;
        }
    }
}
