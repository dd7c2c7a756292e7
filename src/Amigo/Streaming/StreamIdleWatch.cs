namespace Amigo.Streaming;

/// <summary>
/// The idle timeout of one stream: cancels <see cref="Token"/> once a wait for the next event has lasted the whole
/// timeout. Starting and ending a wait only writes a timestamp; one timer per stream checks it, so an event costs no
/// timer or <see cref="CancellationTokenSource"/> operation. The timer is armed when a wait starts and it is not
/// armed yet, re-arms itself for the rest of the current wait when it fires early, and stays unarmed once it finds
/// no wait (so an abandoned, undisposed stream does not keep a timer scheduled).
/// </summary>
internal sealed class StreamIdleWatch : IDisposable
{
    private const long NotWaiting = long.MinValue;

    private readonly TimeProvider _clock;
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _source = new();
    private ITimer? _timer;
    private long _waitingSince = NotWaiting;
    private int _armed;
    private int _disposed;

    /// <summary>Creates the watch; nothing is scheduled until the first wait.</summary>
    /// <param name="clock">The clock of the timeout and its timer.</param>
    /// <param name="timeout">The idle timeout, or <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    public StreamIdleWatch(TimeProvider clock, TimeSpan timeout)
    {
        _clock = clock;
        _timeout = timeout;
    }

    /// <summary>Cancelled when a wait lasted the whole timeout.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether a wait lasted the whole timeout.</summary>
    public bool TimedOut => _source.IsCancellationRequested;

    /// <summary>The stream starts waiting for its next event (bytes arriving do not restart the wait; an event does).</summary>
    public void BeginWait()
    {
        if (_timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }
        // Full fences on both sides: either the timer sees this wait, or this sees the timer unarmed and arms it.
        Interlocked.Exchange(ref _waitingSince, _clock.GetTimestamp());
        if (Volatile.Read(ref _armed) == 0 && Interlocked.Exchange(ref _armed, 1) == 0)
        {
            Schedule(_timeout);
        }
    }

    /// <summary>The event the stream waited for has arrived (or the wait failed).</summary>
    public void EndWait()
    {
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Exchange(ref _waitingSince, NotWaiting);
        }
    }

    private void Schedule(TimeSpan dueTime)
    {
        try
        {
            if (_timer is null)
            {
                // The timer must not capture the caller's execution context (its activity, its async locals).
                bool suppress = !ExecutionContext.IsFlowSuppressed();
                AsyncFlowControl flow = suppress ? ExecutionContext.SuppressFlow() : default;
                try
                {
                    _timer = _clock.CreateTimer(static state => ((StreamIdleWatch)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
                finally
                {
                    if (suppress)
                    {
                        flow.Undo();
                    }
                }
            }
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The stream ended meanwhile.
        }
    }

    private void OnTimer()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }
        long since = Interlocked.Read(ref _waitingSince);
        if (since == NotWaiting)
        {
            Interlocked.Exchange(ref _armed, 0);
            since = Interlocked.Read(ref _waitingSince);
            if (since == NotWaiting || Interlocked.Exchange(ref _armed, 1) != 0)
            {
                // No wait, or one began and armed the timer itself.
                return;
            }
        }

        var waited = _clock.GetElapsedTime(since);
        if (waited < _timeout)
        {
            Schedule(_timeout - waited);
            return;
        }
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended meanwhile.
        }
    }

    /// <summary>Stops the timer and releases the token source.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _timer?.Dispose();
        _source.Dispose();
    }
}
