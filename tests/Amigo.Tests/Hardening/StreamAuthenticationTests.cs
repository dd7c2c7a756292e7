using Amigo.Generated;
using Amigo.Tests.Streaming;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Hardening;

/// <summary>
/// Issue 10, item 7: a 401 on a streamed turn always drops the rejected token; a turn whose body can be sent again is
/// replayed once (a 401 arrives before any body, so the turn never ran); a voice upload surfaces the 401, and the
/// next call signs in again.
/// </summary>
[TestFixture]
public sealed class StreamAuthenticationTests
{
    private const string ConversationId = "65f1c0ffee0123456789abcd";

    /// <summary>Sign-in hands out token-1, token-2...; the API rejects token-1 with 401 and streams a turn for any other.</summary>
    private static Task<HostileServer> ServerRejectingTheFirstTokenAsync()
    {
        var issued = 0;
        return HostileServer.StartAsync(async context =>
        {
            if (HostileServer.IsSignIn(context))
            {
                await HostileServer.SignInAsync(context, $"eyJhbGciOiJIUzI1NiJ9.e30.token-{Interlocked.Increment(ref issued)}");
                return;
            }

            if (context.Request.Headers.Authorization == "Bearer eyJhbGciOiJIUzI1NiJ9.e30.token-1")
            {
                context.Response.StatusCode = 401;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"detail":"token revoked"}""");
                return;
            }

            if (context.Request.HasFormContentType)
            {
                _ = await context.Request.ReadFormAsync();
            }

            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.UserMessage("hi"));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Complete("Hello."));
        });
    }

    private static int Turns(HostileServer server) => server.Requests.Count(r => r.Path.EndsWith("/interact", StringComparison.Ordinal));

    [TestCaseSource(nameof(ReplayableInputs))]
    public async Task A_401_on_a_turn_whose_body_can_be_sent_again_refreshes_the_token_and_replays_it_once(Func<InteractionInput> input)
    {
        await using var server = await ServerRejectingTheFirstTokenAsync();
        using var client = server.CreateClient();

        var result = await client.Conversations.InteractAsync(ConversationId, input()).CollectAsync();

        Assert.That(result.AgentMessage, Is.EqualTo("Hello."));
        Assert.That(server.SignIns, Is.EqualTo(2));
        Assert.That(Turns(server), Is.EqualTo(2), "the rejected turn, and its replay");
    }

    private static IEnumerable<TestCaseData> ReplayableInputs()
    {
        yield return new TestCaseData((Func<InteractionInput>)(() => InteractionInput.Text("hi"))).SetName("text");
        yield return new TestCaseData((Func<InteractionInput>)(() => InteractionInput.ExternalEvent("door opened"))).SetName("external event");
        yield return new TestCaseData((Func<InteractionInput>)InteractionInput.Skip).SetName("skip");
    }

    [Test]
    public async Task A_401_on_a_voice_upload_is_an_AmigoAuthenticationException_and_the_next_call_signs_in_again()
    {
        await using var server = await ServerRejectingTheFirstTokenAsync();
        using var client = server.CreateClient();
        var voice = InteractionInput.Voice(new MemoryStream(new byte[3200]), new PCMUserMessageAudioConfig { FrameRate = 16000, NChannels = 1, SampleWidth = 2 });

        var error = Assert.CatchAsync(() => client.Conversations.InteractAsync(ConversationId, voice).CollectAsync());

        Assert.That(error, Is.TypeOf<AmigoAuthenticationException>());
        Assert.That(Turns(server), Is.EqualTo(1), "a body read once is never sent again");

        var next = await client.Conversations.InteractAsync(ConversationId, InteractionInput.Text("hi")).CollectAsync();
        Assert.That(next.AgentMessage, Is.EqualTo("Hello."));
        Assert.That(server.SignIns, Is.EqualTo(2), "the rejected token was dropped, not reused");
        Assert.That(Turns(server), Is.EqualTo(2), "the next turn went out once, with the fresh token");
    }
}
