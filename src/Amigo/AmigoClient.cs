namespace Amigo;

/// <summary>
/// The entry point of the Amigo SDK. Thread-safe; create one and share it (or register it with
/// <c>services.AddAmigoClient(...)</c>). Every call is made in <see cref="OrganizationId"/>, and goes through one
/// HTTP pipeline that authenticates, retries, throttles, logs and turns errors into <see cref="AmigoException"/>s.
/// </summary>
public sealed class AmigoClient : IDisposable
{
    private readonly AmigoClientRuntime? _ownedRuntime;
    private readonly HttpClient? _ownedHttpClient;

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
        (Context, Conversations, DynamicBehaviorSets, Metrics, Users) = Create(httpClient, runtime);
    }

    /// <summary>Used by dependency injection: the HttpClient comes from IHttpClientFactory and the runtime is a shared singleton.</summary>
    internal AmigoClient(HttpClient httpClient, AmigoClientRuntime runtime)
    {
        (Context, Conversations, DynamicBehaviorSets, Metrics, Users) = Create(httpClient, runtime);
    }

    /// <summary>The organization every call is made in.</summary>
    public string OrganizationId => Context.OrganizationId;

    /// <summary>The base URL of the API this client calls (always ending with '/').</summary>
    public Uri BaseUrl => Context.BaseUrl;

    /// <summary>The longest silence allowed between two events of a stream.</summary>
    public TimeSpan StreamIdleTimeout => Context.Options.StreamIdleTimeout;

    /// <summary>Conversations: create, list, interact (streamed), finish, messages, insights...</summary>
    public ConversationsResource Conversations { get; }

    /// <summary>Dynamic behavior sets: create, list, search, update, versions, invocations...</summary>
    public DynamicBehaviorSetsResource DynamicBehaviorSets { get; }

    /// <summary>Metrics: evaluate.</summary>
    public MetricsResource Metrics { get; }

    /// <summary>User operations (sign-in with an API key; the client does this itself for API key credentials).</summary>
    public UsersResource Users { get; }

    internal AmigoClientContext Context { get; }

    /// <summary>Releases the connection pool if this client created it. Clients from dependency injection need no disposal.</summary>
    /// <remarks>
    /// Streams and calls in flight end at once, with <see cref="ObjectDisposedException"/>, and their connections are
    /// closed. (For a client from dependency injection, that happens when the container is disposed.)
    /// </remarks>
    public void Dispose()
    {
        // The runtime first: it ends streams and calls in flight, so they see the disposal rather than a cancellation.
        _ownedRuntime?.Dispose();
        _ownedHttpClient?.Dispose();
    }

    /// <summary>Describes the client without secrets.</summary>
    public override string ToString() => $"AmigoClient(OrganizationId={OrganizationId}, BaseUrl={BaseUrl})";

    private static (AmigoClientContext, ConversationsResource, DynamicBehaviorSetsResource, MetricsResource, UsersResource) Create(
        HttpClient httpClient, AmigoClientRuntime runtime)
    {
        var context = new AmigoClientContext(httpClient, runtime);
        return (context, new ConversationsResource(context), new DynamicBehaviorSetsResource(context), new MetricsResource(context), new UsersResource(context));
    }
}
