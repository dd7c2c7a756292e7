namespace Amigo;

/// <summary>
/// Bounds each attempt by <see cref="AmigoClientOptions.RequestTimeout"/>. Non-streamed responses are read into
/// memory within that time, so the timeout covers the whole body; streamed (NDJSON) responses are returned as soon
/// as their headers arrive, and their pace is watched by the stream idle timeout instead.
/// </summary>
internal sealed class AttemptTimeoutHandler(AmigoClientRuntime runtime) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = runtime.Options.RequestTimeout;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            var unbounded = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!request.IsStreamingResponse(unbounded))
            {
                await unbounded.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }

            return unbounded;
        }

        using var timeoutSource = new CancellationTokenSource(timeout, runtime.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
            if (!request.IsStreamingResponse(response))
            {
                await response.Content.LoadIntoBufferAsync(linked.Token).ConfigureAwait(false);
            }

            return response;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException
            && timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new AmigoTimeoutException(AmigoOperations.Resolve(request).Id, timeout, $"attempt {request.GetAttempt()}", ex);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }
}
