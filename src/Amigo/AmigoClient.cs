namespace Amigo;

/// <summary>
/// The entry point of the Amigo SDK. Thread-safe; create one and share it (or register it with
/// <c>services.AddAmigoClient(...)</c>). Every call is made in <see cref="OrganizationId"/>, and goes through one
/// HTTP pipeline that authenticates, retries, throttles, logs and turns errors into <see cref="AmigoException"/>s.
/// </summary>
public partial class AmigoClient : IDisposable
{
    private readonly AmigoClientRuntime? _ownedRuntime;
    private readonly HttpClient? _ownedHttpClient;
    private readonly AmigoClientContext? _context;

    /// <summary>For fakes and mocks: a client with no connection behind it. Override the resource groups a test uses.</summary>
    protected AmigoClient()
    {
    }

    /// <summary>Creates a client with its own connection pool.</summary>
    /// <param name="options">The settings; validated now (see <see cref="AmigoConfigurationException"/>).</param>
    public AmigoClient(AmigoClientOptions options)
        : this(options, AmigoTransport.CreateDefault(), disposeTransport: true)
    {
    }

    /// <summary>Creates a client that sends requests through <paramref name="transport"/> (for example a custom or test handler).</summary>
    /// <param name="options">The settings; validated now.</param>
    /// <param name="transport">The innermost handler. It is not disposed with the client. It must not follow redirects
    /// itself (<c>AllowAutoRedirect = false</c>): the client follows them, only within the configured origin.</param>
    /// <exception cref="AmigoConfigurationException">An option is invalid, or the transport follows redirects.</exception>
    public AmigoClient(AmigoClientOptions options, HttpMessageHandler transport)
        : this(options, transport, disposeTransport: false)
    {
    }

    private AmigoClient(AmigoClientOptions options, HttpMessageHandler transport, bool disposeTransport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        AmigoTransport.RequireNoAutoRedirect(transport);
        var runtime = new AmigoClientRuntime(options ?? throw new ArgumentNullException(nameof(options)));
        var pipeline = runtime.CreatePipeline(transport);
        var httpClient = new HttpClient(pipeline, disposeHandler: disposeTransport);
        runtime.ConfigureHttpClient(httpClient);
        _ownedRuntime = runtime;
        _ownedHttpClient = httpClient;
        _context = new AmigoClientContext(httpClient, runtime);
    }

    /// <summary>Used by dependency injection: the HttpClient comes from IHttpClientFactory and the runtime is a shared singleton.</summary>
    internal AmigoClient(HttpClient httpClient, AmigoClientRuntime runtime)
    {
        _context = new AmigoClientContext(httpClient, runtime);
    }

    /// <summary>The organization every call is made in.</summary>
    public virtual string OrganizationId => Context.OrganizationId;

    /// <summary>The base URL of the API this client calls (always ending with '/').</summary>
    public virtual Uri BaseUrl => Context.BaseUrl;

    /// <summary>The longest silence allowed between two events of a stream.</summary>
    public virtual TimeSpan StreamIdleTimeout => Context.Options.StreamIdleTimeout;

    internal AmigoClientContext Context => _context ?? throw new InvalidOperationException(
        "This AmigoClient was created for a fake (with its protected constructor) and has no connection; override the resource groups the test uses.");

    /// <summary>Releases the connection pool if this client created it. Clients from dependency injection need no disposal.</summary>
    /// <remarks>
    /// Streams and calls in flight end at once, with <see cref="ObjectDisposedException"/>, and their connections are
    /// closed. (For a client from dependency injection, that happens when the container is disposed.)
    /// </remarks>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what this client owns; override to release what a derived client owns.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        // The runtime first: it ends streams and calls in flight, so they see the disposal rather than a cancellation.
        _ownedRuntime?.Dispose();
        _ownedHttpClient?.Dispose();
    }

    /// <summary>Describes the client without secrets.</summary>
    public override string ToString() => _context is null ? "AmigoClient(fake)" : $"AmigoClient(OrganizationId={OrganizationId}, BaseUrl={BaseUrl})";
}
