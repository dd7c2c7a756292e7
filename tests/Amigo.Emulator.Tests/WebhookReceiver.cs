using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Amigo.Emulator.Tests;

/// <summary>A webhook receiver on 127.0.0.1 that records every delivery attempt and answers the scripted status codes
/// (200 once the script runs out). Signatures are checked here with the BCL's HMACSHA256, independently of the emulator.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly Queue<int> _statuses;

    private WebhookReceiver(WebApplication app, Queue<int> statuses)
    {
        _app = app;
        _statuses = statuses;
    }

    public Uri Url { get; private set; } = null!;

    public int Count { get; private set; }

    public static async Task<WebhookReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Queue<int>(statuses));
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address + "/hooks/amigo");
        return receiver;
    }

    /// <summary>The next attempt received (waits for it, up to the guard).</summary>
    public async Task<ReceivedWebhook> NextAsync()
    {
        using var guard = new CancellationTokenSource(EmulatorSession.Guard);
        return await _received.Reader.ReadAsync(guard.Token);
    }

    /// <summary>Whether an attempt is waiting to be read.</summary>
    public bool HasMore => _received.Reader.TryPeek(out _);

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.UTF8.GetBytes($"v1:{timestamp}:"), .. body]));
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        int status;
        lock (_statuses)
        {
            Count++;
            status = _statuses.Count > 0 ? _statuses.Dequeue() : 200;
        }

        _received.Writer.TryWrite(new ReceivedWebhook(
            context.Request.Method, context.Request.Path, context.Request.ContentType,
            context.Request.Headers["x-amigo-idempotent-key"].ToString(),
            context.Request.Headers["x-amigo-request-timestamp"].ToString(),
            context.Request.Headers["x-amigo-request-signature"].ToString(),
            body.ToArray()));
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedWebhook(string Method, string Path, string? ContentType, string IdempotencyKey, string Timestamp,
    string Signature, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Timestamp));

    public bool IsSignedWith(string secret) => Signatures.Contains(WebhookReceiver.Sign(secret, Timestamp, Body));

    public string[] Signatures => Signature.Split(',');
}
