using System.Net;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Streaming;

[TestFixture]
public class EventStreamFailureTests
{
    private static async Task<(List<TestEvent> Events, Exception? Error)> ConsumeAsync(IAsyncEnumerable<TestEvent> stream)
    {
        var events = new List<TestEvent>();
        try
        {
            await foreach (var e in stream)
            {
                events.Add(e);
            }
            return (events, null);
        }
        catch (Exception ex)
        {
            return (events, ex);
        }
    }

    [Test]
    public async Task AMalformedLineThrowsWithItsLineNumberAndExcerptAfterEveryEarlierEvent()
    {
        string badLine = "{\"type\":\"item\",\"n\":3,\"text\":\"unterminated " + new string('q', 500);
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1));
            await context.Response.WriteLineAndFlushAsync("");
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(2));
            await context.Response.WriteLineAndFlushAsync(badLine);
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(4));
            await context.Response.WriteLineAndFlushAsync(TestEvent.Done);
        });
        using var client = server.CreateClient();

        var (events, error) = await ConsumeAsync(TestEvent.Stream(client));

        Assert.That(events.Select(e => e.N), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(error, Is.TypeOf<AmigoStreamException>());
        var streamError = (AmigoStreamException)error!;
        Assert.That(streamError.LineNumber, Is.EqualTo(4));
        Assert.That(streamError.EventsSeen, Is.EqualTo(2));
        Assert.That(streamError.RecentEvents.Cast<TestEvent>().Select(e => e.N), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(streamError.Operation, Is.EqualTo("test-stream"));
        Assert.That(streamError.Excerpt, Does.StartWith("{\"type\":\"item\",\"n\":3").And.EndWith("…"));
        Assert.That(streamError.Excerpt!.Length, Is.LessThan(100));
        Assert.That(streamError.Message, Does.Contain("line 4").And.Contain("test-stream").And.Not.Contain(new string('q', 200)));
    }

    [Test]
    public async Task AParserMessageQuotingAHugeValueIsShortenedInTheError()
    {
        string huge = new string('7', 5000) + "x";
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync($"{{\"type\":\"item\",\"n\":\"{huge}\"}}");
        });
        using var client = server.CreateClient();

        var (_, error) = await ConsumeAsync(TestEvent.Stream(client));

        Assert.That(error, Is.TypeOf<AmigoStreamException>());
        Assert.That(error!.Message, Has.Length.LessThan(600).And.Not.Contain(new string('7', 300)));
    }

    [Test]
    public async Task TrailingGarbageAfterTheJsonValueIsMalformed()
    {
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1) + " {\"type\":\"item\"}");
        });
        using var client = server.CreateClient();

        var (events, error) = await ConsumeAsync(TestEvent.Stream(client));

        Assert.That(events, Is.Empty);
        Assert.That(error, Is.TypeOf<AmigoStreamException>().With.Property(nameof(AmigoStreamException.LineNumber)).EqualTo(1));
    }

    [Test]
    public async Task AJsonNullLineIsMalformedNotANullEvent()
    {
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync("null");
        });
        using var client = server.CreateClient();

        var (_, error) = await ConsumeAsync(TestEvent.Stream(client));

        Assert.That(error, Is.TypeOf<AmigoStreamException>());
        Assert.That(error!.Message, Does.Contain("null"));
    }

    [Test]
    public async Task ALineOverTheMaximumLengthFailsWithoutWaitingForItsEnd()
    {
        var clientLeft = new Signal("client left");
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1));
            var block = new byte[8192];
            Array.Fill(block, (byte)'a');
            try
            {
                // An endless line: only a reader that gives up at the limit returns.
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.WriteAndFlushAsync(block);
                }
            }
            catch (OperationCanceledException)
            {
            }
            clientLeft.Set();
        });
        using var client = server.CreateClient();

        var (events, error) = await ConsumeAsync(TestEvent.Stream(client, new AmigoStreamOptions { MaxLineLength = 100_000 }));

        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(error, Is.TypeOf<AmigoStreamException>());
        Assert.That(((AmigoStreamException)error!).LineNumber, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("100000"));
        await clientLeft.WaitAsync();
    }

    [Test]
    public async Task AServerThatDropsTheConnectionMidStreamThrowsEndedEarly()
    {
        var firstReceived = new Signal("first event received");
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1));
            // A reset can discard bytes the client has not read yet, so drop only once event 1 was received.
            await firstReceived.WaitAsync(context.RequestAborted);
            await context.Response.WriteAndFlushAsync("{\"type\":\"it"u8.ToArray());
            context.Abort();
        });
        using var client = server.CreateClient();
        await using var events = TestEvent.Stream(client).GetAsyncEnumerator();

        Assert.That(await events.MoveNextAsync(), Is.True);
        firstReceived.Set();
        var error = Assert.ThrowsAsync<AmigoStreamEndedEarlyException>(async () => await events.MoveNextAsync());

        Assert.That(error!.ConnectionBroken, Is.True);
        Assert.That(error.EventsSeen, Is.EqualTo(1));
        Assert.That(error.InnerException, Is.InstanceOf<IOException>());
    }

    [Test]
    public async Task AStreamThatEndsCleanlyBeforeItsTerminalEventThrowsEndedEarly()
    {
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1));
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(2));
        });
        using var client = server.CreateClient();

        var (events, error) = await ConsumeAsync(TestEvent.Stream(client));

        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(error, Is.TypeOf<AmigoStreamEndedEarlyException>()
            .With.Property(nameof(AmigoStreamEndedEarlyException.ConnectionBroken)).False
            .And.Property(nameof(AmigoStreamException.LineNumber)).EqualTo(2));
    }

    [TestCase(false, StreamErrorPhase.BeforeInteractionComplete)]
    [TestCase(true, StreamErrorPhase.AfterInteractionComplete)]
    public async Task AnErrorEventThrowsSayingWhetherItCameBeforeOrAfterTheTerminalEvent(bool afterTerminal, StreamErrorPhase expected)
    {
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1));
            if (afterTerminal)
            {
                await context.Response.WriteLineAndFlushAsync(TestEvent.Done);
            }
            await context.Response.WriteLineAndFlushAsync(
                "{\"type\":\"error\",\"http_error_code\":503,\"error_description\":\"model overloaded\"}");
        });
        using var client = server.CreateClient();

        var (events, error) = await ConsumeAsync(TestEvent.Stream(client));

        Assert.That(events, Has.Count.EqualTo(afterTerminal ? 2 : 1));
        Assert.That(error, Is.TypeOf<AmigoStreamErrorEventException>());
        var errorEvent = (AmigoStreamErrorEventException)error!;
        Assert.That(errorEvent.Phase, Is.EqualTo(expected));
        Assert.That(errorEvent.InteractionVoided, Is.EqualTo(!afterTerminal));
        Assert.That(errorEvent.HttpErrorCode, Is.EqualTo(503));
        Assert.That(errorEvent.ErrorDescription, Is.EqualTo("model overloaded"));
        Assert.That(errorEvent.Message, Does.Contain(afterTerminal ? "finish-conversation" : "retry it"));
    }

    [Test]
    public async Task WithYieldErrorEventsTheErrorEventIsYieldedAndTheStreamEndsNormally()
    {
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1));
            await context.Response.WriteLineAndFlushAsync(
                "{\"type\":\"error\",\"http_error_code\":500,\"error_description\":\"boom\"}");
        });
        using var client = server.CreateClient();

        var (events, error) = await ConsumeAsync(TestEvent.Stream(client, new AmigoStreamOptions { YieldErrorEvents = true }));

        Assert.That(error, Is.Null);
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "item", "error" }));
        Assert.That(events[1].HttpErrorCode, Is.EqualTo(500));
    }

    [Test]
    public async Task ANonSuccessStatusIsReportedInsteadOfParsedAsEvents()
    {
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("<html>down</html>");
        });
        using var client = server.CreateClient();

        var (_, error) = await ConsumeAsync(TestEvent.Stream(client));

        Assert.That(error, Is.TypeOf<AmigoStreamException>());
        Assert.That(error!.Message, Does.Contain(((int)HttpStatusCode.ServiceUnavailable).ToString()));
    }
}
