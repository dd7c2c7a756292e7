using System.Text;
using Amigo.Generated;
using Amigo.Tests.Streaming;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Hardening;

/// <summary>Issue 10, item 11: the smaller defects, each on real sockets.</summary>
[TestFixture]
public sealed class SmallerIssuesTests
{
    private const string ConversationId = "65f1c0ffee0123456789abcd";

    [Test]
    public async Task A_call_whose_token_is_already_cancelled_sends_nothing_not_even_a_sign_in()
    {
        await using var server = await HostileServer.StartWithSignInAsync(context =>
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        using var client = server.CreateClient();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(() => client.Conversations.FinishConversationAsync(ConversationId, cancellationToken: cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(() => client.Conversations.Client.FinishConversationAsync(ConversationId, client.OrganizationId, cancellationToken: cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(() => client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "65f1c0ffee0123456789abce" }, cancellationToken: cancelled.Token).CollectAsync(),
            Throws.InstanceOf<OperationCanceledException>());

        // A sign-in would run in the background (it is shared by concurrent calls): none was started.
        Assert.That(((ApiKeyTokenSource)client.Context.Runtime.TokenSource).HasTokenOrSignIn, Is.False);
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task A_token_that_is_already_expired_costs_one_sign_in_not_one_per_call()
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            if (HostileServer.IsSignIn(context))
            {
                // A server whose clock is an hour behind, or a token issued expired.
                await HostileServer.SignInAsync(context, expiresAt: DateTimeOffset.UtcNow.AddHours(-1));
                return;
            }

            context.Response.StatusCode = 204;
        });
        using var client = server.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            await client.Conversations.FinishConversationAsync(ConversationId);
        }

        Assert.That(server.SignIns, Is.EqualTo(1));
    }

    [Test]
    public async Task A_second_interaction_complete_does_not_replace_the_first()
    {
        await using var server = await HostileServer.StartWithSignInAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.UserMessage("hi"));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.TextPiece("First.", 0, stop: true));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Complete("First."));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.TextPiece("Second.", 0, stop: true));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Complete("Second.", conversationCompleted: true));
        });
        using var client = server.CreateClient();
        var text = new StringBuilder();

        var result = await client.Conversations.InteractAsync(ConversationId, InteractionInput.Text("hi")).CollectAsync(piece => text.Append(piece));

        Assert.That(result.AgentMessage, Is.EqualTo("First."));
        Assert.That(result.ConversationCompleted, Is.False);
        Assert.That(text.ToString(), Is.EqualTo("First."), "events after the turn completed are not part of it");
        Assert.That(result.EventsAfterCompletion.Select(e => e.GetType()), Is.EqualTo(new[] { typeof(NewMessageEvent), typeof(InteractionCompleteEvent) }));
    }

    [TestCase("30", 30)]
    [TestCase("0", 0)]
    [TestCase("2000000000", null)]
    public async Task X_RateLimit_Reset_is_read_as_seconds_from_now_or_as_epoch_seconds(string header, int? secondsFromNow)
    {
        await using var server = await HostileServer.StartWithSignInAsync(context =>
        {
            context.Response.Headers["X-RateLimit-Limit"] = "15";
            context.Response.Headers["X-RateLimit-Remaining"] = "14";
            context.Response.Headers["X-RateLimit-Reset"] = header;
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        AmigoRateLimitInfo? observed = null;
        using var client = server.CreateClient(o => o.RateLimitObserved = info => observed = info.Operation == "finish-conversation" ? info : observed);

        var before = DateTimeOffset.UtcNow;
        await client.Conversations.FinishConversationAsync(ConversationId);
        var after = DateTimeOffset.UtcNow;

        Assert.That(observed, Is.Not.Null);
        if (secondsFromNow is { } delay)
        {
            Assert.That(observed!.ResetAt, Is.InRange(before.AddSeconds(delay), after.AddSeconds(delay)));
        }
        else
        {
            Assert.That(observed!.ResetAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(2_000_000_000)));
        }
    }

    [TestCase(3)]
    [TestCase(0)]
    public async Task A_GET_whose_connection_closes_without_an_answer_reaches_the_server_at_most_MaxRetries_plus_one_times(int maxRetries)
    {
        await using var server = new RawTcpServer((_, _) => Task.FromResult(false));
        using var client = new AmigoClient(new AmigoClientOptions
        {
            OrganizationId = HostileServer.Organization,
            BaseUrl = server.BaseAddress,
            Credential = AmigoCredential.FromBearerToken("eyJhbGciOiJIUzI1NiJ9.e30.sig"),
            Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1) },
        });

        var error = Assert.CatchAsync(async () =>
        {
            await foreach (var _ in client.Conversations.GetConversationsAsync())
            {
            }
        });

        Assert.That(error, Is.TypeOf<AmigoNetworkException>());
        Assert.That(server.Requests, Is.EqualTo(maxRetries + 1));
    }

    [Test]
    public async Task A_body_less_POST_whose_connection_closes_without_an_answer_is_sent_once()
    {
        await using var server = new RawTcpServer((_, _) => Task.FromResult(false));
        using var client = new AmigoClient(new AmigoClientOptions
        {
            OrganizationId = HostileServer.Organization,
            BaseUrl = server.BaseAddress,
            Credential = AmigoCredential.FromBearerToken("eyJhbGciOiJIUzI1NiJ9.e30.sig"),
        });

        Assert.That(() => client.Conversations.FinishConversationAsync(ConversationId), Throws.TypeOf<AmigoNetworkException>());
        Assert.That(server.Requests, Is.EqualTo(1), "finishing is not idempotent: it must not be re-sent behind the caller's back");
    }

    /// <summary>
    /// A limit of the platform, documented in the README: SocketsHttpHandler copies a chunk's data into the caller's
    /// buffer and then parses the next chunk header in the same read; when that header is malformed, the read fails
    /// and the data it had copied is lost with it. Events from earlier reads are delivered, and the failure is typed.
    /// </summary>
    [Test]
    public async Task A_malformed_chunk_header_loses_only_the_events_of_the_same_network_read()
    {
        var probe = new ClientReadProbe();
        string[] lines = [ConversationEvents.Created(ConversationId), ConversationEvents.TextPiece("Hel", 0), ConversationEvents.TextPiece("lo", 1)];
        static string Chunk(string line) => $"{Encoding.UTF8.GetByteCount(line) + 1:x}\r\n{line}\n\r\n";
        await using var server = new RawTcpServer(async (stream, _) =>
        {
            await RawTcpServer.WriteAsync(stream, "HTTP/1.1 201 Created\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n");
            long expected = 0;
            foreach (var line in lines[..2])
            {
                await RawTcpServer.WriteAsync(stream, Chunk(line));
                expected += Encoding.UTF8.GetByteCount(line) + 1;
                await probe.WaitForBytesAsync(expected);
            }

            // The third event and a chunk header that is not hexadecimal, in one write.
            await RawTcpServer.WriteAsync(stream, Chunk(lines[2]) + "zz\r\n");
            await RawTcpServer.WaitForClientToLeaveAsync(stream);
            return false;
        });
        using var client = new AmigoClient(new AmigoClientOptions
        {
            OrganizationId = HostileServer.Organization,
            BaseUrl = server.BaseAddress,
            Credential = AmigoCredential.FromBearerToken("eyJhbGciOiJIUzI1NiJ9.e30.sig"),
        }, HostileServer.Transport(probe));

        var events = new List<ConversationEvent>();
        var error = Assert.CatchAsync(async () =>
        {
            await foreach (var e in client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "65f1c0ffee0123456789abce" }))
            {
                events.Add(e);
            }
        });

        Assert.That(error, Is.TypeOf<AmigoStreamEndedEarlyException>());
        Assert.That(((AmigoStreamEndedEarlyException)error!).ConnectionBroken, Is.True);
        Assert.That(events.Select(e => e.GetType()), Is.EqualTo(new[] { typeof(ConversationCreatedEvent), typeof(NewMessageEvent) }),
            "the platform drops the third event with the malformed header read with it");
    }
}
