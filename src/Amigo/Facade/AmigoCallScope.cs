namespace Amigo;

/// <summary>
/// One façade call in flight: its <see cref="AmigoCallOptions"/> on the way in and its raw response on the way out.
/// The generated clients build the request themselves, so the scope travels with the call's async flow and the first
/// request of that flow to reach <see cref="CallOptionsHandler"/> claims it (a token refresh inside the pipeline
/// comes later and never sees it).
/// </summary>
internal sealed class AmigoCallScope
{
    private static readonly AsyncLocal<AmigoCallScope?> Current = new();
    private readonly AmigoCallScope? _parent;
    private int _claimed;
    private AmigoResponse? _response;

    private AmigoCallScope(AmigoCallOptions? options, AmigoCallScope? parent)
    {
        Options = options;
        _parent = parent;
    }

    public AmigoCallOptions? Options { get; }

    /// <summary>The raw response of the call; recorded on the scope it was entered under too (a pageable's page).</summary>
    public AmigoResponse? Response
    {
        get => _response;
        set
        {
            _response = value;
            if (_parent is not null)
            {
                _parent.Response = value;
            }
        }
    }

    /// <summary>Starts a scope for the rest of the calling async method (and what it awaits), under the current one if any.</summary>
    public static AmigoCallScope Enter(AmigoCallOptions? options)
    {
        var scope = new AmigoCallScope(options, Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>The scope of the current call, once: null if there is none or a request already claimed it.</summary>
    public static AmigoCallScope? Claim() =>
        Current.Value is { } scope && Interlocked.Exchange(ref scope._claimed, 1) == 0 ? scope : null;
}

/// <summary>
/// The outermost handler: applies a call's <see cref="AmigoCallOptions"/> (headers, and the timeout and retry budget
/// that the inner handlers read from the request) and records its raw response.
/// </summary>
internal sealed class CallOptionsHandler(AmigoClientRuntime runtime) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // No call scope (a request of the generated clients used directly, or a token refresh): nothing to apply or
        // record, so the request passes straight through.
        var scope = AmigoCallScope.Claim();
        return scope is null ? base.SendAsync(request, cancellationToken) : SendInScopeAsync(scope, request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendInScopeAsync(AmigoCallScope scope, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (scope.Options is { } options)
        {
            foreach (var (name, value) in options.Headers)
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }

            if (options.Timeout is { } timeout)
            {
                request.Options.Set(AmigoRequestOptions.Timeout, timeout);
            }

            if (options.MaxRetries is { } maxRetries)
            {
                request.Options.Set(AmigoRequestOptions.MaxRetries, maxRetries);
            }
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = header.Value.ToArray();
        }

        var operation = AmigoOperations.Resolve(request).Id;
        scope.Response = new AmigoResponse(response.StatusCode, headers, RateLimitHeaders.Parse(response.Headers, operation, runtime.TimeProvider));
        return response;
    }
}
