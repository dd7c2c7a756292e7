using System.Net;
using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo.Tests.Resources;

[TestFixture]
public sealed partial class ConversationOperationsTests
{
    private const string Cid = RecordingApi.ConversationId;
    private const string Iid = RecordingApi.InteractionId;

    private RecordingApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new RecordingApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task List_SendsEveryFilter_AndReturnsTypedConversations()
    {
        _api.RespondWith(HttpStatusCode.OK, Samples.Page("conversations", [Samples.Conversation(Samples.Id(1))], false, null));
        var options = new GetConversationsOptions
        {
            UserId = ["user-1", "user 2"],
            ServiceId = [RecordingApi.ServiceId],
            IsFinished = true,
            Id = [Samples.Id(1), Samples.Id(2)],
            SortBy = ["+created_at"],
            PageSize = 25,
        };
        var expectedQuery = new List<(string, string)>
        {
            ("user_id", "user-1"), ("user_id", "user 2"),
            ("service_id", RecordingApi.ServiceId),
            ("is_finished", "true"),
            ("id", Samples.Id(1)), ("id", Samples.Id(2)),
            ("limit", "25"),
            ("sort_by", "+created_at"),
        };
        WithTagFilter(options, expectedQuery);

        var conversations = new List<ConversationInstance>();
        await foreach (var conversation in _api.Client.Conversations.GetConversationsAsync(options))
        {
            conversations.Add(conversation);
        }

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Get));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path("conversation/")));
        Assert.That(request.QueryPairs, Is.EqualTo(expectedQuery));
        Assert.That(request.Query, Does.Contain("sort_by=%2Bcreated_at"), "a literal '+' would reach the server as a space");
        Assert.That(request.Body, Is.Null.Or.Empty, "no body: at most an empty one, which stops the transport from re-sending it on its own");

        Assert.That(conversations, Has.Count.EqualTo(1));
        Assert.That(conversations[0].Id, Is.EqualTo(Samples.Id(1)));
        Assert.That(conversations[0].ServiceId, Is.EqualTo(RecordingApi.ServiceId));
        AssertTags(conversations[0]);
        Assert.That(conversations[0].CreatedAt, Is.EqualTo(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)));
    }

    /// <summary>The newest release's tag filter (ConversationOperationsTests.Tags.cs), and the query pairs it adds at the end.</summary>
    static partial void WithTagFilter(GetConversationsOptions options, List<(string, string)> expectedQuery);

    /// <summary>The listed conversation's tags, from the sample (ConversationOperationsTests.Tags.cs).</summary>
    static partial void AssertTags(ConversationInstance conversation);

    [Test]
    public async Task List_WithoutOptions_SendsNoQuery()
    {
        _api.RespondWith(HttpStatusCode.OK, Samples.Page("conversations", [], false, null));

        await foreach (var _ in _api.Client.Conversations.GetConversationsAsync())
        {
        }

        Assert.That(_api.Single.Query, Is.Empty);
    }

    [Test]
    public async Task GetMessages_SendsEveryFilter_AndReturnsTypedMessages()
    {
        _api.RespondWith(HttpStatusCode.OK, Samples.Page("messages", [Samples.Message(RecordingApi.MessageId)], false, null));
        var options = new GetConversationMessagesOptions
        {
            Id = [RecordingApi.MessageId],
            MessageType = [MessageType.UserMessage, MessageType.AgentInnerThought, MessageType.ExternalEvent],
            InteractionId = [Iid],
            SortBy = ["-interaction_id", "+created_at"],
            PageSize = 500,
        };

        var messages = new List<MessageInstance>();
        await foreach (var message in _api.Client.Conversations.GetConversationMessagesAsync(Cid, options))
        {
            messages.Add(message);
        }

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Get));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"conversation/{Cid}/messages/")));
        Assert.That(request.QueryPairs, Is.EqualTo(new[]
        {
            ("id", RecordingApi.MessageId),
            ("message_type", "user-message"), ("message_type", "agent-inner-thought"), ("message_type", "external-event"),
            ("interaction_id", Iid),
            ("limit", "500"),
            ("sort_by", "-interaction_id"), ("sort_by", "+created_at"),
        }));
        Assert.That(messages.Single().Message, Is.EqualTo($"Hello {RecordingApi.MessageId}"));
        Assert.That(messages.Single().MessageType, Is.EqualTo(MessageType.AgentMessage));
        Assert.That(messages.Single().Format, Is.EqualTo(Format.Text));
    }

    [Test]
    public async Task Finish_PostsToFinish_AndAccepts204()
    {
        _api.RespondWith(HttpStatusCode.NoContent);

        await _api.Client.Conversations.FinishConversationAsync(Cid);

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"conversation/{Cid}/finish/")));
        Assert.That(request.Query, Is.Empty);
        Assert.That(request.Body, Is.Empty);
    }

    [Test]
    public void Finish_OfAFinishedConversation_IsAConflict()
    {
        _api.RespondWith(HttpStatusCode.Conflict, """{"detail":"The conversation is already finished."}""");

        var error = Assert.ThrowsAsync<AmigoConflictException>(() => _api.Client.Conversations.FinishConversationAsync(Cid));

        Assert.That(error!.Operation, Is.EqualTo("finish-conversation"));
    }

    [Test]
    public async Task RecommendResponses_PostsTheContext_AndReturnsTheResponses()
    {
        _api.RespondWith(HttpStatusCode.OK, """{"recommended_responses":["Yes, please.","No, thanks."]}""");

        var response = await _api.Client.Conversations.RecommendResponsesForInteractionAsync(Cid, Iid, new RecommendResponsesForInteractionRequest { Context = "PERSONA: a busy parent" });

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"conversation/{Cid}/interaction/{Iid}/recommend_responses")));
        Assert.That(request.ContentType, Is.EqualTo("application/json"));
        Assert.That(JToken.DeepEquals(request.Json, JToken.Parse("""{"context":"PERSONA: a busy parent"}""")), request.Body);
        Assert.That(response.RecommendedResponses, Is.EqualTo(new[] { "Yes, please.", "No, thanks." }));
    }

    [Test]
    public async Task RecommendResponses_WithADefaultRequest_SendsTheSpecsDefaultContext()
    {
        _api.RespondWith(HttpStatusCode.OK, """{"recommended_responses":[]}""");

        await _api.Client.Conversations.RecommendResponsesForInteractionAsync(Cid, Iid, new RecommendResponsesForInteractionRequest());

        Assert.That((string?)_api.Single.Json!["context"], Does.Contain("PERSONA:").And.Contain("SCENARIO:"));
    }

    [Test]
    public async Task GetInteractionInsights_GetsTheInsights()
    {
        _api.RespondWith(HttpStatusCode.OK, """
            {"current_state_name":"greet","current_state_action":"say hello","current_state_objective":"welcome",
             "state_transition_logs":[],"working_memory":[],"reflections":["calm"],
             "triggered_dynamic_behavior_set_version_info":["bbbbbbbbbbbbbbbbbbbbbbbb",2],
             "select_next_action_tool_call_logs":[],"engage_user_tool_call_logs":[]}
            """);

        var insights = await _api.Client.Conversations.GetInteractionInsightsAsync(Cid, Iid);

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Get));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"conversation/{Cid}/interaction/{Iid}/insights")));
        Assert.That(request.Query, Is.Empty);
        Assert.That(insights.CurrentStateName, Is.EqualTo("greet"));
        Assert.That(insights.Reflections, Is.EqualTo(new[] { "calm" }));
        Assert.That(insights.TriggeredDynamicBehaviorSetVersionInfo!.Item1, Is.EqualTo(RecordingApi.SetId));
        Assert.That(insights.TriggeredDynamicBehaviorSetVersionInfo.Item2, Is.EqualTo(2));
    }

    [TestCase(false, "false")]
    [TestCase(true, "true")]
    public async Task GetMessageSource_SendsLongLived_AndReadsTheUrl(bool longLived, string expected)
    {
        _api.RespondWith(HttpStatusCode.OK, """{"url":"https://files.example.com/audio.mp3?sig=abc","expires_at":"2025-01-01T00:00:00Z"}""");

        var source = await _api.Client.Conversations.GetMessageSourceAsync(Cid, RecordingApi.MessageId, longLived);

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Get));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"conversation/{Cid}/messages/{RecordingApi.MessageId}/source")));
        Assert.That(request.QueryPairs, Is.EqualTo(new[] { ("long_lived", expected) }));
        Assert.That(source.Url, Is.EqualTo(new Uri("https://files.example.com/audio.mp3?sig=abc")));
        Assert.That(source.Json["expires_at"]!.ToString(), Is.EqualTo("2025-01-01T00:00:00Z"));
        Assert.That(source.ToString(), Does.Not.Contain("sig=abc"), "the signed part of the URL grants access");
    }

    [Test]
    public async Task GetMessageSource_AcceptsABareUrlString()
    {
        _api.RespondWith(HttpStatusCode.OK, "\"https://files.example.com/a.wav\"");

        var source = await _api.Client.Conversations.GetMessageSourceAsync(Cid, RecordingApi.MessageId);

        Assert.That(source.Url, Is.EqualTo(new Uri("https://files.example.com/a.wav")));
    }

    [Test]
    public async Task GenerateStarters_PostsTheRequest_AndReturnsThePrompts()
    {
        _api.RespondWith(HttpStatusCode.OK, """{"prompts":[{"prompt":"How do I reset my password?","facets":["account"]}]}""");

        var response = await _api.Client.Conversations.GenerateConversationStarterAsync(new GenerateConversationStarterRequest
        {
            ServiceId = RecordingApi.ServiceId,
            Facets = ["account", "billing"],
            MinCount = 1,
            MaxCount = 3,
            GenerationInstructions = "Keep them short.",
        });

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path("conversation/conversation_starter")));
        Assert.That(JToken.DeepEquals(request.Json, JToken.Parse($$"""
            {"service_id":"{{RecordingApi.ServiceId}}","service_version_set_name":"release","facets":["account","billing"],
             "min_count":1,"max_count":3,"generation_instructions":"Keep them short."}
            """)), request.Body);
        Assert.That(response.Prompts.Single().Prompt1, Is.EqualTo("How do I reset my password?"));
        Assert.That(response.Prompts.Single().Facets, Is.EqualTo(new[] { "account" }));
    }
}
