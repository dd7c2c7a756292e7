using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;
using static Amigo.Emulator.Tests.EmulatorSession;

namespace Amigo.Emulator.Tests;

public sealed class ConversationTests
{
    [Test]
    public async Task Create_StreamsCreatedThenActionsThenPiecesThenComplete()
    {
        await using var session = await StartAsync();

        var (status, events) = await session.StreamAsync(session.CreateRequest());

        Assert.That(status, Is.EqualTo(201));
        var types = Types(events).ToList();
        Assert.That(types[0], Is.EqualTo("conversation-created"));
        Assert.That(types[^1], Is.EqualTo("interaction-complete"));
        Assert.That(types.SkipWhile(t => t != "current-agent-action").TakeWhile(t => t == "current-agent-action").Count(), Is.GreaterThanOrEqualTo(3));
        Assert.That(types.IndexOf("new-message"), Is.GreaterThan(types.LastIndexOf("current-agent-action")));
        var tooLong = events.Select(e => e["action"]).OfType<JObject>().Single(a => (string)a["type"]! == "action-too-long");
        Assert.That((string)tooLong["filler"]!, Is.Not.Empty);
        Assert.That(tooLong["previously_started_event"]!["type"]!.ToString(), Is.EqualTo("tool-call-started"));

        var pieces = events.Where(e => (string)e["type"]! == "new-message").ToList();
        var complete = events[^1];
        Assert.That(string.Concat(pieces.Select(p => (string)p["message"]!)), Is.EqualTo((string)complete["full_message"]!));
        Assert.That(pieces.Select(p => (int)p["sequence_number"]!), Is.EqualTo(Enumerable.Range(0, pieces.Count)));
        Assert.That(pieces.Select(p => (bool)p["stop"]!), Is.EqualTo(Enumerable.Repeat(false, pieces.Count - 1).Append(true)));
        Assert.That(pieces.All(p => p["transcript_alignment"]!.Type == JTokenType.Null && (string)p["message_id"]! == (string)complete["message_id"]!));
        Assert.That((bool)complete["conversation_completed"]!, Is.False);
    }

    [Test]
    public async Task Create_WithUnfinishedConversationForSameUserAndService_Is400PerSpec()
    {
        await using var session = await StartAsync();
        await session.CreateConversationAsync();

        var (status, events) = await session.StreamAsync(session.CreateRequest());

        Assert.That(status, Is.EqualTo(400));
        Assert.That((string)events[0]["detail"]!, Does.Contain("unfinished"));
    }

    [Test]
    public async Task Create_UnknownServiceOrVersionSet_Is404()
    {
        await using var session = await StartAsync();

        var (unknownService, _) = await session.StreamAsync(session.CreateRequest(new { service_id = "0123456789abcdef01234567" }));
        var (unknownSet, _) = await session.StreamAsync(session.CreateRequest(new { service_id = ServiceId, service_version_set_name = "nightly" }));

        Assert.That(unknownService, Is.EqualTo(404));
        Assert.That(unknownSet, Is.EqualTo(404));
    }

    [Test]
    public async Task Create_WithInitialMessageAndTags_StoresThemAndRepliesToIt()
    {
        await using var session = await StartAsync();

        var id = await session.CreateConversationAsync(new
        {
            service_id = ServiceId,
            initial_message = "  I need help with billing  ",
            initial_message_type = "user-message",
            tags = new Dictionary<string, string?> { ["source"] = "web", ["vip_level 2"] = null },
        });

        var (_, list) = await session.GetAsync($"conversation/?id={id}");
        var conversation = list["conversations"]![0]!;
        Assert.That(conversation["tags"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"source\":\"web\",\"vip_level 2\":null}"));
        Assert.That((int)conversation["num_messages"]!, Is.EqualTo(3));
        var (_, messages) = await session.GetAsync($"conversation/{id}/messages/?sort_by=%2Bcreated_at");
        Assert.That((string)messages["messages"]![0]!["message"]!, Is.EqualTo("I need help with billing"));
        Assert.That((string)messages["messages"]![1]!["message"]!, Does.Contain("I need help with billing"));
    }

    [Test]
    public async Task Interact_Text_StreamsUserMessageAvailableFirst_AndStoresTheInteraction()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();

        var events = await session.InteractAsync(id, "What's the weather?");

        Assert.That((string)events[0]["type"]!, Is.EqualTo("user-message-available"));
        Assert.That((string)events[0]["user_message"]!, Is.EqualTo("What's the weather?"));
        Assert.That((string)events[^1]["type"]!, Is.EqualTo("interaction-complete"));
        var (_, messages) = await session.GetAsync($"conversation/{id}/messages/?interaction_id={events[^1]["interaction_id"]}");
        var stored = messages["messages"]!.Select(m => ((string)m["message_type"]!, (string)m["id"]!)).ToList();
        Assert.That(stored, Does.Contain(("user-message", (string)events[0]["message_id"]!)));
        Assert.That(stored, Does.Contain(("agent-message", (string)events[^1]["message_id"]!)));
    }

    [Test]
    public async Task Interact_Voice_UploadsPcm_AndAnswersWithBase64PcmAndAlignment()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        var audio = new ByteArrayContent(new byte[32000]);
        audio.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var config = Uri.EscapeDataString("{\"type\":\"pcm\",\"frame_rate\":16000,\"n_channels\":1,\"sample_width\":2}");

        var (status, events) = await session.StreamAsync(session.InteractRequest(id, "", recorded: audio,
            query: $"request_format=voice&response_format=voice&request_audio_config={config}"));

        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)events[0]["user_message"]!, Is.EqualTo("[voice message: 1.00 s of pcm audio]"));
        var pieces = events.Where(e => (string)e["type"]! == "new-message").ToList();
        var bytes = pieces.Sum(p => Convert.FromBase64String((string)p["message"]!).Length);
        Assert.That(bytes % 2, Is.EqualTo(0));
        Assert.That(bytes, Is.GreaterThan(0));
        var alignment = pieces.SelectMany(p => (JArray)p["transcript_alignment"]!).Cast<JArray>().ToList();
        Assert.That(alignment.All(pair => pair[0]!.Type == JTokenType.Integer && pair[1]!.Type == JTokenType.String));
        Assert.That(string.Concat(alignment.Select(pair => (string)pair[1]!)), Is.EqualTo((string)events[^1]["full_message"]!));
        Assert.That(alignment.Select(pair => (int)pair[0]!), Is.Ordered);

        var (_, messages) = await session.GetAsync($"conversation/{id}/messages/?message_type=user-message");
        var voiceMessage = (string)messages["messages"]![0]!["id"]!;
        var (sourceStatus, source) = await session.GetAsync($"conversation/{id}/messages/{voiceMessage}/source?long_lived=true");
        Assert.That(sourceStatus, Is.EqualTo(200));
        Assert.That((string)source["url"]!, Does.StartWith("https://"));
    }

    [Test]
    public async Task Interact_ExternalEventAndSkip_AreAccepted()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();

        var external = await session.StreamAsync(session.InteractRequest(id, "Payment received", type: "external-event",
            externalEvents: [("Card charged", DateTimeOffset.UtcNow.ToString("O"))]));
        var skip = await session.StreamAsync(session.InteractRequest(id, "", type: "skip"));

        Assert.That(external.Status, Is.EqualTo(200));
        Assert.That((string)external.Events[0]["user_message"]!, Is.EqualTo("Payment received"));
        Assert.That(skip.Status, Is.EqualTo(200));
        Assert.That((string)skip.Events[^1]["type"]!, Is.EqualTo("interaction-complete"));
        var (_, messages) = await session.GetAsync($"conversation/{id}/messages/?message_type=external-event");
        Assert.That(messages["messages"]!.Select(m => (string)m["message"]!), Is.EquivalentTo(new[] { "Card charged", "Payment received" }));
    }

    [Test]
    public async Task Interact_ExternalEventInTheFuture_Is400_SkipWithText_Is422()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();

        var future = await session.StreamAsync(session.InteractRequest(id, "hi",
            externalEvents: [("Later", DateTimeOffset.UtcNow.AddHours(1).ToString("O"))]));
        var skip = await session.StreamAsync(session.InteractRequest(id, "not empty", type: "skip"));

        Assert.That(future.Status, Is.EqualTo(400));
        Assert.That(skip.Status, Is.EqualTo(422));
    }

    [Test]
    public async Task Interact_OnFinishedConversation_Is409_OnUnknown_Is404()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        var (finish, _) = await session.PostAsync($"conversation/{id}/finish/", null);

        var (status, events) = await session.StreamAsync(session.InteractRequest(id, "hello?"));
        var (unknown, _) = await session.StreamAsync(session.InteractRequest("0123456789abcdef01234567", "hello?"));

        Assert.That(finish, Is.EqualTo(204));
        Assert.That(status, Is.EqualTo(409));
        Assert.That((string)events[0]["detail"]!, Does.Contain("finished"));
        Assert.That(unknown, Is.EqualTo(404));
    }

    [Test]
    public async Task Interact_AndFinish_WhileAStreamIsInFlight_Are409()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var agent = new ScriptedAgent(async (turn, ct) =>
        {
            if (turn.TurnIndex == 1)
            {
                entered.TrySetResult();
                await proceed.Task.WaitAsync(ct);
            }

            return AgentReply.Say("done");
        });
        await using var session = await StartAsync(new AmigoEmulatorOptions { Agent = agent });
        var id = await session.CreateConversationAsync();

        var first = session.StreamAsync(session.InteractRequest(id, "slow one"));
        await entered.Task.WaitAsync(Guard);
        var second = await session.StreamAsync(session.InteractRequest(id, "second"));
        var (finish, _) = await session.PostAsync($"conversation/{id}/finish/", null);
        proceed.SetResult();
        var completed = await first.WaitAsync(Guard);

        Assert.That(second.Status, Is.EqualTo(409));
        Assert.That(finish, Is.EqualTo(409));
        Assert.That(completed.Status, Is.EqualTo(200));
        Assert.That((string)completed.Events[^1]["full_message"]!, Is.EqualTo("done"));
    }

    [Test]
    public async Task Finish_Twice_Is409_AndConversationIsFinishedAndAnalyzed()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();

        var (first, _) = await session.PostAsync($"conversation/{id}/finish/", null);
        var (second, _) = await session.PostAsync($"conversation/{id}/finish/", null);
        var (_, list) = await session.GetAsync($"conversation/?id={id}");

        Assert.That(first, Is.EqualTo(204));
        Assert.That(second, Is.EqualTo(409));
        Assert.That((bool)list["conversations"]![0]!["is_finished"]!, Is.True);
        Assert.That(list["conversations"]![0]!["completed_post_processings"]!.Count(), Is.EqualTo(3));
    }

    [Test]
    public async Task Finish_WithNoMessages_DeletesTheConversation()
    {
        var agent = new ScriptedAgent((turn, _) => throw new InvalidOperationException("agent crashed"));
        await using var session = await StartAsync(new AmigoEmulatorOptions { Agent = agent });
        var (_, events) = await session.StreamAsync(session.CreateRequest());
        var id = (string)events[0]["conversation_id"]!;
        Assert.That((string)events[^1]["type"]!, Is.EqualTo("error"));

        var (finish, _) = await session.PostAsync($"conversation/{id}/finish/", null);
        var (_, list) = await session.GetAsync($"conversation/?id={id}");

        Assert.That(finish, Is.EqualTo(204));
        Assert.That(list["conversations"]!, Is.Empty);
    }

    [Test]
    public async Task ScriptedAgent_ControlsMessagePiecesActionsAndCompletion()
    {
        var agent = new ScriptedAgent(
            AgentReply.Say("Welcome!"),
            new AgentReply
            {
                Message = "Bye now.",
                Pieces = ["Bye ", "now."],
                Actions = [AgentActions.Custom("future-action-type", new { detail = 42 })],
                ConversationCompleted = true,
            });
        await using var session = await StartAsync(new AmigoEmulatorOptions { Agent = agent });
        var id = await session.CreateConversationAsync();

        var events = await session.InteractAsync(id, "goodbye");

        Assert.That(Types(events), Is.EqualTo(new[] { "user-message-available", "current-agent-action", "new-message", "new-message", "interaction-complete" }));
        Assert.That((int)events[1]["action"]!["detail"]!, Is.EqualTo(42));
        Assert.That((bool)events[^1]["conversation_completed"]!, Is.True);
        Assert.That(agent.Turns.Select(t => t.Kind), Is.EqualTo(new[] { AgentTurnKind.Greeting, AgentTurnKind.UserMessage }));
        var (_, list) = await session.GetAsync($"conversation/?id={id}");
        Assert.That((bool)list["conversations"]![0]!["is_finished"]!, Is.True);
    }

    [Test]
    public async Task ActionTypeFilter_IsARegexOnTheNestedActionType()
    {
        await using var session = await StartAsync();

        var (_, none) = await session.StreamAsync(session.CreateRequest(query: "response_format=text&current_agent_action_type=%5E%24"));
        var id = (string)none[0]["conversation_id"]!;
        var (_, tools) = await session.StreamAsync(session.InteractRequest(id, "hi",
            query: "request_format=text&response_format=text&current_agent_action_type=" + Uri.EscapeDataString("^tool-call-")));

        Assert.That(Types(none), Has.None.EqualTo("current-agent-action"));
        var actionTypes = tools.Where(e => (string)e["type"]! == "current-agent-action").Select(e => (string)e["action"]!["type"]!);
        Assert.That(actionTypes, Is.EqualTo(new[] { "tool-call-started", "tool-call-ended" }));
    }

    [Test]
    public async Task VoiceCreate_FillerIsBase64Wav()
    {
        await using var session = await StartAsync();

        var (_, events) = await session.StreamAsync(session.CreateRequest(query: "response_format=voice"));

        var filler = (string)events.Select(e => e["action"]).OfType<JObject>().Single(a => (string)a["type"]! == "action-too-long")["filler"]!;
        var wav = Convert.FromBase64String(filler);
        Assert.That(System.Text.Encoding.ASCII.GetString(wav, 0, 4), Is.EqualTo("RIFF"));
        Assert.That(BitConverter.ToInt32(wav, 24), Is.EqualTo(16000));
    }

    [Test]
    public async Task ModifyTags_UpdatesAndDeletes_AndEnforcesTheTwentyTagLimit()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync(new { service_id = ServiceId, tags = new { a = "1", b = "2" } });

        var (status, _) = await session.PostAsync($"conversation/{id}/tags/", new { updates = new Dictionary<string, string?> { ["c"] = "3", ["a"] = null }, deletes = new[] { "b" } });
        var (_, list) = await session.GetAsync($"conversation/?id={id}");
        var tooMany = Enumerable.Range(0, 20).ToDictionary(i => $"k{i}", i => (string?)"v");
        var (overLimit, _) = await session.PostAsync($"conversation/{id}/tags/", new { updates = tooMany });
        var (badKey, _) = await session.PostAsync($"conversation/{id}/tags/", new { updates = new { bad_key_ok = "x-y" } });

        Assert.That(status, Is.EqualTo(204));
        Assert.That(list["conversations"]![0]!["tags"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"a\":null,\"c\":\"3\"}"));
        Assert.That(overLimit, Is.EqualTo(400));
        Assert.That(badKey, Is.EqualTo(422));
    }

    [Test]
    public async Task InsightsAndRecommendations_AnswerForTheLatestInteraction()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        var first = await session.InteractAsync(id, "first");
        var second = await session.InteractAsync(id, "second");
        var latest = (string)second[^1]["interaction_id"]!;
        var older = (string)first[^1]["interaction_id"]!;

        var (insights, body) = await session.GetAsync($"conversation/{id}/interaction/{latest}/insights");
        var (unknown, _) = await session.GetAsync($"conversation/{id}/interaction/0123456789abcdef01234567/insights");
        var (recommend, responses) = await session.PostAsync($"conversation/{id}/interaction/{latest}/recommend_responses", new { context = "A curious user." });
        var (recommendNoBody, _) = await session.PostAsync($"conversation/{id}/interaction/{latest}/recommend_responses", null);
        var (stale, _) = await session.PostAsync($"conversation/{id}/interaction/{older}/recommend_responses", null);

        Assert.That(insights, Is.EqualTo(200));
        Assert.That((string)body["current_state_name"]!, Is.Not.Empty);
        Assert.That(body["state_transition_logs"]!.Select(l => (string)l["type"]!), Is.EqualTo(new[] { "recall", "action" }));
        Assert.That(body["select_next_action_tool_call_logs"]![0]![0]!["tool_name"]!.ToString(), Is.Not.Empty);
        Assert.That(unknown, Is.EqualTo(404));
        Assert.That(recommend, Is.EqualTo(200));
        Assert.That(responses["recommended_responses"]!.Count(), Is.EqualTo(3));
        Assert.That(recommendNoBody, Is.EqualTo(200));
        Assert.That(stale, Is.EqualTo(400));
    }

    [Test]
    public async Task MessageSource_OfATextMessage_Is400()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        var (_, messages) = await session.GetAsync($"conversation/{id}/messages/");

        var (status, _) = await session.GetAsync($"conversation/{id}/messages/{messages["messages"]![0]!["id"]}/source");

        Assert.That(status, Is.EqualTo(400));
    }

    [Test]
    public async Task Starters_GenerateMaxCountPromptsAboutTheFacets()
    {
        await using var session = await StartAsync();

        var (status, body) = await session.PostAsync("conversation/conversation_starter", new
        {
            service_id = ServiceId,
            facets = new[] { "travel", "food" },
            min_count = 1,
            max_count = 3,
            generation_instructions = "Be playful.",
        });
        var (unknown, _) = await session.PostAsync("conversation/conversation_starter", new
        {
            service_id = "0123456789abcdef01234567", facets = new[] { "x" }, min_count = 1, max_count = 1, generation_instructions = "x",
        });

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body["prompts"]!.Count(), Is.EqualTo(3));
        Assert.That(body["prompts"]!.SelectMany(p => p["facets"]!.Values<string>()).Distinct(), Is.EquivalentTo(new[] { "travel", "food" }));
        Assert.That(unknown, Is.EqualTo(404));
    }

    [Test]
    public async Task MessageList_DefaultsToNewestFirst_ExcludesInnerThoughts_AndFilters()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        await session.InteractAsync(id, "one");

        var (_, defaults) = await session.GetAsync($"conversation/{id}/messages/");
        var (_, thoughts) = await session.GetAsync($"conversation/{id}/messages/?message_type=agent-inner-thought");
        var (_, ascending) = await session.GetAsync($"conversation/{id}/messages/?sort_by=%2Bcreated_at");

        var types = defaults["messages"]!.Select(m => (string)m["message_type"]!).ToList();
        Assert.That(types, Is.EqualTo(new[] { "agent-message", "user-message", "agent-message" }));
        Assert.That(thoughts["messages"]!.Count(), Is.EqualTo(2));
        Assert.That(ascending["messages"]!.Select(m => (string)m["id"]!), Is.EqualTo(defaults["messages"]!.Select(m => (string)m["id"]!).Reverse()));
    }

    [Test]
    public async Task Transcriber_OptionDecidesWhatTheAgentHearsForVoice()
    {
        var heard = new List<RecordedAudio>();
        var options = new AmigoEmulatorOptions
        {
            Transcriber = audio =>
            {
                lock (heard)
                {
                    heard.Add(audio);
                }

                return "book a table for two";
            },
        };
        await using var session = await StartAsync(options);
        var id = await session.CreateConversationAsync();
        var config = Uri.EscapeDataString("{\"type\":\"pcm\",\"frame_rate\":8000,\"n_channels\":1,\"sample_width\":4}");

        var (_, events) = await session.StreamAsync(session.InteractRequest(id, "", recorded: new ByteArrayContent(new byte[800]),
            query: $"request_format=voice&response_format=text&request_audio_config={config}"));

        Assert.That((string)events[0]["user_message"]!, Is.EqualTo("book a table for two"));
        Assert.That(heard.Single(), Has.Property(nameof(RecordedAudio.FrameRate)).EqualTo(8000).And.Property(nameof(RecordedAudio.SampleWidth)).EqualTo(4));
        Assert.That(heard.Single().Bytes, Has.Length.EqualTo(800));
    }

    [Test]
    public async Task SeededUnfinishedConversation_BlocksCreate_UntilFinished()
    {
        await using var session = await StartAsync();
        var seeded = session.Emulator.SeedConversations(1, finished: false).Single();

        var (blocked, _) = await session.StreamAsync(session.CreateRequest());
        await session.PostAsync($"conversation/{seeded}/finish/", null);
        var (allowed, _) = await session.StreamAsync(session.CreateRequest());

        Assert.That(blocked, Is.EqualTo(400));
        Assert.That(allowed, Is.EqualTo(201));
    }

    [Test]
    public async Task RecordedRequests_KeepJsonBodies_AndTheLatestOnly()
    {
        await using var session = await StartAsync(new AmigoEmulatorOptions { MaxRecordedRequests = 2 });

        await session.PostAsync($"conversation/0123456789abcdef01234567/tags/", "{\"updates\": {\"a\": null}}");
        await session.GetAsync("conversation/");

        var requests = session.Emulator.Requests;
        Assert.That(requests.Select(r => r.Operation), Is.EqualTo(new[] { EmulatorOperations.ModifyTagsOfConversation, EmulatorOperations.GetConversations }));
        Assert.That(requests[0].Body, Is.EqualTo("{\"updates\": {\"a\": null}}"));
    }

    [Test]
    public async Task ScriptedPiecesThatDoNotMatchTheMessage_AreReportedAsAnErrorEvent()
    {
        var agent = new ScriptedAgent(new AgentReply { Message = "Hello there", Pieces = ["Hello ", "world"] });
        await using var session = await StartAsync(new AmigoEmulatorOptions { Agent = agent });

        var (_, events) = await session.StreamAsync(session.CreateRequest());

        Assert.That((string)events[^1]["type"]!, Is.EqualTo("error"));
        Assert.That((string)events[^1]["error_description"]!, Does.Contain("Pieces"));
    }
}
