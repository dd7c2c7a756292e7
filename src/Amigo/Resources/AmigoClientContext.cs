using Newtonsoft.Json;

namespace Amigo;

/// <summary>
/// What operation code needs from the client: the shared <see cref="System.Net.Http.HttpClient"/> (whose pipeline
/// adds auth, retries, rate limits, logging and typed errors), the organization id and the options.
/// </summary>
internal sealed class AmigoClientContext
{
    public AmigoClientContext(HttpClient httpClient, AmigoClientRuntime runtime)
    {
        HttpClient = httpClient;
        Runtime = runtime;
        Decoder = new ResponseDecoder(runtime);
    }

    /// <summary>Reads the generated clients' response bodies, tolerant or strict as configured.</summary>
    public ResponseDecoder Decoder { get; }

    public HttpClient HttpClient { get; }

    public AmigoClientRuntime Runtime { get; }

    public AmigoClientOptions Options => Runtime.Options;

    public string OrganizationId => Runtime.OrganizationId;

    public Uri BaseUrl => Runtime.BaseUrl;

    /// <summary>
    /// Sends <paramref name="request"/> through the pipeline. A non-success status arrives as the matching
    /// <see cref="AmigoApiException"/>; network failures and timeouts as their own <see cref="AmigoException"/> types.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, HttpCompletionOption completionOption, string? operation, CancellationToken cancellationToken)
    {
        if (operation is not null)
        {
            request.Options.Set(AmigoRequestOptions.Operation, operation);
        }

        if (completionOption == HttpCompletionOption.ResponseHeadersRead && !request.Options.TryGetValue(AmigoRequestOptions.StreamingResponse, out _))
        {
            request.Options.Set(AmigoRequestOptions.StreamingResponse, true);
        }

        return SendCoreAsync(request, completionOption, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationToken cancellationToken)
    {
        try
        {
            return await HttpClient.SendAsync(request, completionOption, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DisposedUnder(ex, cancellationToken))
        {
            throw AmigoClientRuntime.Disposed(AmigoOperations.Resolve(request).Id);
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is what disposing the client does to a call in flight: HttpClient
    /// turns it into a cancellation the caller did not ask for.
    /// </summary>
    private bool DisposedUnder(Exception exception, CancellationToken cancellationToken) =>
        Runtime.IsDisposed && !cancellationToken.IsCancellationRequested && exception is not ObjectDisposedException
        && exception is OperationCanceledException or HttpRequestException or AmigoException;

    /// <summary>
    /// Runs a generated-client call, turning its decode failures (and any error status the pipeline did not already
    /// map) into <see cref="AmigoException"/> types that name <paramref name="operation"/>.
    /// </summary>
    public async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        // One activity for the whole call, decoding included; the request the generated client sends claims it.
        var telemetry = AmigoOperationScope.Start(operation);
        telemetry?.MakeAmbient();
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Failed(telemetry, ex))
        {
            throw;
        }
        catch (Exception ex) when (DisposedUnder(ex, cancellationToken))
        {
            throw Recorded(telemetry, AmigoClientRuntime.Disposed(operation));
        }
        catch (Exception ex) when (GeneratedErrors.Translate(ex, operation, Runtime.Redactor) is { } translated)
        {
            throw Recorded(telemetry, translated);
        }
        finally
        {
            telemetry?.End();
        }
    }

    /// <summary>Records the failure (as thrown so far: a translation may refine it); never catches.</summary>
    private static bool Failed(AmigoOperationScope? telemetry, Exception exception)
    {
        telemetry?.Fail(exception);
        return false;
    }

    private static Exception Recorded(AmigoOperationScope? telemetry, Exception exception)
    {
        telemetry?.Fail(exception);
        return exception;
    }

    /// <summary>Runs a generated-client call without a result; see <see cref="CallAsync{T}"/>.</summary>
    public Task CallAsync(string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync(operation, async c =>
        {
            await call(c).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Checks a call's options before anything is sent.</summary>
    public void Check(AmigoCallOptions? callOptions) => callOptions?.Validate();

    /// <summary>
    /// Runs a generated-client call with <paramref name="callOptions"/> applied, its failures translated (see
    /// <see cref="CallAsync{T}"/>), and returns its decoded body with the raw response.
    /// </summary>
    public Task<AmigoResponse<T>> InvokeAsync<T>(string operation, AmigoCallOptions? callOptions, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        Check(callOptions);
        return RunAsync();

        async Task<AmigoResponse<T>> RunAsync()
        {
            var scope = AmigoCallScope.Enter(callOptions);
            var value = await CallAsync(operation, call, cancellationToken).ConfigureAwait(false);
            var response = Captured(scope, operation);
            return new AmigoResponse<T>(response.Status, response.Headers, response.RateLimit, value);
        }
    }

    /// <summary>Runs a generated-client call without a body, with <paramref name="callOptions"/> applied; returns the raw response.</summary>
    public Task<AmigoResponse> InvokeAsync(string operation, AmigoCallOptions? callOptions, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        Check(callOptions);
        return RunAsync();

        async Task<AmigoResponse> RunAsync()
        {
            var scope = AmigoCallScope.Enter(callOptions);
            await CallAsync(operation, call, cancellationToken).ConfigureAwait(false);
            return Captured(scope, operation);
        }
    }

    /// <summary>Runs a generated-client call with <paramref name="callOptions"/> applied; returns its decoded body (one page of a paged list).</summary>
    public async Task<T> InvokeValueAsync<T>(string operation, AmigoCallOptions? callOptions, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        AmigoCallScope.Enter(callOptions);
        return await CallAsync(operation, call, cancellationToken).ConfigureAwait(false);
    }

    // Every request of this client passes CallOptionsHandler, which records the response of a successful call.
    private static AmigoResponse Captured(AmigoCallScope scope, string operation) =>
        scope.Response ?? throw new InvalidOperationException($"{operation} completed without passing the client's HTTP pipeline.");
}
