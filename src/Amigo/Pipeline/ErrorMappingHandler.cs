using Microsoft.Extensions.Logging;

namespace Amigo;

/// <summary>
/// The outermost handler: turns a final non-success response into the matching <see cref="AmigoApiException"/>,
/// and network failures into <see cref="AmigoNetworkException"/>, so that generated clients never see an error
/// status (and never throw their own ApiException). Logs the outcome of the whole call. Disposing the client cancels
/// every call in flight, which then throws <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class ErrorMappingHandler(AmigoClientRuntime runtime) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = AmigoOperations.Resolve(request);
        var started = runtime.TimeProvider.GetTimestamp();
        ObjectDisposedException.ThrowIf(runtime.IsDisposed, typeof(AmigoClient));
        HttpResponseMessage response;
        try
        {
            using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runtime.Lifetime);
            response = await base.SendAsync(request, lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Map(ex, request, operation, cancellationToken) is { } mapped)
        {
            runtime.Logger.LogCallFailed(operation.Id, Elapsed(started), request.GetAttempt(), Log.Describe(mapped));
            throw mapped;
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            if (operation.SuccessStatus is { } documented && status != documented)
            {
                // The generated clients would reject this status with their own exception type; say what happened instead.
                response.Dispose();
                var unexpected = AmigoDecodeException.UnexpectedStatus(operation.Id, status, documented);
                runtime.Logger.LogCallFailed(operation.Id, Elapsed(started), request.GetAttempt(), Log.Describe(unexpected));
                throw unexpected;
            }

            runtime.Logger.LogCallCompleted(operation.Id, status, Elapsed(started), request.GetAttempt());
            return response;
        }

        using (response)
        {
            var error = await ErrorResponseReader.ReadAsync(response, operation.Id, runtime.TimeProvider, runtime.Redactor, cancellationToken).ConfigureAwait(false);
            runtime.Logger.LogCallFailedStatus(operation.Id, status, Elapsed(started), request.GetAttempt());
            throw error;
        }
    }

    private long Elapsed(long started) => (long)runtime.TimeProvider.GetElapsedTime(started).TotalMilliseconds;

    private Exception? Map(Exception exception, HttpRequestMessage request, AmigoOperation operation, CancellationToken cancellationToken) => exception switch
    {
        _ when runtime.IsDisposed && !cancellationToken.IsCancellationRequested && exception is not ObjectDisposedException =>
            AmigoClientRuntime.Disposed(operation.Id),
        AmigoException => null,
        HttpRequestException http => new AmigoNetworkException(operation.Id, http.HttpRequestError, http),
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new AmigoTimeoutException(operation.Id, request.GetTimeout(runtime.Options), "the request", exception),
        _ => null,
    };
}
