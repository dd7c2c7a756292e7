// Requires: InteractWithConversationInitialMessageType
using Amigo.Generated;
using Amigo.Tests.TestServer;

namespace Amigo.Tests.Streaming;

/// <summary>The generated client's interact form (initial_message_type and the rest), which only the newest spec release has.</summary>
public partial class ConversationEventStreamTests
{
    [Test]
    public async Task TheGeneratedClientsStreamedAnswerIsReadIncrementally()
    {
        var release = new Signal("release");
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.UserMessage("Hi"));
            await release.WaitAsync(context.RequestAborted);
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Complete("Hello"));
        });
        using var client = server.CreateClient();
        var generated = new ConversationClient(client);
        var stream = ConversationEventStream.Create(
            "interact-with-conversation", Format.Text,
            token => generated.InteractWithConversationAsync(
                "65f1c0ffee0123456789abcd", "acme", Format.Text, Format.Text,
                initialMessageType: InteractWithConversationInitialMessageType.UserMessage, recordedMessage: "Hi",
                externalEventMessageContent: [], externalEventMessageTimestamp: [], cancellationToken: token),
            new AmigoStreamOptions(), CancellationToken.None);
        await using var events = stream.GetAsyncEnumerator();

        Assert.That(await events.MoveNextAsync(), Is.True);
        Assert.That(events.Current, Is.InstanceOf<UserMessageAvailableEvent>());
        release.Set();
        Assert.That(await events.MoveNextAsync(), Is.True);
        Assert.That(events.Current, Is.InstanceOf<InteractionCompleteEvent>());
        Assert.That(await events.MoveNextAsync(), Is.False);
    }
}
