using System.Threading.RateLimiting;

namespace Amigo.Tests.Support;

/// <summary>A rate limiter whose permits only come back when the test adds them: time plays no part.</summary>
public sealed class ManualRateLimiter(int permits) : RateLimiter
{
    private readonly object _gate = new();
    private readonly Queue<(TaskCompletionSource<RateLimitLease> Waiter, CancellationTokenRegistration Registration)> _queue = new();
    private int _available = permits;

    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count(q => !q.Waiter.Task.IsCompleted);
            }
        }
    }

    public override TimeSpan? IdleDuration => null;

    public void AddPermits(int count)
    {
        var granted = new List<TaskCompletionSource<RateLimitLease>>();
        lock (_gate)
        {
            _available += count;
            while (_available > 0 && _queue.Count > 0)
            {
                var (waiter, registration) = _queue.Dequeue();
                registration.Dispose();
                if (waiter.Task.IsCompleted)
                {
                    continue;
                }

                _available--;
                granted.Add(waiter);
            }
        }

        foreach (var waiter in granted)
        {
            waiter.TrySetResult(Lease.Granted);
        }
    }

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = _available, CurrentQueuedCount = Queued };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            if (_available >= permitCount)
            {
                _available -= permitCount;
                return Lease.Granted;
            }

            return Lease.Refused;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_available >= permitCount && _queue.Count == 0)
            {
                _available -= permitCount;
                return ValueTask.FromResult<RateLimitLease>(Lease.Granted);
            }

            var waiter = new TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously);
            var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
            _queue.Enqueue((waiter, registration));
            return new ValueTask<RateLimitLease>(waiter.Task);
        }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
