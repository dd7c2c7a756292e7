using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Support;

/// <summary>Builds an <see cref="AmigoClient"/> over MockHttp with recorded delays, captured logs and a test clock.</summary>
public sealed class AmigoTestHost : IDisposable
{
    public const string BaseUrl = "https://api.test.amigo.ai/";
    public const string Organization = "acme";
    public const string ApiKey = "sk-SECRET-api-key-0123456789";
    public const string ApiKeyId = "key-id-1";
    public const string UserId = "user-1";
    public const string Jwt = "eyJhbGciOiJIUzI1NiJ9.SECRET-JWT-payload.signature";
    public const string SignInUrl = BaseUrl + "v1/" + Organization + "/user/signin_with_api_key";

    private AmigoClient? _client;

    public AmigoTestHost(Action<AmigoClientOptions>? configure = null)
    {
        Options = new AmigoClientOptions
        {
            OrganizationId = Organization,
            BaseUrl = new Uri(BaseUrl),
            Credential = new AmigoApiKeyCredential(ApiKey, ApiKeyId, UserId),
            LoggerFactory = Logs,
            TimeProvider = Clock,
            JitterSource = () => Jitter,
            DelayOverride = Delays.DelayAsync,
        };
        configure?.Invoke(Options);
    }

    public MockHttpMessageHandler Http { get; } = new(BackendDefinitionBehavior.Always);

    public LogCapture Logs { get; } = new();

    public TestClock Clock { get; } = new();

    public RecordedDelays Delays { get; } = new();

    public double Jitter { get; set; } = 0.5;

    public AmigoClientOptions Options { get; }

    public int SignIns;

    public AmigoClient Client => _client ??= new AmigoClient(Options, Transport ?? Http);

    /// <summary>A transport used instead of <see cref="Http"/> when set (before the first use of <see cref="Client"/>).</summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>Answers sign-in with <see cref="Jwt"/> (or numbered tokens), valid for <paramref name="lifetime"/> from the test clock's now.</summary>
    public MockedRequest RespondToSignIn(TimeSpan? lifetime = null, Func<Task>? gate = null, bool numberedTokens = false) =>
        Http.When(HttpMethod.Post, SignInUrl).Respond(async request =>
        {
            var number = Interlocked.Increment(ref SignIns);
            if (gate is not null)
            {
                await gate();
            }

            var token = numberedTokens ? $"{Jwt}-{number}" : Jwt;
            var expires = Clock.Now + (lifetime ?? TimeSpan.FromHours(1));
            return Json(HttpStatusCode.OK, $$"""{"id_token":"{{token}}","expires_at":"{{expires:O}}"}""");
        });

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relativePath, HttpContent? content = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(method, relativePath) { Content = content };
        return Client.Context.SendAsync(request, HttpCompletionOption.ResponseContentRead, null, cancellationToken);
    }

    public Task<HttpResponseMessage> GetConversationsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/{Organization}/conversation/", null, cancellationToken);

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public void Dispose()
    {
        _client?.Dispose();
        Http.Dispose();
    }
}
