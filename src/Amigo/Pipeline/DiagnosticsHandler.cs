using Microsoft.Extensions.Logging;

namespace Amigo;

/// <summary>
/// Logs every attempt (operation, status, duration, attempt number) and reports the X-RateLimit-* headers. With the
/// attempt log lines' level off and no <see cref="AmigoClientOptions.RateLimitObserved"/> callback it has nothing to
/// do, and the attempt passes straight through (no async state machine of its own).
/// </summary>
internal sealed class DiagnosticsHandler(AmigoClientRuntime runtime) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        runtime.Options.RateLimitObserved is null && !runtime.Logger.IsEnabled(LogLevel.Debug)
            ? base.SendAsync(request, cancellationToken)
            : SendObservedAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendObservedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = AmigoOperations.Resolve(request);
        var attempt = request.GetAttempt();
        var started = runtime.TimeProvider.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            runtime.Logger.LogAttemptFailed(operation.Id, attempt, Elapsed(started), Log.Describe(ex));
            throw;
        }

        try
        {
            runtime.Logger.LogAttemptCompleted(operation.Id, attempt, (int)response.StatusCode, Elapsed(started));
            if (runtime.Options.RateLimitObserved is { } observer && RateLimitHeaders.Parse(response.Headers, operation.Id, runtime.TimeProvider) is { } info)
            {
                try
                {
                    observer(info);
                }
                catch (Exception ex)
                {
                    runtime.Logger.LogRateLimitCallbackFailed(operation.Id, ex.GetType().Name);
                }
            }

            return response;
        }
        catch
        {
            // A response nobody will see must free its connection now, not when the garbage collector finds it.
            response.Dispose();
            throw;
        }
    }

    private long Elapsed(long started) => (long)runtime.TimeProvider.GetElapsedTime(started).TotalMilliseconds;
}
