using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Amigo;

/// <summary>
/// One sliding-window limiter per documented operation (keyed by method and path template), shared by every
/// handler of a client. Callers over the limit wait in a queue for a permit.
/// </summary>
internal sealed class ClientRateLimiters : IDisposable
{
    private const int SegmentsPerWindow = 6;
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly bool _autoReplenish;

    public ClientRateLimiters(bool autoReplenish = true)
    {
        _autoReplenish = autoReplenish;
    }

    public RateLimiter? For(AmigoOperation operation) => operation.RequestsPerMinute is { } limit
        ? _limiters.GetOrAdd(operation.RateLimitKey, _ => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = SegmentsPerWindow,
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = _autoReplenish,
        }))
        : null;

    /// <summary>Moves every limiter one segment forward (only meaningful without auto-replenishment).</summary>
    internal void ReplenishAll()
    {
        foreach (var limiter in _limiters.Values.OfType<ReplenishingRateLimiter>())
        {
            for (var i = 0; i < SegmentsPerWindow; i++)
            {
                limiter.TryReplenish();
            }
        }
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}

/// <summary>Waits for a client-side rate-limit permit before each attempt.</summary>
internal sealed class ClientRateLimitHandler(AmigoClientRuntime runtime, ClientRateLimiters limiters) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = AmigoOperations.Resolve(request);
        var limiter = limiters.For(operation);
        if (limiter is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var started = runtime.TimeProvider.GetTimestamp();
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new AmigoException($"Amigo operation {operation.Id} could not get a client-side rate-limit permit: more than 10000 calls are queued.");
        }

        var waited = runtime.TimeProvider.GetElapsedTime(started);
        if (waited >= TimeSpan.FromMilliseconds(1))
        {
            runtime.Logger.LogThrottled(operation.Id, (long)waited.TotalMilliseconds, operation.RequestsPerMinute!.Value);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
