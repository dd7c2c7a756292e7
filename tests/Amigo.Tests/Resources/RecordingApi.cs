using System.Collections.Concurrent;
using System.Net;
using Amigo.Tests.Support;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Resources;

/// <summary>A request as the server saw it: method, path, query and body.</summary>
public sealed record RecordedRequest(HttpMethod Method, string Path, string Query, string? Body, string? ContentType)
{
    public JToken? Json => Body is null or "" ? null : JToken.Parse(Body);

    /// <summary>The query as (name, decoded value) pairs, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> QueryPairs => Query.TrimStart('?')
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2))
        .Select(p => (Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty))
        .ToArray();
}

/// <summary>
/// An <see cref="AmigoClient"/> over MockHttp (bearer token, no retries) whose every request is recorded and answered
/// by <see cref="Responder"/>.
/// </summary>
public sealed class RecordingApi : IDisposable
{
    public const string Org = AmigoTestHost.Organization;
    public const string ConversationId = "0123456789abcdef01234567";
    public const string InteractionId = "89abcdef0123456789abcdef";
    public const string MessageId = "fedcba9876543210fedcba98";
    public const string ServiceId = "aaaaaaaaaaaaaaaaaaaaaaaa";
    public const string SetId = "bbbbbbbbbbbbbbbbbbbbbbbb";
    public const string MetricA = "cccccccccccccccccccccccc";
    public const string MetricB = "dddddddddddddddddddddddd";

    private static readonly HttpRequestOptionsKey<CancellationToken> RequestToken = new("Test.RequestToken");

    private readonly AmigoTestHost _host;
    private readonly AmigoClient _client;

    public RecordingApi(Action<AmigoClientOptions>? configure = null)
    {
        _host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            o.Retry.MaxRetries = 0;
            configure?.Invoke(o);
        });
        _host.Http.When("*").Respond(async request =>
        {
            request.Options.TryGetValue(RequestToken, out var cancellationToken);
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var recorded = new RecordedRequest(
                request.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query, body, request.Content?.Headers.ContentType?.MediaType);
            Requests.Enqueue(recorded);
            return await Responder(recorded, cancellationToken);
        });
        _client = new AmigoClient(_host.Options, new TokenPassingHandler(_host.Http));
    }

    public AmigoClient Client => _client;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public RecordedRequest Single => Requests.Count == 1 ? Requests.Single() : throw new AssertionException($"Expected one request, got {Requests.Count}.");

    /// <summary>Answers each request; by default 500 so that an unexpected request fails loudly.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Responder { get; set; } =
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError));

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="json"/>.</summary>
    public void RespondWith(HttpStatusCode status, string? json = null) =>
        Responder = (_, _) => Task.FromResult(json is null ? new HttpResponseMessage(status) { Content = new ByteArrayContent([]) } : AmigoTestHost.Json(status, json));

    public static string Path(string relative) => $"/v1/{Org}/{relative}";

    public void Dispose()
    {
        _client.Dispose();
        _host.Dispose();
    }

    /// <summary>Hands the request's cancellation token to the MockHttp responder (whose callback does not receive it).</summary>
    private sealed class TokenPassingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.Set(RequestToken, cancellationToken);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
