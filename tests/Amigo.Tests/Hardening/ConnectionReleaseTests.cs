using Amigo.Generated;
using Amigo.Tests.Streaming;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Hardening;

/// <summary>
/// Issue 10, item 6 and the acceptance across the hardening items: every failure is typed (an
/// <see cref="AmigoException"/>), and no server-side connection stays open once the client is disposed. Each kind
/// runs several times with a fresh client, as a leak shows up as connections that pile up.
/// </summary>
[TestFixture]
public sealed class ConnectionReleaseTests
{
    private const int Runs = 10;
    private const string ConversationId = "65f1c0ffee0123456789abcd";

    /// <summary>One kind of failure: a server script, and a call that meets it.</summary>
    /// <param name="Server">The server's script, given the probe of the client of the current run.</param>
    public sealed record FailureKind(string Name, Func<Func<ClientReadProbe>, RequestDelegate> Server, Func<AmigoClient, Task> Call, Action<AmigoClientOptions>? Configure = null)
    {
        public override string ToString() => Name;
    }

    private static ConversationEventStream Create(AmigoClient client) =>
        client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "65f1c0ffee0123456789abce" });

    private static async Task ListAsync(AmigoClient client)
    {
        await foreach (var _ in client.Conversations.GetConversationsAsync())
        {
        }
    }

    private static RequestDelegate WithSignIn(RequestDelegate handler) => context =>
        HostileServer.IsSignIn(context) ? HostileServer.SignInAsync(context) : handler(context);

    private static IEnumerable<FailureKind> Kinds()
    {
        yield return new("Retry-After NaN on interact", _ => WithSignIn(async context =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "NaN";
            await context.Response.WriteAsync("maintenance");
        }), client => client.Conversations.InteractAsync(ConversationId, InteractionInput.Text("hi")).CollectAsync());

        yield return new("Retry-After NaN on a GET", _ => WithSignIn(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "NaN";
            await context.Response.WriteAsync("slow down");
        }), ListAsync, o => o.Retry.MaxRetries = 0);

        yield return new("gzip corrupt mid-stream", probe => WithSignIn(context => UntypedFailureTests.CorruptGzipStream(probe())(context)), client => Create(client).CollectAsync());

        yield return new("corrupt gzip GET", _ => WithSignIn(async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(Gzip.Garbage);
        }), ListAsync, o => o.Retry.MaxRetries = 0);

        yield return new("token with CR LF", _ => async context =>
        {
            if (HostileServer.IsSignIn(context))
            {
                await HostileServer.SignInAsync(context, "eyJhbGciOiJIUzI1NiJ9.e30.sig\r\nX: y");
            }
        }, client => client.Conversations.FinishConversationAsync(ConversationId));

        yield return new("sign-in redirected", _ => context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "http://attacker.invalid/";
            return Task.CompletedTask;
        }, client => client.Conversations.FinishConversationAsync(ConversationId));

        yield return new("body over the size limit", _ => WithSignIn(async context =>
        {
            context.Response.ContentType = "application/json";
            var filler = new byte[64 * 1024];
            for (var i = 0; i < 64 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(filler, context.RequestAborted).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }), ListAsync, o => o.MaxResponseBodySize = 256 * 1024);

        yield return new("401 on a voice upload", _ => WithSignIn(async context =>
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("no");
        }), client => client.Conversations.InteractAsync(ConversationId,
            InteractionInput.Voice(new MemoryStream(new byte[32_000]), new PCMUserMessageAudioConfig { FrameRate = 16000, NChannels = 1, SampleWidth = 2 })).CollectAsync());

        yield return new("unreadable stream line", _ => WithSignIn(async context =>
        {
            await context.Response.StartNdjsonAsync(StatusCodes.Status201Created);
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Created(ConversationId));
            await context.Response.WriteLineAndFlushAsync("""{"type":"new-message","message":tru""");
            await context.WaitForClientToLeaveAsync();
        }), client => Create(client).CollectAsync());

        yield return new("error event mid-stream", _ => WithSignIn(async context =>
        {
            await context.Response.StartNdjsonAsync(StatusCodes.Status201Created);
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Created(ConversationId));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Error(500, "boom"));
            await context.WaitForClientToLeaveAsync();
        }), client => Create(client).CollectAsync());
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task Every_failure_is_typed_and_no_connection_stays_open_after_Dispose(FailureKind kind)
    {
        var probe = new ClientReadProbe();
        await using var server = await HostileServer.StartAsync(kind.Server(() => Volatile.Read(ref probe)));

        for (var run = 0; run < Runs; run++)
        {
            // The client's own transport, with a probe in front; a transport passed in is not the client's to dispose.
            Volatile.Write(ref probe, new ClientReadProbe());
            using var transport = HostileServer.Transport(probe);
            using (var client = server.CreateClient(kind.Configure, transport))
            {
                var error = Assert.CatchAsync(() => kind.Call(client));
                Assert.That(error, Is.InstanceOf<AmigoException>(), $"run {run}: {error}");
            }
        }

        await server.Connections.WaitUntilAsync(c => c.Open == 0, "every connection closed after Dispose");
    }
}
