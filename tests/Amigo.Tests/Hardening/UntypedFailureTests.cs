using Amigo.Generated;
using Amigo.Tests.Streaming;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Hardening;

/// <summary>
/// Issue 10, item 5: failures that used to escape <c>catch (AmigoException)</c> untyped: corrupt or truncated gzip,
/// <c>Retry-After: NaN</c>, and a token with CR or LF in it (which was also cached, failing every later call).
/// </summary>
[TestFixture]
public sealed class UntypedFailureTests
{
    private static ConversationEventStream Create(AmigoClient client) =>
        client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "65f1c0ffee0123456789abce" });

    /// <summary>
    /// Streams two events gzipped, then bytes no decoder accepts. The garbage waits until the client has read the
    /// events (<paramref name="probe"/>): a decoder that gets both in one read fails before it yields anything.
    /// </summary>
    internal static RequestDelegate CorruptGzipStream(ClientReadProbe probe) => async context =>
    {
        string[] lines = [ConversationEvents.Created("65f1c0ffee0123456789abcd"), ConversationEvents.TextPiece("Hel", 0)];
        context.Response.Headers.ContentEncoding = "gzip";
        await context.Response.StartNdjsonAsync(StatusCodes.Status201Created);
        var before = probe.BytesRead;
        foreach (var piece in Gzip.Pieces(lines))
        {
            await context.Response.WriteAndFlushAsync(piece);
        }

        await probe.WaitForBytesAsync(before + lines.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l) + 1));
        await context.Response.WriteAndFlushAsync(Gzip.Garbage);
        await context.WaitForClientToLeaveAsync();
    };

    [Test]
    public async Task Gzip_that_turns_corrupt_mid_stream_is_an_AmigoStreamException_after_every_earlier_event()
    {
        var probe = new ClientReadProbe();
        await using var server = await HostileServer.StartWithSignInAsync(CorruptGzipStream(probe));
        using var client = server.CreateClient(transport: HostileServer.Transport(probe));

        var events = new List<ConversationEvent>();
        var error = Assert.CatchAsync(async () =>
        {
            await foreach (var e in Create(client))
            {
                events.Add(e);
            }
        });

        Assert.That(error, Is.TypeOf<AmigoStreamException>());
        Assert.That(error!.Message, Does.Contain("could not be decompressed"));
        Assert.That(events.Select(e => e.GetType()), Is.EqualTo(new[] { typeof(ConversationCreatedEvent), typeof(NewMessageEvent) }));
    }

    [TestCase("corrupt")]
    [TestCase("truncated")]
    public async Task A_GET_with_a_bad_gzip_body_is_an_AmigoDecodeException(string kind)
    {
        var valid = Gzip.Compress("""{"conversations":[],"has_more":false,"continuation_token":null}""");
        var body = kind == "corrupt" ? [.. valid[..10], .. Gzip.Garbage] : valid[..(valid.Length / 2)];
        await using var server = await HostileServer.StartWithSignInAsync(async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body);
        });
        using var client = server.CreateClient(o => o.Retry.MaxRetries = 0);

        var error = Assert.CatchAsync(async () =>
        {
            await foreach (var _ in client.Conversations.GetConversationsAsync())
            {
            }
        });

        Assert.That(error, Is.TypeOf<AmigoDecodeException>());
        Assert.That(((AmigoDecodeException)error!).Operation, Is.EqualTo("get-conversations"));
    }

    [Test]
    public async Task An_error_status_with_a_corrupt_gzip_body_keeps_its_typed_error()
    {
        await using var server = await HostileServer.StartWithSignInAsync(async context =>
        {
            context.Response.StatusCode = 404;
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(Gzip.Garbage);
        });
        using var client = server.CreateClient();

        Assert.ThrowsAsync<AmigoNotFoundException>(() => client.Conversations.FinishConversationAsync("65f1c0ffee0123456789abcd"));
    }

    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("-Infinity")]
    public async Task Retry_After_that_is_not_a_number_counts_as_absent_on_a_429(string retryAfter)
    {
        await using var server = await HostileServer.StartWithSignInAsync(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = retryAfter;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"detail":"slow down"}""");
        });
        using var client = server.CreateClient(o =>
        {
            o.Retry.MaxRetries = 1;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        });

        var error = Assert.CatchAsync(async () =>
        {
            await foreach (var _ in client.Conversations.GetConversationsAsync())
            {
            }
        });

        Assert.That(error, Is.TypeOf<AmigoRateLimitedException>());
        Assert.That(((AmigoRateLimitedException)error!).RetryAfter, Is.Null);
        Assert.That(server.Requests.Count(r => r.Method == "GET"), Is.EqualTo(2), "retried after the usual backoff");
    }

    [Test]
    public async Task Retry_After_NaN_on_a_503_to_interact_is_a_typed_error()
    {
        await using var server = await HostileServer.StartWithSignInAsync(async context =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "NaN";
            await context.Response.WriteAsync("maintenance");
        });
        using var client = server.CreateClient();

        var error = Assert.CatchAsync(() => client.Conversations.InteractAsync("65f1c0ffee0123456789abcd", InteractionInput.Text("hi")).CollectAsync());

        Assert.That(error, Is.TypeOf<AmigoServiceUnavailableException>());
    }

    [TestCase("eyJhbGciOiJIUzI1NiJ9.e30.sig\r\nX-Injected: yes")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.e30.sig\n")]
    public async Task A_sign_in_token_with_CR_or_LF_is_a_typed_error_and_is_never_cached(string badToken)
    {
        var signIns = 0;
        await using var server = await HostileServer.StartAsync(async context =>
        {
            if (HostileServer.IsSignIn(context))
            {
                await HostileServer.SignInAsync(context, Interlocked.Increment(ref signIns) == 1 ? badToken : "eyJhbGciOiJIUzI1NiJ9.e30.good");
                return;
            }

            context.Response.StatusCode = 204;
        });
        using var client = server.CreateClient();

        var error = Assert.CatchAsync(() => client.Conversations.FinishConversationAsync("65f1c0ffee0123456789abcd"));
        Assert.That(error, Is.TypeOf<AmigoDecodeException>());
        Assert.That(error!.Message, Does.Contain("id_token").And.Contain("control characters").And.Not.Contain("X-Injected"));

        await client.Conversations.FinishConversationAsync("65f1c0ffee0123456789abcd");
        Assert.That(signIns, Is.EqualTo(2), "the bad token was not cached: the next call signed in again");
        Assert.That(server.Requests.Last().Headers["Authorization"], Is.EqualTo("Bearer eyJhbGciOiJIUzI1NiJ9.e30.good"));
    }

    [Test]
    public async Task A_token_provider_returning_CR_or_LF_is_a_typed_error()
    {
        await using var server = await HostileServer.StartAsync(context =>
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        using var client = server.CreateClient(o => o.Credential = AmigoCredential.FromTokenProvider(_ => ValueTask.FromResult("abc\r\ndef")));

        var error = Assert.CatchAsync(() => client.Conversations.FinishConversationAsync("65f1c0ffee0123456789abcd"));

        Assert.That(error, Is.TypeOf<AmigoConfigurationException>());
        Assert.That(server.Requests, Is.Empty);
    }
}
