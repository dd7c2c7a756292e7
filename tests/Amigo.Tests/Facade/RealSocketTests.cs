using System.Net;
using System.Net.Sockets;
using Amigo.Tests.Support;
using NUnit.Framework;

namespace Amigo.Tests.Facade;

/// <summary>Failure classification with the real SocketsHttpHandler, against loopback.</summary>
[TestFixture]
public sealed class RealSocketTests
{
    [Test]
    public void RefusedConnection_IsClassifiedAsNeverSent_AndAPostIsRetried()
    {
        var port = ClosedLoopbackPort();
        var delays = new RecordedDelays();
        using var client = new AmigoClient(new AmigoClientOptions
        {
            OrganizationId = "acme",
            BaseUrl = new Uri($"http://127.0.0.1:{port}/"),
            Credential = new BearerTokenCredential(AmigoTestHost.Jwt),
            Retry = { MaxRetries = 2 },
            DelayOverride = delays.DelayAsync,
        });

        var error = Assert.ThrowsAsync<AmigoNetworkException>(() =>
            client.Context.SendAsync(new HttpRequestMessage(HttpMethod.Post, "v1/acme/metric/evaluate") { Content = new StringContent("{}") },
                HttpCompletionOption.ResponseContentRead, null, default).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.That(error!.Error, Is.EqualTo(HttpRequestError.ConnectionError));
        Assert.That(error.RequestNeverSent, Is.True);
        Assert.That(error.Operation, Is.EqualTo("evaluate-metrics"));
        Assert.That(delays.Delays, Has.Count.EqualTo(2), "a POST that never reached the server is retried");
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
