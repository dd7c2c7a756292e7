using Amigo.Emulator.State;

namespace Amigo.Emulator.Http;

/// <summary>What every call needs: the state, the options, the faults, and the emulator's lifetime.</summary>
internal sealed class EmulatorRuntime(AmigoEmulatorOptions options, EmulatorStore store, FaultInjector faults)
{
    private readonly object _requestsGate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _activeStreams;

    public AmigoEmulatorOptions Options { get; } = options;
    public EmulatorStore Store { get; } = store;
    public FaultInjector Faults { get; } = faults;
    public CancellationToken Stopping => _stopping.Token;
    public Uri? BaseUrl { get; set; }
    public int ActiveStreams => Volatile.Read(ref _activeStreams);

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

    public void StreamStarted() => Interlocked.Increment(ref _activeStreams);

    public void StreamEnded() => Interlocked.Decrement(ref _activeStreams);

    public void Stop()
    {
        _stopping.Cancel();
        Faults.ReleaseAll();
    }

    public void Dispose() => _stopping.Dispose();
}
