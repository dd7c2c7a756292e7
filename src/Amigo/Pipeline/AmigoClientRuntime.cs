using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Amigo;

/// <summary>
/// The state one configured client shares across all its HTTP handlers: validated options, the token source (JWT
/// cache), client-side rate limiters and logging. In dependency injection it is a singleton, so it outlives
/// handler recycling by IHttpClientFactory.
/// </summary>
internal sealed class AmigoClientRuntime : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Func<double> _jitter;
    private readonly Func<TimeSpan, CancellationToken, Task>? _delayOverride;

    public AmigoClientRuntime(AmigoClientOptions options, ILoggerFactory? fallbackLoggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Clone();
        BaseUrl = Options.Validate();
        OrganizationId = Options.OrganizationId!;
        TimeProvider = Options.TimeProvider;
        Logger = (Options.LoggerFactory ?? fallbackLoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(Log.CategoryName);
        var credential = Options.ResolveCredential();
        BasicUserId = (credential as BasicCredential)?.UserId;
        Redactor = new SecretRedactor(credential.Secrets);
        TokenSource = credential.CreateTokenSource(new TokenSourceContext(BaseUrl, OrganizationId, Options.TokenRefreshBeforeExpiry, TimeProvider, Logger, Redactor));
        RateLimiters = Options.ClientSideRateLimiting ? new ClientRateLimiters() : null;
        DecodeIssues = new DecodeIssueLog(Logger);
        _jitter = Options.JitterSource ?? Random.Shared.NextDouble;
        _delayOverride = Options.DelayOverride;
        UserAgent = AmigoUserAgent.For(Options.ApplicationId);
    }

    /// <summary>The User-Agent of every request of this client, sign-in included.</summary>
    public string UserAgent { get; }

    public AmigoClientOptions Options { get; }

    public Uri BaseUrl { get; }

    /// <summary>The origin (scheme, host, port) of <see cref="BaseUrl"/>: the only place credentials are sent.</summary>
    public string BaseOrigin => AmigoTransport.Origin(BaseUrl);

    /// <summary>Whether <paramref name="uri"/> is on the configured origin.</summary>
    public bool IsConfiguredOrigin(Uri uri) => AmigoTransport.SameOrigin(uri, BaseUrl);

    public string OrganizationId { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public ITokenSource TokenSource { get; }

    /// <summary>Keeps this client's key, key id and tokens out of every exception and log line.</summary>
    public SecretRedactor Redactor { get; }

    public string? BasicUserId { get; }

    public ClientRateLimiters? RateLimiters { get; internal set; }

    /// <summary>Warns once per kind of spec mismatch met by tolerant decoding.</summary>
    public DecodeIssueLog DecodeIssues { get; }

    /// <summary>The serializer responses and events are read with: tolerant, or strict with <see cref="AmigoClientOptions.StrictDecoding"/>.</summary>
    public Newtonsoft.Json.JsonSerializer Serializer => AmigoJsonDecoding.For(Options.StrictDecoding);

    /// <summary>Cancelled when the client is disposed: streams in flight then end, and free their connections.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    public bool IsDisposed => _lifetime.IsCancellationRequested;

    /// <summary>What a call or stream in flight throws when the client is disposed under it.</summary>
    public static ObjectDisposedException Disposed(string operation) =>
        new(nameof(AmigoClient), $"The AmigoClient was disposed, which ended {operation} in flight.");

    public double NextJitter() => _jitter();

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        _delayOverride is not null ? _delayOverride(delay, cancellationToken) : Task.Delay(delay, TimeProvider, cancellationToken);

    /// <summary>The SDK's handlers, outermost first: telemetry, call options, errors, retries, authentication, throttling, diagnostics, attempt timeout, redirects, one send per attempt (with the User-Agent).</summary>
    public IEnumerable<Func<DelegatingHandler>> HandlerFactories()
    {
        yield return () => new TelemetryHandler();
        yield return () => new CallOptionsHandler(this);
        yield return () => new ErrorMappingHandler(this);
        yield return () => new RetryHandler(this);
        yield return () => new AuthenticationHandler(this);
        if (RateLimiters is not null)
        {
            yield return () => new ClientRateLimitHandler(this);
        }

        yield return () => new DiagnosticsHandler(this);
        yield return () => new AttemptTimeoutHandler(this);
        yield return () => new RedirectHandler(this);
        yield return () => new SingleSendHandler(UserAgent);
    }

    /// <summary>Chains the SDK handlers in front of <paramref name="transport"/>.</summary>
    public HttpMessageHandler CreatePipeline(HttpMessageHandler transport)
    {
        var handler = transport;
        foreach (var factory in HandlerFactories().Reverse())
        {
            var outer = factory();
            outer.InnerHandler = handler;
            handler = outer;
        }

        return handler;
    }

    public void ConfigureHttpClient(HttpClient client)
    {
        client.BaseAddress = BaseUrl;
        client.Timeout = Timeout.InfiniteTimeSpan;
    }


    public void Dispose()
    {
        _lifetime.Cancel();
        RateLimiters?.Dispose();
    }
}
