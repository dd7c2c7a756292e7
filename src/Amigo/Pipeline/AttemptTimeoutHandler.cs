namespace Amigo;

/// <summary>
/// Bounds each attempt by <see cref="AmigoClientOptions.RequestTimeout"/>. Non-streamed responses are read into
/// memory within that time, so the timeout covers the whole body, and no further than
/// <see cref="AmigoClientOptions.MaxResponseBodySize"/>; streamed (NDJSON) responses are returned as soon as their
/// headers arrive, and their pace is watched by the stream idle timeout instead. Whatever fails here disposes the
/// response, which frees its connection.
/// </summary>
internal sealed class AttemptTimeoutHandler(AmigoClientRuntime runtime) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = request.GetTimeout(runtime.Options);
        using var timeoutSource = timeout == Timeout.InfiniteTimeSpan ? null : runtime.TimeProvider.CreateCancellationTokenSource(timeout);
        using var linked = timeoutSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var token = linked?.Token ?? cancellationToken;
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, token).ConfigureAwait(false);
            if (!request.IsStreamingResponse(response))
            {
                await BufferAsync(request, response, token).ConfigureAwait(false);
            }

            return response;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException
            && timeoutSource?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
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

    private async Task BufferAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = runtime.Options.MaxResponseBodySize;
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new AmigoResponseTooLargeException(AmigoOperations.Resolve(request).Id, (int)response.StatusCode, limit);
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new AmigoResponseTooLargeException(AmigoOperations.Resolve(request).Id, (int)response.StatusCode, limit, ex);
        }
        catch (InvalidDataException ex) when (response.IsSuccessStatusCode)
        {
            throw new AmigoDecodeException(AmigoOperations.Resolve(request).Id, (int)response.StatusCode,
                $"the body is not valid {string.Join('/', response.Content.Headers.ContentEncoding)} data ({runtime.Redactor.Redact(ex.Message)}).", runtime.Redactor.Sanitize(ex));
        }
        catch (InvalidDataException)
        {
            // An error status is reported by its status code; a body that cannot be decompressed counts as absent.
            response.Content.Dispose();
            response.Content = new ByteArrayContent([]);
        }
    }
}
