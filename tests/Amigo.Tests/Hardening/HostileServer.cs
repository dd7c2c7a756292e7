using System.Collections.Concurrent;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Hardening;

/// <summary>
/// A scripted Kestrel server on 127.0.0.1 that records every request it receives (path and headers), so a test can
/// check what reached it; the API key, key id and user id the hardening tests sign in with.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    public const string Organization = "acme";
    public const string ApiKey = "SECRET-api-key-7f3a9c";
    public const string ApiKeyId = "SECRET-key-id-51e0";
    public const string UserId = "user-1";

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private HostileServer(StreamingTestServer server) => Server = server;

    public StreamingTestServer Server { get; }

    public Uri BaseAddress => Server.BaseAddress;

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    public ConnectionTracker Connections => Server.Connections;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<HostileServer> StartAsync(RequestDelegate handler)
    {
        HostileServer? hostile = null;
        var server = await StreamingTestServer.StartAsync(context =>
        {
            hostile!._requests.Enqueue(new RecordedRequest(
                context.Request.Method, context.Request.Path.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return handler(context);
        });
        hostile = new HostileServer(server);
        return hostile;
    }

    /// <summary>A server that answers sign-in itself and everything else with <paramref name="handler"/>.</summary>
    public static Task<HostileServer> StartWithSignInAsync(RequestDelegate handler) => StartAsync(context =>
        IsSignIn(context) ? SignInAsync(context) : handler(context));

    /// <summary>A client signing in with <see cref="ApiKey"/> to this server.</summary>
    public AmigoClient CreateClient(Action<AmigoClientOptions>? configure = null, HttpMessageHandler? transport = null)
    {
        var options = new AmigoClientOptions
        {
            OrganizationId = Organization,
            BaseUrl = BaseAddress,
            Credential = AmigoCredential.FromApiKey(ApiKey, ApiKeyId, UserId),
            RequestTimeout = Signal.Guard,
        };
        configure?.Invoke(options);
        return transport is null ? new AmigoClient(options) : new AmigoClient(options, transport);
    }

    /// <summary>The client's own transport, with <paramref name="probe"/> in front (to see what the client has read).</summary>
    public static HttpMessageHandler Transport(DelegatingHandler probe)
    {
        probe.InnerHandler = AmigoTransport.CreateDefault();
        return probe;
    }

    /// <summary>Answers sign-in with a token valid for an hour.</summary>
    public static async Task SignInAsync(HttpContext context, string token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXNlY3JldA", DateTimeOffset? expiresAt = null)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"id_token":{{Newtonsoft.Json.JsonConvert.ToString(token)}},"expires_at":"{{expiresAt ?? DateTimeOffset.UtcNow.AddHours(1):O}}"}""");
    }

    /// <summary>Sign-ins this server answered.</summary>
    public int SignIns => Requests.Count(r => r.Path.EndsWith("/user/signin_with_api_key", StringComparison.Ordinal));

    public static bool IsSignIn(HttpContext context) => context.Request.Path.Value!.EndsWith("/user/signin_with_api_key", StringComparison.Ordinal);

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers);
}
