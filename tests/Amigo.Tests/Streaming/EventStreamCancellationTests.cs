using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Streaming;

[TestFixture]
public class EventStreamCancellationTests
{
    /// <summary>
    /// A server that sends one event, then stalls until the client leaves. The event leaves with the response
    /// headers, so even a starved server cannot trip a short idle timeout before it.
    /// </summary>
    private static Task<StreamingTestServer> StallingServerAsync(Signal? clientLeft = null) =>
        StreamingTestServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1));
            await context.WaitForClientToLeaveAsync();
            clientLeft?.Set();
        });

    [Test]
    public async Task AStallTripsTheIdleTimeoutAndClosesTheConnection()
    {
        var clientLeft = new Signal("client left");
        await using var server = await StallingServerAsync(clientLeft);
        using var client = server.CreateClient();
        var received = new List<TestEvent>();

        var error = Assert.ThrowsAsync<AmigoStreamIdleTimeoutException>(async () =>
        {
            await foreach (var e in TestEvent.Stream(client, new AmigoStreamOptions { IdleTimeout = TimeSpan.FromSeconds(1) }))
            {
                received.Add(e);
            }
        });

        Assert.That(received, Has.Count.EqualTo(1));
        Assert.That(error!.IdleTimeout, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(error.EventsSeen, Is.EqualTo(1));
        await clientLeft.WaitAsync();
        await server.Connections.WaitUntilAsync(c => c.Open == 0, "all closed");
    }

    [Test]
    public async Task TheIdleTimerRestartsWithEveryEventAndFiresOnlyAfterAFullIdlePeriod()
    {
        var clock = new ManualTimeProvider();
        var idle = TimeSpan.FromSeconds(10);
        var sendSecond = new Signal("send the second event");
        var sendThird = new Signal("send the third event");
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1));
            await sendSecond.WaitAsync(context.RequestAborted);
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(2));
            await sendThird.WaitAsync(context.RequestAborted);
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(3));
            await context.WaitForClientToLeaveAsync();
        });
        using var client = server.CreateClient();
        await using var events = TestEvent.Stream(client, new AmigoStreamOptions { IdleTimeout = idle }, timeProvider: clock)
            .GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync(), Is.True);

        // 9 s into a read: not yet idle.
        var second = events.MoveNextAsync();
        clock.Advance(TimeSpan.FromSeconds(9));
        sendSecond.Set();
        Assert.That(await second, Is.True);
        Assert.That(events.Current.N, Is.EqualTo(2));

        // 18 s since the stream started, but only 9 s into this read: still not idle.
        var third = events.MoveNextAsync();
        clock.Advance(TimeSpan.FromSeconds(9));
        sendThird.Set();
        Assert.That(await third, Is.True);
        Assert.That(events.Current.N, Is.EqualTo(3));

        // A full idle period without a byte.
        var fourth = events.MoveNextAsync();
        clock.Advance(idle);
        var error = Assert.ThrowsAsync<AmigoStreamIdleTimeoutException>(async () => await fourth);
        Assert.That(error!.EventsSeen, Is.EqualTo(3));
    }

    [Test]
    public async Task CancellingTheEnumeratorTokenDuringAPendingReadThrowsAndClosesTheConnection()
    {
        var clientLeft = new Signal("client left");
        await using var server = await StallingServerAsync(clientLeft);
        using var client = server.CreateClient();
        using var cancellation = new CancellationTokenSource();
        await using var events = TestEvent.Stream(client).GetAsyncEnumerator(cancellation.Token);

        Assert.That(await events.MoveNextAsync(), Is.True);
        var pending = events.MoveNextAsync().AsTask();
        cancellation.Cancel();

        var error = Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => pending);
        Assert.That(((OperationCanceledException)error!).CancellationToken, Is.EqualTo(cancellation.Token));
        await clientLeft.WaitAsync();
        await server.Connections.WaitUntilAsync(c => c.Open == 0, "all closed");
    }

    [Test]
    public async Task CancellingThroughWithCancellationInsideTheLoopThrowsAndReleasesTheConnection()
    {
        var clientLeft = new Signal("client left");
        await using var server = await StallingServerAsync(clientLeft);
        using var client = server.CreateClient();
        using var cancellation = new CancellationTokenSource();
        int received = 0;

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () =>
        {
            await foreach (var _ in TestEvent.Stream(client).WithCancellation(cancellation.Token))
            {
                received++;
                cancellation.Cancel();
            }
        });

        Assert.That(received, Is.EqualTo(1));
        await clientLeft.WaitAsync();
    }

    [Test]
    public async Task CancellingTheMethodTokenMidStreamThrowsAndClosesTheConnection()
    {
        var clientLeft = new Signal("client left");
        await using var server = await StallingServerAsync(clientLeft);
        using var client = server.CreateClient();
        using var cancellation = new CancellationTokenSource();
        await using var events = TestEvent.Stream(client, cancellationToken: cancellation.Token).GetAsyncEnumerator();

        Assert.That(await events.MoveNextAsync(), Is.True);
        var pending = events.MoveNextAsync().AsTask();
        cancellation.Cancel();

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => pending);
        await clientLeft.WaitAsync();
    }

    [Test]
    public async Task CancellingBetweenEventsReleasesTheResponse()
    {
        var clientLeft = new Signal("client left");
        await using var server = await StallingServerAsync(clientLeft);
        using var client = server.CreateClient();
        using var cancellation = new CancellationTokenSource();
        await using var events = TestEvent.Stream(client).GetAsyncEnumerator(cancellation.Token);

        Assert.That(await events.MoveNextAsync(), Is.True);
        cancellation.Cancel();

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () => await events.MoveNextAsync());
        // The enumerator is not disposed yet: only the stream's own release can end the server's wait.
        await clientLeft.WaitAsync();
    }

    [Test]
    public async Task BreakingOutOfTheLoopReleasesTheConnection()
    {
        var clientLeft = new Signal("client left");
        await using var server = await StallingServerAsync(clientLeft);
        using var client = server.CreateClient();

        await foreach (var e in TestEvent.Stream(client))
        {
            Assert.That(e.N, Is.EqualTo(1));
            break;
        }

        await clientLeft.WaitAsync();
        await server.Connections.WaitUntilAsync(c => c.Open == 0, "all closed");
    }

    [Test]
    public async Task BreakingOutDoesNotWaitForABodyThatIgnoresCancellation()
    {
        var testDone = new Signal("test done");
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1));
            await testDone.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var client = server.CreateClient(new TokenIgnoringHandler());

        var loop = Task.Run(async () =>
        {
            await foreach (var _ in TestEvent.Stream(client))
            {
                break;
            }
        });

        // A release that awaited the aborting read would hang here until the server wrote again.
        await loop.WaitAsync(Signal.Guard);
        testDone.Set();
    }

    [Test]
    public async Task TwoHundredCancelledStreamsLeaveNoConnectionOpen()
    {
        await using var server = await StallingServerAsync();
        using var client = server.CreateClient();

        for (int i = 0; i < 200; i++)
        {
            using var cancellation = new CancellationTokenSource();
            var events = TestEvent.Stream(client).GetAsyncEnumerator(cancellation.Token);
            Assert.That(await events.MoveNextAsync(), Is.True);
            if (i % 2 == 0)
            {
                // Cancel while a read is pending...
                var pending = events.MoveNextAsync().AsTask();
                cancellation.Cancel();
                Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => pending);
            }
            else
            {
                // ...or between two reads.
                cancellation.Cancel();
                Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () => await events.MoveNextAsync());
            }
            // Deliberately not disposed: the stream must free the connection itself when it fails.
        }

        Assert.That(server.Requests, Is.EqualTo(200));
        await server.Connections.WaitUntilAsync(c => c.Open == 0, "every connection closed");
        Assert.That(server.Connections.Opened, Is.LessThanOrEqualTo(200));
    }

    [Test]
    public async Task AStreamCanBeEnumeratedOnlyOnceBecauseItIsNeverResent()
    {
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Done);
        });
        using var client = server.CreateClient();
        var stream = TestEvent.Stream(client);
        await foreach (var _ in stream) { }

        Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
        Assert.That(server.Requests, Is.EqualTo(1));
    }

    /// <summary>Wraps response bodies in a stream whose reads ignore their cancellation token.</summary>
    private sealed class TokenIgnoringHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var wrapped = new StreamContent(new TokenIgnoringStream(body));
            foreach (var header in response.Content.Headers)
            {
                wrapped.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content = wrapped;
            return response;
        }
    }

    private sealed class TokenIgnoringStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, CancellationToken.None);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, CancellationToken.None);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
