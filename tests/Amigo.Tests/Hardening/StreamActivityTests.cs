using Amigo.Generated;
using Amigo.Tests.Streaming;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Hardening;

/// <summary>
/// Issue 10, item 10: only events count as activity for the idle timer (blank lines cannot keep a stream alive), and
/// <see cref="AmigoStreamOptions.MaxDuration"/> bounds the whole stream. The clock is manual; the sockets are real.
/// </summary>
[TestFixture]
public sealed class StreamActivityTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    private static AmigoClient Client(HostileServer server, ManualTimeProvider clock, ClientReadProbe probe) => server.CreateClient(o =>
    {
        o.Credential = AmigoCredential.FromBearerToken("eyJhbGciOiJIUzI1NiJ9.e30.sig");
        o.TimeProvider = clock;
    }, HostileServer.Transport(probe));

    /// <summary>Streams conversation-created, then one more line (<paramref name="line"/> of its index) each time <paramref name="send"/> is released.</summary>
    private static Task<HostileServer> PacedServerAsync(SemaphoreSlim send, Func<int, string> line) => HostileServer.StartAsync(async context =>
    {
        await context.Response.StartNdjsonAsync(StatusCodes.Status201Created);
        await context.Response.WriteLineAndFlushAsync(ConversationEvents.Created("65f1c0ffee0123456789abcd"));
        for (var i = 0; !context.RequestAborted.IsCancellationRequested; i++)
        {
            await send.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            if (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.WriteLineAndFlushAsync(line(i));
            }
        }
    });

    private static ConversationEventStream Create(AmigoClient client, AmigoStreamOptions stream) =>
        client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "65f1c0ffee0123456789abce" }, new ConversationTurnOptions { Stream = stream });

    [Test]
    public async Task Blank_lines_do_not_reset_the_idle_timer()
    {
        var clock = new ManualTimeProvider();
        var probe = new ClientReadProbe();
        var sendBlank = new SemaphoreSlim(0);
        await using var server = await PacedServerAsync(sendBlank, _ => "");
        using var client = Client(server, clock, probe);
        await using var events = Create(client, new AmigoStreamOptions { IdleTimeout = Idle }).GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync(), Is.True);
        var next = events.MoveNextAsync().AsTask();

        // A blank line every 4 s: 12 s without an event.
        for (var i = 0; i < 3 && !next.IsCompleted; i++)
        {
            var read = probe.BytesRead;
            sendBlank.Release();
            await probe.WaitForBytesAsync(read + 1);
            clock.Advance(TimeSpan.FromSeconds(4));
        }

        var error = Assert.CatchAsync(() => next.WaitAsync(Signal.Guard));
        Assert.That(error, Is.TypeOf<AmigoStreamIdleTimeoutException>());
        Assert.That(((AmigoStreamIdleTimeoutException)error!).EventsSeen, Is.EqualTo(1));
        await server.Connections.WaitUntilAsync(c => c.Open == 0, "the connection closed");
    }

    [Test]
    public async Task The_idle_timer_restarts_with_each_event_and_the_callers_own_time_does_not_count()
    {
        var clock = new ManualTimeProvider();
        var probe = new ClientReadProbe();
        var sendNext = new SemaphoreSlim(0);
        await using var server = await PacedServerAsync(sendNext, i => ConversationEvents.TextPiece("x", i));
        using var client = Client(server, clock, probe);
        await using var events = Create(client, new AmigoStreamOptions { IdleTimeout = Idle }).GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync(), Is.True);

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));                   // the caller takes its time: not idle
            var next = events.MoveNextAsync();
            clock.Advance(TimeSpan.FromSeconds(9));                    // 9 s into the wait: not idle
            sendNext.Release();
            Assert.That(await next, Is.True);
            Assert.That(events.Current, Is.TypeOf<NewMessageEvent>());
        }
    }

    [Test]
    public async Task MaxDuration_ends_a_stream_that_keeps_sending_events()
    {
        var clock = new ManualTimeProvider();
        var probe = new ClientReadProbe();
        var sendNext = new SemaphoreSlim(0);
        await using var server = await PacedServerAsync(sendNext, i => ConversationEvents.TextPiece("x", i));
        using var client = Client(server, clock, probe);
        await using var events = Create(client, new AmigoStreamOptions { IdleTimeout = Idle, MaxDuration = TimeSpan.FromSeconds(30) }).GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync(), Is.True);

        // An event every 8 s keeps the idle timer happy; at 32 s the whole stream is over its 30 s.
        Exception? error = null;
        for (var i = 0; i < 4 && error is null; i++)
        {
            var next = events.MoveNextAsync().AsTask();
            clock.Advance(TimeSpan.FromSeconds(8));
            sendNext.Release();
            error = await CatchAsync(next);
        }

        Assert.That(error, Is.TypeOf<AmigoStreamMaxDurationException>());
        var tooLong = (AmigoStreamMaxDurationException)error!;
        Assert.That(tooLong.MaxDuration, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(tooLong.EventsSeen, Is.EqualTo(4));
        Assert.That(tooLong.Message, Does.Contain("maximum duration of 30 s"));
        await server.Connections.WaitUntilAsync(c => c.Open == 0, "the connection closed");
    }

    [Test]
    public async Task MaxDuration_counts_the_callers_own_time()
    {
        var clock = new ManualTimeProvider();
        await using var server = await HostileServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync(StatusCodes.Status201Created);
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Created("65f1c0ffee0123456789abcd"));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.TextPiece("x", 0));
            await context.WaitForClientToLeaveAsync();
        });
        using var client = Client(server, clock, new ClientReadProbe());
        await using var events = Create(client, new AmigoStreamOptions { MaxDuration = TimeSpan.FromSeconds(30) }).GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync(), Is.True);

        clock.Advance(TimeSpan.FromSeconds(31));

        Assert.That(async () => await events.MoveNextAsync(), Throws.TypeOf<AmigoStreamMaxDurationException>());
    }

    private static async Task<Exception?> CatchAsync(Task<bool> next)
    {
        try
        {
            Assert.That(await next.WaitAsync(Signal.Guard), Is.True);
            return null;
        }
        catch (AmigoException ex)
        {
            return ex;
        }
    }
}
