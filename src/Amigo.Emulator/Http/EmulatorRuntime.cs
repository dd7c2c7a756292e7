using Amigo.Emulator.State;

namespace Amigo.Emulator.Http;

/// <summary>What every call needs: the state, the options, the faults, and the emulator's lifetime.</summary>
internal sealed class EmulatorRuntime(AmigoEmulatorOptions options, EmulatorStore store, FaultInjector faults)
{
    private readonly object _requestsGate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ActivityCounter _streams = new();
    private int _openConnections;
    private int _totalConnections;

    public AmigoEmulatorOptions Options { get; } = options;
    public EmulatorStore Store { get; } = store;
    public FaultInjector Faults { get; } = faults;
    public EmulatorWebhooks Webhooks { get; } = new(store, options, faults);
    public CancellationToken Stopping => _stopping.Token;
    public Uri? BaseUrl { get; set; }
    public int ActiveStreams => _streams.Count;

    public int OpenConnections => Volatile.Read(ref _openConnections);

    public int TotalConnections => Volatile.Read(ref _totalConnections);

    /// <summary>Completes when no stream is being written (at once if none is).</summary>
    public Task StreamsIdle => _streams.Idle;

    public void Record(RecordedRequest request)
    {
        lock (_requestsGate)
        {
            _requests.Enqueue(request);
            while (_requests.Count > Math.Max(0, Options.MaxRecordedRequests))
            {
                _requests.Dequeue();
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Requests()
    {
        lock (_requestsGate)
        {
            return [.. _requests];
        }
    }

    public void ClearRequests()
    {
        lock (_requestsGate)
        {
            _requests.Clear();
        }
    }

    public void StreamStarted() => _streams.Started();

    public void StreamEnded() => _streams.Ended();

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _openConnections);
        Interlocked.Increment(ref _totalConnections);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    public void Stop()
    {
        _stopping.Cancel();
        Faults.ReleaseAll();
    }

    public void Dispose() => _stopping.Dispose();
}
