using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;
using static Amigo.Emulator.Tests.EmulatorSession;

namespace Amigo.Emulator.Tests;

/// <summary>Every operation's responses, checked against the response schemas in <c>openapi/</c>.</summary>
public sealed class SpecConformanceTests
{
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _covered = [];
    private SpecSchema _spec = null!;

    [OneTimeSetUp]
    public void LoadSpec() => _spec = SpecSchema.Load();

    private void Check(string operation, int status, JToken? body)
    {
        _covered.Add(operation);
        _problems.AddRange(_spec.Check(operation, status, body));
    }

    private void CheckStream(string operation, int status, IEnumerable<JObject> events)
    {
        foreach (var @event in events)
        {
            Check(operation, status, @event);
        }
    }

    /// <summary>The operations with hand-written behaviour (the conversation, dynamic behavior set, metric evaluation and
    /// sign-in flows); AllOperationsTests covers the rest.</summary>
    private static readonly string[] HandWritten =
    [
        EmulatorOperations.SignInWithApiKey, EmulatorOperations.CreateConversation, EmulatorOperations.GetConversations,
        EmulatorOperations.InteractWithConversation, EmulatorOperations.FinishConversation, EmulatorOperations.GetConversationMessages,
        EmulatorOperations.GetInteractionInsights, EmulatorOperations.RecommendResponsesForInteraction, EmulatorOperations.RetrieveMessageSource,
        EmulatorOperations.GenerateConversationStarter, EmulatorOperations.ModifyTagsOfConversation, EmulatorOperations.GetDynamicBehaviorSets,
        EmulatorOperations.CreateDynamicBehaviorSet, EmulatorOperations.UpdateDynamicBehaviorSet, EmulatorOperations.DeleteDynamicBehaviorInstruction,
        EmulatorOperations.SearchDynamicBehaviorSets, EmulatorOperations.GetDynamicBehaviorSetVersions,
        EmulatorOperations.CreateDynamicBehaviorSetVersion, EmulatorOperations.GetDynamicBehaviorInvocations, EmulatorOperations.EvaluateMetrics,
    ];

    [Test]
    public async Task EveryHandWrittenOperation_AnswersWithTheSpecsShapes()
    {
        await using var session = await StartAsync(signIn: false);

        using (var signIn = new HttpRequestMessage(HttpMethod.Post, $"v1/{session.Org}/user/signin_with_api_key"))
        {
            signIn.Headers.Add("x-api-key", AmigoEmulatorOptions.DemoApiKey);
            signIn.Headers.Add("x-api-key-id", AmigoEmulatorOptions.DemoApiKeyId);
            signIn.Headers.Add("x-user-id", AmigoEmulatorOptions.DemoUserId);
            using var response = await session.Http.SendAsync(signIn);
            var token = await BodyAsync(response);
            Check(EmulatorOperations.SignInWithApiKey, (int)response.StatusCode, token);
            session.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["id_token"]!);
        }

        var setId = await DynamicBehaviorSetTests.CreateSetAsync(session, "Refunds", trigger: "refund");
        Check(EmulatorOperations.CreateDynamicBehaviorSet, 201, new JObject { ["dynamic_behavior_set_id"] = setId });

        var (created, createEvents) = await session.StreamAsync(session.CreateRequest(query: "response_format=voice"));
        CheckStream(EmulatorOperations.CreateConversation, created, createEvents);
        var id = (string)createEvents[0]["conversation_id"]!;

        var (textStatus, text) = await session.StreamAsync(session.InteractRequest(id, "I want a refund"));
        CheckStream(EmulatorOperations.InteractWithConversation, textStatus, text);
        var config = Uri.EscapeDataString("{\"type\":\"pcm\",\"frame_rate\":16000,\"n_channels\":1,\"sample_width\":2}");
        var (voiceStatus, voice) = await session.StreamAsync(session.InteractRequest(id, "", recorded: new ByteArrayContent(new byte[640]),
            query: $"request_format=voice&response_format=voice&request_audio_config={config}"));
        CheckStream(EmulatorOperations.InteractWithConversation, voiceStatus, voice);
        var (externalStatus, external) = await session.StreamAsync(session.InteractRequest(id, "Order shipped", type: "external-event",
            externalEvents: [("Payment captured", DateTimeOffset.UtcNow.ToString("O"))]));
        CheckStream(EmulatorOperations.InteractWithConversation, externalStatus, external);
        var (skipStatus, skip) = await session.StreamAsync(session.InteractRequest(id, "", type: "skip"));
        CheckStream(EmulatorOperations.InteractWithConversation, skipStatus, skip);
        var interaction = (string)skip[^1]["interaction_id"]!;

        var (status, body) = await session.GetAsync("conversation/?limit=1");
        Check(EmulatorOperations.GetConversations, status, body);
        (status, body) = await session.GetAsync($"conversation/{id}/messages/?message_type=user-message&message_type=agent-message&message_type=agent-inner-thought&message_type=external-event");
        Check(EmulatorOperations.GetConversationMessages, status, body);
        var voiceMessage = (string)body["messages"]!.First(m => (string)m["format"]! == "voice" && (string)m["message_type"]! == "user-message")["id"]!;
        (status, body) = await session.GetAsync($"conversation/{id}/messages/{voiceMessage}/source");
        Check(EmulatorOperations.RetrieveMessageSource, status, body);
        (status, body) = await session.GetAsync($"conversation/{id}/interaction/{text[^1]["interaction_id"]}/insights");
        Check(EmulatorOperations.GetInteractionInsights, status, body);
        (status, body) = await session.PostAsync($"conversation/{id}/interaction/{interaction}/recommend_responses", new { context = "A user." });
        Check(EmulatorOperations.RecommendResponsesForInteraction, status, body);
        (status, body) = await session.PostAsync("conversation/conversation_starter", new
        {
            service_id = ServiceId, facets = new[] { "billing" }, min_count = 1, max_count = 2, generation_instructions = "Short.",
        });
        Check(EmulatorOperations.GenerateConversationStarter, status, body);
        (status, body) = await session.PostAsync($"conversation/{id}/tags/", new { updates = new { channel = "web" } });
        Check(EmulatorOperations.ModifyTagsOfConversation, status, body);
        (status, body) = await session.PostAsync("metric/evaluate", new
        {
            metric_ids = Enumerable.Range(1, 8).Select(i => i.ToString("x24")), conversation_id = id, evaluate_to_interaction_id = interaction,
        });
        Check(EmulatorOperations.EvaluateMetrics, status, body);

        (status, body) = await session.GetAsync("dynamic_behavior_set/");
        Check(EmulatorOperations.GetDynamicBehaviorSets, status, body);
        (status, body) = await session.GetAsync("dynamic_behavior_set/search?query=refund");
        Check(EmulatorOperations.SearchDynamicBehaviorSets, status, body);
        (status, body) = await session.PostAsync($"dynamic_behavior_set/{setId}/version/?version=2", DynamicBehaviorSetTests.VersionBody("money back"));
        Check(EmulatorOperations.CreateDynamicBehaviorSetVersion, status, body);
        (status, body) = await session.GetAsync($"dynamic_behavior_set/{setId}/version/");
        Check(EmulatorOperations.GetDynamicBehaviorSetVersions, status, body);
        (status, body) = await session.GetAsync($"dynamic_behavior_set/{setId}/invocation/");
        Check(EmulatorOperations.GetDynamicBehaviorInvocations, status, body);
        Assert.That(body["dynamic_behavior_invocations"]!, Is.Not.Empty);
        (status, body) = await session.PostAsync($"dynamic_behavior_set/{setId}/", new { tags = new { team = "billing" } });
        Check(EmulatorOperations.UpdateDynamicBehaviorSet, status, body);
        (status, body) = await session.DeleteAsync($"dynamic_behavior_set/{setId}/");
        Check(EmulatorOperations.DeleteDynamicBehaviorInstruction, status, body);

        (status, body) = await session.PostAsync($"conversation/{id}/finish/", null);
        Check(EmulatorOperations.FinishConversation, status, body);

        Assert.That(_problems, Is.Empty);
        Assert.That(_covered, Is.EquivalentTo(HandWritten));
    }

    [Test]
    public void TheChecker_RejectsTyposMissingFieldsWrongTypesAndUnknownVariants()
    {
        static JObject J(string json) => (JObject)Parse(json);

        Assert.That(_spec.Check(EmulatorOperations.SignInWithApiKey, 200, J("{\"id_token\":\"t\",\"expires_at\":\"e\"}")), Is.Empty);
        Assert.That(_spec.Check(EmulatorOperations.SignInWithApiKey, 200, J("{\"id_token\":\"t\"}")), Has.One.Contains("missing required 'expires_at'"));
        Assert.That(_spec.Check(EmulatorOperations.SignInWithApiKey, 200, J("{\"id_token\":\"t\",\"expires_at\":\"e\",\"expiresAt\":1}")), Has.One.Contains("not declared"));
        Assert.That(_spec.Check(EmulatorOperations.SignInWithApiKey, 200, J("{\"id_token\":1,\"expires_at\":\"e\"}")), Has.One.Contains("expected string"));
        Assert.That(_spec.Check(EmulatorOperations.GetConversations, 418, null), Has.One.Contains("not declared"));
        Assert.That(_spec.Check(EmulatorOperations.CreateConversation, 201, J("{\"type\":\"user-message-available\",\"message_id\":\"m\",\"user_message\":\"u\"}")), Is.Not.Empty);
        Assert.That(_spec.Check(EmulatorOperations.InteractWithConversation, 200, J("{\"type\":\"current-agent-action\",\"action\":{\"type\":\"brand-new\"}}")), Is.Not.Empty);
        Assert.That(_spec.Check(EmulatorOperations.InteractWithConversation, 200, J("{\"type\":\"current-agent-action\",\"action\":{\"type\":\"tool-call-ended\",\"tool_round_index\":0}}")), Is.Not.Empty);
        Assert.That(_spec.Check(EmulatorOperations.InteractWithConversation, 200, J("{\"type\":\"new-message\",\"message\":\"m\",\"transcript_alignment\":[[\"a\",1]],\"stop\":true,\"sequence_number\":0,\"message_id\":\"i\"}")), Is.Not.Empty);
    }

    [Test]
    public async Task ErrorStatuses_AreOnesTheSpecDeclares()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        var unknown = "0123456789abcdef01234567";

        Check(EmulatorOperations.CreateConversation, (await session.StreamAsync(session.CreateRequest())).Status, null);
        Check(EmulatorOperations.InteractWithConversation, (await session.StreamAsync(session.InteractRequest(unknown, "x"))).Status, null);
        Check(EmulatorOperations.InteractWithConversation, (await session.StreamAsync(session.InteractRequest(id, "  "))).Status, null);
        Check(EmulatorOperations.GetConversationMessages, (await session.GetAsync($"conversation/{unknown}/messages/")).Status, null);
        Check(EmulatorOperations.GetConversations, (await session.GetAsync("conversation/?limit=0")).Status, null);
        Check(EmulatorOperations.RecommendResponsesForInteraction, (await session.PostAsync($"conversation/{id}/interaction/{unknown}/recommend_responses", null)).Status, null);
        Check(EmulatorOperations.RetrieveMessageSource, (await session.GetAsync($"conversation/{id}/messages/{unknown}/source")).Status, null);
        Check(EmulatorOperations.EvaluateMetrics, (await session.PostAsync("metric/evaluate", new { metric_ids = new[] { unknown }, conversation_id = unknown })).Status, null);
        Check(EmulatorOperations.CreateDynamicBehaviorSetVersion, (await session.PostAsync($"dynamic_behavior_set/{unknown}/version/", DynamicBehaviorSetTests.VersionBody("x"))).Status, null);
        Check(EmulatorOperations.UpdateDynamicBehaviorSet, (await session.PostAsync($"dynamic_behavior_set/{unknown}/", new { })).Status, null);
        Check(EmulatorOperations.FinishConversation, (await session.PostAsync($"conversation/{unknown}/finish/", null)).Status, null);
        Check(EmulatorOperations.ModifyTagsOfConversation, (await session.PostAsync($"conversation/{unknown}/tags/", new { })).Status, null);

        Assert.That(_problems.Where(p => p.Contains("not declared")), Is.Empty);
    }

    [SetUp]
    public void Reset()
    {
        _problems.Clear();
        _covered.Clear();
    }
}
