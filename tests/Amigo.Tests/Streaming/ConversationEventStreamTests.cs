using System.Text;
using Amigo.Generated;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Streaming;

[TestFixture]
public partial class ConversationEventStreamTests
{
    private static Task<StreamingTestServer> ServeAsync(params string[] lines) =>
        StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            foreach (var line in lines)
            {
                await context.Response.WriteLineAndFlushAsync(line);
            }
        });

    [Test]
    public async Task EventsComeThroughTypedIncludingUnknownEventsAndActionsWithTheirRawJson()
    {
        await using var server = await ServeAsync(
            ConversationEvents.UserMessage("Hi"),
            ConversationEvents.UnknownAction,
            ConversationEvents.UnknownEvent,
            ConversationEvents.TextPiece("Hello", 0, stop: true),
            ConversationEvents.Complete("Hello"));
        using var client = server.CreateClient();

        var seen = new List<string>();
        await foreach (var e in ConversationEvents.Stream(client))
        {
            switch (e)
            {
                case UserMessageAvailableEvent user:
                    seen.Add("user:" + user.UserMessage);
                    break;
                case CurrentAgentActionEvent { Action: UnknownConversationAction action }:
                    seen.Add("unknown action:" + action.Type + ":" + action.RawJson["style"]);
                    break;
                case UnknownConversationEvent unknown:
                    seen.Add("unknown event:" + unknown.Type + ":" + unknown.RawJson["at"]);
                    break;
                case NewMessageEvent piece:
                    seen.Add("piece:" + piece.Message);
                    break;
                case InteractionCompleteEvent complete:
                    seen.Add("complete:" + complete.InteractionId);
                    break;
            }
        }

        Assert.That(seen, Is.EqualTo(new[]
        {
            "user:Hi", "unknown action:dance-started:salsa", "unknown event:agent-mood-changed:2024-05-01T12:30:00Z",
            "piece:Hello", "complete:" + ConversationEvents.InteractionId,
        }));
    }

    [Test]
    public async Task CollectGathersTheTextTurn()
    {
        await using var server = await ServeAsync(
            ConversationEvents.Created("65f1c0ffee0123456789abcd"),
            ConversationEvents.UserMessage("What's the weather?"),
            ConversationEvents.FragmentAction,
            ConversationEvents.ActionTooLong("One moment while I look that up."),
            ConversationEvents.UnknownEvent,
            ConversationEvents.TextPiece("Sunny ", 0),
            ConversationEvents.TextPiece("all day.", 1, stop: true),
            ConversationEvents.Complete("Sunny all day.", conversationCompleted: true));
        using var client = server.CreateClient();

        var result = await ConversationEvents.Stream(client).CollectAsync();

        Assert.That(result.AgentMessage, Is.EqualTo("Sunny all day."));
        Assert.That(result.MessageId, Is.EqualTo(ConversationEvents.MessageId));
        Assert.That(result.InteractionId, Is.EqualTo(ConversationEvents.InteractionId));
        Assert.That(result.ConversationCompleted, Is.True);
        Assert.That(result.ConversationId, Is.EqualTo("65f1c0ffee0123456789abcd"));
        Assert.That(result.UserMessage, Is.EqualTo("What's the weather?"));
        Assert.That(result.AgentActions.Select(a => a.GetType()),
            Is.EqualTo(new[] { typeof(EngageUserMessageFragmentGeneratedEvent), typeof(ActionTooLongEvent) }));
        Assert.That(((ActionTooLongEvent)result.AgentActions[1]).GetFiller().Text, Is.EqualTo("One moment while I look that up."));
        Assert.That(result.UnknownEvents.Single().Type, Is.EqualTo("agent-mood-changed"));
        Assert.That(result.Audio, Is.Null);
        Assert.That(result.TranscriptAlignment, Is.Empty);
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public async Task CollectGathersTheVoiceTurnsAudioAndTranscriptAlignment()
    {
        byte[] first = [1, 0, 2, 0, 3, 0];
        byte[] second = [4, 0, 5, 0];
        await using var server = await ServeAsync(
            ConversationEvents.UserMessage("transcribed question"),
            ConversationEvents.VoicePiece(first, [[0, "H"], [120, "i"]], 0),
            ConversationEvents.VoicePiece(second, null, 1, stop: true),
            ConversationEvents.Complete("Hi"));
        using var client = server.CreateClient();

        var result = await ConversationEvents.Stream(client, Format.Voice).CollectAsync();

        Assert.That(result.Audio, Is.EqualTo(first.Concat(second).ToArray()));
        Assert.That(result.TranscriptAlignment, Is.EqualTo(new[]
        {
            new TranscriptAlignmentPoint(0, "H"), new TranscriptAlignmentPoint(120, "i"),
        }));
        Assert.That(result.TranscriptAlignment[1].Offset, Is.EqualTo(TimeSpan.FromMilliseconds(120)));
        Assert.That(result.AgentMessage, Is.EqualTo("Hi"));
        Assert.That(result.UserMessage, Is.EqualTo("transcribed question"));
    }

    [TestCase(false, StreamErrorPhase.BeforeInteractionComplete)]
    [TestCase(true, StreamErrorPhase.AfterInteractionComplete)]
    public async Task AnErrorEventThrowsWithItsPhaseCodeAndDescription(bool afterComplete, StreamErrorPhase expected)
    {
        var lines = new List<string> { ConversationEvents.UserMessage("Hi"), ConversationEvents.TextPiece("Hel", 0) };
        if (afterComplete)
        {
            lines.Add(ConversationEvents.Complete("Hello"));
        }
        lines.Add(ConversationEvents.Error(500, "post-processing failed"));
        await using var server = await ServeAsync([.. lines]);
        using var client = server.CreateClient();
        var received = new List<ConversationEvent>();

        var error = Assert.ThrowsAsync<AmigoStreamErrorEventException>(async () =>
        {
            await foreach (var e in ConversationEvents.Stream(client))
            {
                received.Add(e);
            }
        });

        Assert.That(received, Has.Count.EqualTo(lines.Count - 1));
        Assert.That(error!.Phase, Is.EqualTo(expected));
        Assert.That(error.HttpErrorCode, Is.EqualTo(500));
        Assert.That(error.ErrorDescription, Is.EqualTo("post-processing failed"));
        Assert.That(error.Operation, Is.EqualTo("interact-with-conversation"));
    }

    [Test]
    public async Task WithYieldErrorEventsAnErrorAfterCompletionIsInTheResult()
    {
        await using var server = await ServeAsync(
            ConversationEvents.TextPiece("Done.", 0, stop: true),
            ConversationEvents.Complete("Done."),
            ConversationEvents.Error(502, "analysis failed"));
        using var client = server.CreateClient();

        var result = await ConversationEvents.Stream(client, options: new AmigoStreamOptions { YieldErrorEvents = true }).CollectAsync();

        Assert.That(result.AgentMessage, Is.EqualTo("Done."));
        Assert.That(result.Errors.Single().HttpErrorCode, Is.EqualTo(502));
    }

    [Test]
    public async Task WithYieldErrorEventsAnErrorBeforeCompletionStillFailsCollect()
    {
        await using var server = await ServeAsync(ConversationEvents.TextPiece("Hel", 0), ConversationEvents.Error(503, "overloaded"));
        using var client = server.CreateClient();

        var error = Assert.ThrowsAsync<AmigoStreamErrorEventException>(() =>
            ConversationEvents.Stream(client, options: new AmigoStreamOptions { YieldErrorEvents = true }).CollectAsync());

        Assert.That(error!.Phase, Is.EqualTo(StreamErrorPhase.BeforeInteractionComplete));
        Assert.That(error.HttpErrorCode, Is.EqualTo(503));
    }

    [Test]
    public async Task ATurnThatEndsBeforeInteractionCompleteThrowsEndedEarly()
    {
        await using var server = await ServeAsync(ConversationEvents.UserMessage("Hi"), ConversationEvents.TextPiece("Hel", 0));
        using var client = server.CreateClient();

        Assert.ThrowsAsync<AmigoStreamEndedEarlyException>(() => ConversationEvents.Stream(client).CollectAsync());
    }

    [Test]
    public async Task TheReplyIsWrittenAsItStreams()
    {
        var writer = new SignallingWriter();
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.TextPiece("Sunny ", 0));
            // The rest is only sent once the first piece has been printed.
            await writer.FirstWrite.WaitAsync(context.RequestAborted);
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.TextPiece("all day.", 1, stop: true));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Complete("Sunny all day."));
        });
        using var client = server.CreateClient();

        var result = await ConversationEvents.Stream(client).WriteAgentReplyToAsync(writer);

        Assert.That(writer.ToString(), Is.EqualTo("Sunny all day." + Environment.NewLine));
        Assert.That(result.AgentMessage, Is.EqualTo("Sunny all day."));
    }

    [Test]
    public async Task CollectWithACallbackReceivesEachPieceAndForVoiceTheTranscript()
    {
        await using var server = await ServeAsync(
            ConversationEvents.VoicePiece([1, 0], [[0, "O"]], 0),
            ConversationEvents.VoicePiece([2, 0], [[50, "k"]], 1, stop: true),
            ConversationEvents.Complete("Ok"));
        using var client = server.CreateClient();
        var pieces = new List<string>();

        await ConversationEvents.Stream(client, Format.Voice).CollectAsync(pieces.Add);

        Assert.That(pieces, Is.EqualTo(new[] { "Ok" }));
    }

    private sealed class SignallingWriter : StringWriter
    {
        public Signal FirstWrite { get; } = new("first piece printed");

        public override Task WriteAsync(string? value)
        {
            Write(value);
            FirstWrite.Set();
            return Task.CompletedTask;
        }
    }
}
