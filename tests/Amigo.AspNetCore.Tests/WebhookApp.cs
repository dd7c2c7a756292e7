using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amigo.AspNetCore.Webhooks;
using Amigo.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Amigo.AspNetCore.Tests;

/// <summary>A Kestrel app on 127.0.0.1 with <c>MapAmigoWebhooks</c>, and a client that posts deliveries signed with the
/// BCL's HMACSHA256 (independently of the SDK).</summary>
internal sealed class WebhookApp : IAsyncDisposable
{
    public const string Secret = "endpoint-test-secret";
    public const string Path = "/amigo/webhooks";
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;

    private WebhookApp(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public static Task<WebhookApp> StartAsync(Func<AmigoWebhookEvent, CancellationToken, Task> handler,
        Action<AmigoWebhookEndpointOptions>? configure = null) =>
        StartAsync(app => app.MapAmigoWebhooks(Path, handler, options =>
        {
            options.Secrets.Add(Secret);
            configure?.Invoke(options);
        }));

    public static async Task<WebhookApp> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookApp(app, new HttpClient { BaseAddress = new Uri(address), Timeout = Guard });
    }

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.UTF8.GetBytes($"v1:{timestamp}:"), .. body]));
    }

    public static string Body(string conversationId = "6650a1b2c3d4e5f6a7b8c9d2") =>
        $$"""{"type":"conversation-post-processing-complete","post_processing_type":"compute-metrics","conversation_id":"{{conversationId}}","org_id":"acme"}""";

    /// <summary>Posts a delivery; each argument left null is filled in correctly.</summary>
    public async Task<HttpStatusCode> PostAsync(string? body = null, string key = "delivery-1", string secret = Secret,
        DateTimeOffset? at = null, byte[]? sentBody = null, Action<HttpRequestMessage>? change = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body ?? Body());
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(sentBody ?? bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(AmigoWebhookHeaders.IdempotencyKeyHeader, key);
        request.Headers.Add(AmigoWebhookHeaders.TimestampHeader, timestamp);
        request.Headers.Add(AmigoWebhookHeaders.SignatureHeader, Sign(secret, timestamp, bytes));
        change?.Invoke(request);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
