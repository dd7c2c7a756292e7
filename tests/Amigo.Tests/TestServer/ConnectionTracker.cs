namespace Amigo.Tests.TestServer;

/// <summary>Counts the TCP connections Kestrel accepted and closed, and lets a test await a condition on them.</summary>
public sealed class ConnectionTracker
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _opened;
    private int _closed;

    /// <summary>Connections accepted so far.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>Connections that have closed so far.</summary>
    public int Closed => Volatile.Read(ref _closed);

    /// <summary>Connections open right now.</summary>
    public int Open => Opened - Closed;

    internal void OnOpened()
    {
        Interlocked.Increment(ref _opened);
        NotifyChanged();
    }

    internal void OnClosed()
    {
        Interlocked.Increment(ref _closed);
        NotifyChanged();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every open or close.</summary>
    public async Task WaitUntilAsync(Func<ConnectionTracker, bool> condition, string description)
    {
        using var guard = new CancellationTokenSource(Signal.Guard);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }
            if (condition(this))
            {
                return;
            }
            try
            {
                await changed.WaitAsync(guard.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"Connections never reached '{description}' within {Signal.Guard.TotalSeconds} s: opened {Opened}, closed {Closed}.");
            }
        }
    }

    private void NotifyChanged()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }
}
