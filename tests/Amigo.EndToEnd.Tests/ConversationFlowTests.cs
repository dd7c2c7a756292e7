using Amigo.Generated;

namespace Amigo.EndToEnd.Tests;

/// <summary>Every conversation operation, through the SDK, against the emulator over real HTTP.</summary>
public partial class ConversationFlowTests
{
    [Test]
    public async Task A_text_conversation_from_start_to_finish()
    {
        await using var session = await EmulatorSession.StartAsync();
        var conversations = session.Client.Conversations;

        var request = new CreateConversationRequest { ServiceId = EmulatorSession.ServiceId };
        TagOnCreate(request);
        var created = await conversations.CreateAsync(request).CollectAsync();
        var conversationId = created.ConversationId!;
        Assert.That(created.AgentMessage, Is.Not.Empty);

        var turn = await conversations.InteractAsync(conversationId, InteractionInput.Text("I'd like to book a table")).CollectAsync();
        Assert.That(turn.UserMessage, Is.EqualTo("I'd like to book a table"));
        Assert.That(turn.AgentMessage, Does.Contain("book a table"));
        Assert.That(turn.AgentActions, Is.Not.Empty);
        Assert.That(turn.AgentActions.OfType<ActionTooLongEvent>(), Is.Not.Empty);

        var external = await conversations.InteractAsync(conversationId, InteractionInput.ExternalEvent("The user paid the deposit")).CollectAsync();
        var skipped = await conversations.InteractAsync(conversationId, InteractionInput.Skip()).CollectAsync();
        Assert.That(external.InteractionId, Is.Not.EqualTo(skipped.InteractionId));

        var insights = await conversations.GetInteractionInsightsAsync(conversationId, turn.InteractionId);
        Assert.That(insights.CurrentStateName, Is.Not.Empty);

        var recommendations = await conversations.RecommendResponsesForInteractionAsync(conversationId, skipped.InteractionId, new RecommendResponsesForInteractionRequest());
        Assert.That(recommendations.RecommendedResponses, Is.Not.Empty);

        Assert.ThrowsAsync<AmigoBadRequestException>(() => conversations.GetMessageSourceAsync(conversationId, turn.MessageId), "text messages have no audio source");

        var tagging = Task.CompletedTask;
        ModifyTags(conversations, conversationId, ref tagging);
        await tagging;
        var listed = new List<ConversationInstance>();
        await foreach (var c in conversations.GetConversationsAsync(new GetConversationsOptions { Id = [conversationId] }))
            listed.Add(c);
        Assert.That(listed.Single().Id, Is.EqualTo(conversationId));
        AssertModifiedTags(listed.Single());

        var messages = new List<MessageInstance>();
        await foreach (var m in conversations.GetConversationMessagesAsync(conversationId, new GetConversationMessagesOptions { PageSize = 2 }))
            messages.Add(m);
        Assert.That(messages.Select(m => m.Id), Is.Unique);
        Assert.That(messages.Select(m => m.Message), Does.Contain("I'd like to book a table"));

        var starters = await conversations.GenerateConversationStarterAsync(new GenerateConversationStarterRequest { ServiceId = EmulatorSession.ServiceId, Facets = ["booking"], MinCount = 1, MaxCount = 3, GenerationInstructions = "Short and friendly." });
        Assert.That(starters.Prompts, Is.Not.Empty);

        await conversations.FinishConversationAsync(conversationId);
        Assert.ThrowsAsync<AmigoConflictException>(async () => await conversations.InteractAsync(conversationId, InteractionInput.Text("still there?")).CollectAsync());
    }

    /// <summary>The newest release's conversation tags (ConversationFlowTests.Tags.cs): the tag the conversation is created with.</summary>
    static partial void TagOnCreate(CreateConversationRequest request);

    /// <summary>Sets <paramref name="tagging"/> to the call that changes the tags created with (ConversationFlowTests.Tags.cs).</summary>
    static partial void ModifyTags(ConversationsResource conversations, string conversationId, ref Task tagging);

    /// <summary>The conversation as listed carries the modified tags (ConversationFlowTests.Tags.cs).</summary>
    static partial void AssertModifiedTags(ConversationInstance listed);

    [Test]
    public async Task A_voice_turn_uploads_pcm_and_streams_audio_back()
    {
        await using var session = await EmulatorSession.StartAsync();
        var conversations = session.Client.Conversations;
        var created = await conversations.CreateAsync(new CreateConversationRequest { ServiceId = EmulatorSession.ServiceId }).CollectAsync();

        using var pcm = new MemoryStream(SineWave(frameRate: 16000, seconds: 0.5));
        var turn = await conversations.InteractAsync(created.ConversationId!,
            InteractionInput.Voice(pcm, new PCMUserMessageAudioConfig { FrameRate = 16000, NChannels = 1, SampleWidth = 2 }),
            new ConversationTurnOptions { ResponseFormat = Format.Voice }).CollectAsync();

        Assert.That(turn.UserMessage, Is.Not.Empty, "the emulator's transcript of the upload");
        Assert.That(turn.Audio, Is.Not.Null.And.Not.Empty);
        Assert.That(turn.Audio!.Length % 2, Is.Zero, "PCM16 samples");
        Assert.That(turn.TranscriptAlignment, Is.Not.Empty);
        Assert.That(turn.AgentMessage, Is.Not.Empty, "the transcript of the agent's voice reply");
        var source = await conversations.GetMessageSourceAsync(created.ConversationId!, turn.MessageId, longLived: true);
        Assert.That(source, Is.Not.Null);

        var upload = session.Emulator.Requests.Single(r => r.Path.EndsWith("/interact", StringComparison.Ordinal));
        Assert.That(upload.Query, Does.Contain("request_format=voice"));
    }

    [Test]
    public async Task The_spec_rules_come_back_as_typed_errors()
    {
        await using var session = await EmulatorSession.StartAsync();
        var conversations = session.Client.Conversations;
        var first = await conversations.CreateAsync(new CreateConversationRequest { ServiceId = EmulatorSession.ServiceId }).CollectAsync();

        // The spec answers 400 when the user already has an unfinished conversation with the service.
        var second = Assert.ThrowsAsync<AmigoBadRequestException>(async () =>
            await conversations.CreateAsync(new CreateConversationRequest { ServiceId = EmulatorSession.ServiceId }).CollectAsync());
        Assert.That(second!.Message, Does.Contain("unfinished"));

        Assert.ThrowsAsync<AmigoNotFoundException>(() => conversations.FinishConversationAsync("0123456789abcdef01234567"));
        await conversations.FinishConversationAsync(first.ConversationId!);
    }

    internal static byte[] SineWave(int frameRate, double seconds)
    {
        var samples = (int)(frameRate * seconds);
        var bytes = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * 440 * i / frameRate) * short.MaxValue * 0.3);
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 2, 2), value);
        }
        return bytes;
    }
}
