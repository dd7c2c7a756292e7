using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace Amigo;

/// <summary>
/// Retries failed attempts. GET/HEAD/OPTIONS: on 408, 429, 500, 502, 503, 504, network errors and attempt timeouts.
/// Other methods: on 429/503 carrying Retry-After, or when the request never reached the server. A request whose
/// content cannot be replayed is never retried. Backoff is exponential with full jitter, capped; Retry-After (seconds
/// or HTTP-date) is honoured up to its cap. The wait honours cancellation.
/// </summary>
internal sealed class RetryHandler(AmigoClientRuntime runtime) : DelegatingHandler
{
    private static readonly HashSet<int> SafeRetryStatuses = [408, 429, 500, 502, 503, 504];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = AmigoOperations.Resolve(request);
        for (var attempt = 1; ; attempt++)
        {
            request.Options.Set(AmigoRequestOptions.Attempt, attempt);
            HttpResponseMessage? response = null;
            ExceptionDispatchInfo? failure = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or AmigoTimeoutException && !cancellationToken.IsCancellationRequested)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }

            TimeSpan? delay = null;
            try
            {
                delay = Decide(request, operation, attempt, response, failure);
            }
            catch
            {
                // A response nobody will see must free its connection now, not when the garbage collector finds it.
                response?.Dispose();
                throw;
            }

            if (delay is { } wait)
            {
                response?.Dispose();
                await runtime.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            failure?.Throw();
            return response!;
        }
    }

    /// <summary>The wait before the next attempt, or null when this outcome is final.</summary>
    private TimeSpan? Decide(HttpRequestMessage request, AmigoOperation operation, int attempt, HttpResponseMessage? response, ExceptionDispatchInfo? failure)
    {
        var safe = IsSafe(request.Method);
        var (wanted, retryAfter) = response is not null
            ? ShouldRetry(response, safe)
            : ShouldRetry(failure!.SourceException, safe);
        if (!wanted)
        {
            return null;
        }

        var maxRetries = request.GetMaxRetries(runtime.Options);
        var outcome = response is not null ? $"HTTP {(int)response.StatusCode}" : Log.Describe(failure!.SourceException);
        string? refusal = null;
        if (attempt > maxRetries)
        {
            refusal = maxRetries == 0 ? "retries are disabled" : $"all {maxRetries} retries are used";
        }
        else if (request.IsNeverRetried())
        {
            refusal = "streamed turns are never retried (the turn may have happened)";
        }
        else if (!request.IsContentReplayable())
        {
            refusal = "the request body cannot be replayed";
        }

        if (refusal is not null)
        {
            runtime.Logger.LogNotRetried(operation.Id, outcome, refusal);
            return null;
        }

        var delay = ComputeDelay(attempt, retryAfter);
        AmigoInstrumentation.RecordRetry(
            request, operation.Id, attempt, response is null ? null : (int)response.StatusCode, failure?.SourceException, delay, retryAfter is not null);
        runtime.Logger.LogRetrying(operation.Id, attempt, outcome, (long)delay.TotalMilliseconds, attempt, maxRetries);
        return delay;
    }

    internal static bool IsSafe(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options;

    private (bool Retry, TimeSpan? RetryAfter) ShouldRetry(HttpResponseMessage response, bool safe)
    {
        var status = (int)response.StatusCode;
        var retryAfter = Amigo.RetryAfter.Parse(response.Headers, runtime.TimeProvider);
        if (safe)
        {
            return (SafeRetryStatuses.Contains(status), retryAfter);
        }

        return (status is 429 or 503 && retryAfter is not null, retryAfter);
    }

    private static (bool Retry, TimeSpan? RetryAfter) ShouldRetry(Exception failure, bool safe) => failure switch
    {
        _ when safe => (true, null),
        HttpRequestException http => (NeverReachedServer(http), null),
        _ => (false, null),
    };

    /// <summary>Failures that happen before any byte of the request is sent, so any method can be retried.</summary>
    internal static bool NeverReachedServer(HttpRequestException exception) => exception.HttpRequestError
        is HttpRequestError.NameResolutionError
        or HttpRequestError.ConnectionError
        or HttpRequestError.SecureConnectionError
        or HttpRequestError.ProxyTunnelError;

    /// <summary>The wait before retry number <paramref name="retryNumber"/> (1-based).</summary>
    internal TimeSpan ComputeDelay(int retryNumber, TimeSpan? retryAfter)
    {
        var retry = runtime.Options.Retry;
        if (retryAfter is { } serverWait)
        {
            return serverWait > retry.MaxRetryAfter ? retry.MaxRetryAfter : serverWait;
        }

        var exponent = Math.Min(retryNumber - 1, 30);
        var ceilingTicks = Math.Min(retry.MaxDelay.Ticks, retry.BaseDelay.Ticks * Math.Pow(2, exponent));
        var jitter = Math.Clamp(runtime.NextJitter(), 0d, 1d);
        return TimeSpan.FromTicks((long)(ceilingTicks * jitter));
    }
}
