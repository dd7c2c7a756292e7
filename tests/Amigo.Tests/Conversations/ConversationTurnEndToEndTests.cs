using Amigo.Generated;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Conversations;

/// <summary>Both streaming endpoints against a real Kestrel server, for every kind of input.</summary>
public class ConversationTurnEndToEndTests
{
    private const string ConversationId = "65f1c0ffee0123456789abcd";

    private static async Task AnswerTurnAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        var kind = form?["initial_message_type"].ToString();
        var userText = form?.Files.GetFile("recorded_message") is { } file ? $"(voice, {file.Length} bytes)" : form?["recorded_message"].ToString();
        // create-conversation answers 201, interact 200 (as the spec documents).
        await context.Response.StartNdjsonAsync(form is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        if (form is null)
            await context.Response.WriteLineAndFlushAsync($$"""{"type":"conversation-created","conversation_id":"{{ConversationId}}"}""");
        else
            await context.Response.WriteLineAndFlushAsync($$"""{"type":"user-message-available","message_id":"u1","user_message":"{{kind}}: {{userText}}"}""");
        await context.Response.WriteLineAndFlushAsync("""{"type":"current-agent-action","action":{"type":"action-too-long","filler":"Hmm...","previously_started_event":{}}}""");
        await context.Response.WriteLineAndFlushAsync("""{"type":"new-message","message":"Hello, ","transcript_alignment":null,"stop":false,"sequence_number":0,"message_id":"a1"}""");
        await context.Response.WriteLineAndFlushAsync("""{"type":"new-message","message":"friend.","transcript_alignment":null,"stop":true,"sequence_number":1,"message_id":"a1"}""");
        await context.Response.WriteLineAndFlushAsync("""{"type":"interaction-complete","message_id":"a1","interaction_id":"i1","full_message":"Hello, friend.","conversation_completed":false}""");
    }

    private static AmigoClient Client(StreamingTestServer server) => new(new AmigoClientOptions
    {
        OrganizationId = "acme",
        BaseUrl = server.BaseAddress,
        Credential = AmigoCredential.FromBearerToken("token"),
    });

    [Test]
    public async Task Create_streams_the_first_turn()
    {
        await using var server = await StreamingTestServer.StartAsync(AnswerTurnAsync);
        using var client = Client(server);

        var events = new List<ConversationEvent>();
        await foreach (var e in client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "65f1c0ffee0123456789abce" }))
            events.Add(e);

        Assert.That(events[0], Is.InstanceOf<ConversationCreatedEvent>());
        Assert.That(events[^1], Is.InstanceOf<InteractionCompleteEvent>());
        Assert.That(((CurrentAgentActionEvent)events[1]).Action, Is.InstanceOf<ActionTooLongEvent>());
    }

    private static IEnumerable<TestCaseData> Inputs()
    {
        yield return new TestCaseData((Func<InteractionInput>)(() => InteractionInput.Text("hi")), "user-message: hi").SetName("text");
        yield return new TestCaseData((Func<InteractionInput>)(() => InteractionInput.Voice(new MemoryStream(new byte[3200]), new PCMUserMessageAudioConfig { FrameRate = 16000, NChannels = 1, SampleWidth = 2 })), "user-message: (voice, 3200 bytes)").SetName("voice");
        yield return new TestCaseData((Func<InteractionInput>)(() => InteractionInput.ExternalEvent("door opened")), "external-event: door opened").SetName("external event");
        yield return new TestCaseData((Func<InteractionInput>)InteractionInput.Skip, "skip: ").SetName("skip");
    }

    [TestCaseSource(nameof(Inputs))]
    public async Task Interact_works_end_to_end(Func<InteractionInput> input, string expectedUserMessage)
    {
        await using var server = await StreamingTestServer.StartAsync(AnswerTurnAsync);
        using var client = Client(server);

        var result = await client.Conversations.InteractAsync(ConversationId, input()).CollectAsync();

        Assert.That(result.UserMessage, Is.EqualTo(expectedUserMessage));
        Assert.That(result.AgentMessage, Is.EqualTo("Hello, friend."));
        Assert.That(result.InteractionId, Is.EqualTo("i1"));
        Assert.That(result.ConversationCompleted, Is.False);
    }
}
