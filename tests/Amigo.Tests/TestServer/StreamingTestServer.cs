using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Amigo.Tests.TestServer;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port, whose every request is answered by a handler the test
/// scripts. It counts requests and TCP connections (through Kestrel connection middleware), so tests can check
/// that connections are released.
/// </summary>
public sealed class StreamingTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private StreamingTestServer(WebApplication app, Uri baseAddress, ConnectionTracker connections)
    {
        _app = app;
        BaseAddress = baseAddress;
        Connections = connections;
    }

    /// <summary>The server's address, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The TCP connections the server has seen.</summary>
    public ConnectionTracker Connections { get; }

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts a server that answers every request with <paramref name="handler"/>.</summary>
    public static async Task<StreamingTestServer> StartAsync(RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        StreamingTestServer? server = null;
        var connections = new ConnectionTracker();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => async connection =>
            {
                connections.OnOpened();
                try
                {
                    await next(connection);
                }
                finally
                {
                    connections.OnClosed();
                }
            }));
        });
        var app = builder.Build();
        app.Run(context =>
        {
            Interlocked.Increment(ref server!._requests);
            return handler(context);
        });
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        server = new StreamingTestServer(app, new Uri(address.TrimEnd('/') + "/"), connections);
        return server;
    }

    /// <summary>
    /// An <see cref="HttpClient"/> for this server (a test creates one and reuses it, as an app would).
    /// <paramref name="wrap"/> can insert a <see cref="DelegatingHandler"/> such as <see cref="ClientReadProbe"/>.
    /// </summary>
    /// <remarks>
    /// The handler's response drain timeout is longer than every test guard: a stream that merely disposed an
    /// unread response would leave its connection busy draining, and the test would fail instead of passing
    /// late when the handler's default 2 s drain gives up.
    /// </remarks>
    public HttpClient CreateClient(DelegatingHandler? wrap = null)
    {
        HttpMessageHandler handler = new SocketsHttpHandler { ResponseDrainTimeout = Signal.Guard * 4 };
        if (wrap is not null)
        {
            wrap.InnerHandler = handler;
            handler = wrap;
        }
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = Signal.Guard };
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(Signal.Guard);
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
