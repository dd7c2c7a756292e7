using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Amigo;

/// <summary>
/// One sliding-window limiter per documented operation (keyed by method and path template), shared by every
/// handler of a client. Callers over the limit wait in a queue for a permit.
/// </summary>
internal sealed class ClientRateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly Func<int, RateLimiter> _createLimiter;

    public ClientRateLimiters(Func<int, RateLimiter>? createLimiter = null)
    {
        _createLimiter = createLimiter ?? CreateSlidingWindow;
    }

    public RateLimiter? For(AmigoOperation operation) => operation.RequestsPerMinute is { } limit
        ? _limiters.GetOrAdd(operation.RateLimitKey, _ => _createLimiter(limit))
        : null;

    /// <summary>At most <paramref name="requestsPerMinute"/> permits in any one-minute window (six 10-second segments); callers over it queue.</summary>
    internal static RateLimiter CreateSlidingWindow(int requestsPerMinute) => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = requestsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 6,
        QueueLimit = 10_000,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}

/// <summary>Waits for a client-side rate-limit permit before each attempt.</summary>
internal sealed class ClientRateLimitHandler(AmigoClientRuntime runtime) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // No limiter for this operation (client-side rate limiting off, or no published limit): straight through.
        var operation = AmigoOperations.Resolve(request);
        return runtime.RateLimiters?.For(operation) is { } limiter
            ? SendWithPermitAsync(operation, limiter, request, cancellationToken)
            : base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithPermitAsync(AmigoOperation operation, RateLimiter limiter, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = runtime.TimeProvider.GetTimestamp();
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new AmigoException($"Amigo operation {operation.Id} could not get a client-side rate-limit permit: more than 10000 calls are queued.");
        }

        var waited = runtime.TimeProvider.GetElapsedTime(started);
        AmigoInstrumentation.RecordThrottlingWait(operation.Id, waited, "client");
        if (waited >= TimeSpan.FromMilliseconds(1))
        {
            runtime.Logger.LogThrottled(operation.Id, (long)waited.TotalMilliseconds, operation.RequestsPerMinute!.Value);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
