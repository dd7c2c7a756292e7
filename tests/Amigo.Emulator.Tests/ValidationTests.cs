using Newtonsoft.Json.Linq;
using static Amigo.Emulator.Tests.EmulatorSession;

namespace Amigo.Emulator.Tests;

public sealed class ValidationTests
{
    private static (string Type, string[] Loc) Single(JToken body)
    {
        var errors = (JArray)body["detail"]!;
        Assert.That(errors, Has.Count.EqualTo(1), body.ToString());
        Assert.That((string)errors[0]["msg"]!, Is.Not.Empty);
        Assert.That(errors[0]!["input"], Is.Not.Null);
        return ((string)errors[0]["type"]!, errors[0]["loc"]!.Select(l => l.ToString()).ToArray());
    }

    [TestCase("conversation/?limit=0", "greater_than", "query,limit")]
    [TestCase("conversation/?limit=151", "less_than_equal", "query,limit")]
    [TestCase("conversation/?limit=ten", "int_parsing", "query,limit")]
    [TestCase("conversation/?is_finished=maybe", "bool_parsing", "query,is_finished")]
    [TestCase("conversation/?service_id=123", "string_pattern_mismatch", "query,service_id,0")]
    [TestCase("conversation/?sort_by=created_at", "value_error", "query,sort_by,0")]
    [TestCase("conversation/?sort_by=-updated_at", "value_error", "query,sort_by,0")]
    [TestCase("conversation/?tag=novalue", "value_error", "query,tag,0")]
    [TestCase("conversation/?continuation_token=-1", "greater_than_equal", "query,continuation_token")]
    [TestCase("conversation/ABC/messages/", "string_pattern_mismatch", "path,conversation_id")]
    [TestCase("conversation/0123456789abcdef01234567/messages/?limit=501", "less_than_equal", "query,limit")]
    [TestCase("conversation/0123456789abcdef01234567/messages/?message_type=robot", "enum", "query,message_type,0")]
    [TestCase("dynamic_behavior_set/?limit=51", "less_than_equal", "query,limit")]
    [TestCase("dynamic_behavior_set/0123456789abcdef01234567/version/?limit=11", "less_than_equal", "query,limit")]
    [TestCase("dynamic_behavior_set/0123456789abcdef01234567/invocation/?limit=31", "less_than_equal", "query,limit")]
    [TestCase("dynamic_behavior_set/search?query=%20%20", "string_too_short", "query,query")]
    public async Task Query_AndPath_Violations_Are422_WithFastApiShape(string path, string type, string loc)
    {
        await using var session = await StartAsync();

        var (status, body) = await session.GetAsync(path);

        Assert.That(status, Is.EqualTo(422), body.ToString());
        Assert.That(Single(body), Is.EqualTo((type, loc.Split(','))));
    }

    [Test]
    public async Task CreateConversation_BodyAndQueryViolations()
    {
        await using var session = await StartAsync();

        var (noFormat, noFormatBody) = await session.StreamAsync(session.CreateRequest(query: ""));
        var (badId, badIdBody) = await session.StreamAsync(session.CreateRequest(new { service_id = "xyz" }));
        var (missing, missingBody) = await session.StreamAsync(session.CreateRequest(new { }));
        var (badTag, badTagBody) = await session.StreamAsync(session.CreateRequest(new { service_id = ServiceId, tags = new Dictionary<string, string> { ["bad-key"] = "v" } }));
        var (longValue, longValueBody) = await session.StreamAsync(session.CreateRequest(new { service_id = ServiceId, tags = new { k = new string('x', 101) } }));
        var (typeWithoutMessage, _) = await session.StreamAsync(session.CreateRequest(new { service_id = ServiceId, initial_message_type = "user-message" }));
        var (badRegex, badRegexBody) = await session.StreamAsync(session.CreateRequest(query: "response_format=text&current_agent_action_type=%28"));
        var (notJson, notJsonBody) = await session.StreamAsync(session.CreateRequest("{\"service_id\": "));

        Assert.That((noFormat, Single(noFormatBody[0])), Is.EqualTo((422, ("missing", new[] { "query", "response_format" }))));
        Assert.That((badId, Single(badIdBody[0])), Is.EqualTo((422, ("string_pattern_mismatch", new[] { "body", "service_id" }))));
        Assert.That((missing, Single(missingBody[0])), Is.EqualTo((422, ("missing", new[] { "body", "service_id" }))));
        Assert.That((badTag, Single(badTagBody[0]).Type), Is.EqualTo((422, "string_pattern_mismatch")));
        Assert.That((longValue, Single(longValueBody[0])), Is.EqualTo((422, ("string_too_long", new[] { "body", "tags", "k" }))));
        Assert.That(typeWithoutMessage, Is.EqualTo(422));
        Assert.That((badRegex, Single(badRegexBody[0]).Loc), Is.EqualTo((422, new[] { "query", "current_agent_action_type" })));
        Assert.That((notJson, Single(notJsonBody[0]).Type), Is.EqualTo((422, "json_invalid")));
    }

    [TestCase("{\"type\":\"pcm\",\"frame_rate\":3999,\"n_channels\":1,\"sample_width\":2}", "greater_than_equal")]
    [TestCase("{\"type\":\"pcm\",\"frame_rate\":44101,\"n_channels\":1,\"sample_width\":2}", "less_than_equal")]
    [TestCase("{\"type\":\"pcm\",\"frame_rate\":16000,\"n_channels\":2,\"sample_width\":2}", "literal_error")]
    [TestCase("{\"type\":\"pcm\",\"frame_rate\":16000,\"n_channels\":1,\"sample_width\":3}", "enum")]
    [TestCase("{\"type\":\"pcm\",\"n_channels\":1,\"sample_width\":2}", "missing")]
    [TestCase("{\"type\":\"wav\"}", "union_tag_invalid")]
    [TestCase("not json", "json_invalid")]
    public async Task Interact_AudioConfigRules(string config, string type)
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        var audio = new ByteArrayContent(new byte[320]);

        var (status, body) = await session.StreamAsync(session.InteractRequest(id, "", recorded: audio,
            query: "request_format=voice&response_format=text&request_audio_config=" + Uri.EscapeDataString(config)));

        Assert.That(status, Is.EqualTo(422));
        var (actualType, loc) = Single(body[0]);
        Assert.That(actualType, Is.EqualTo(type));
        Assert.That(loc.Take(2), Is.EqualTo(new[] { "query", "request_audio_config" }));
    }

    [Test]
    public async Task Interact_MultipartRules()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();

        var (noConfig, _) = await session.StreamAsync(session.InteractRequest(id, "", recorded: new ByteArrayContent(new byte[320]),
            query: "request_format=voice&response_format=text"));
        using var jsonBody = new HttpRequestMessage(HttpMethod.Post, $"v1/{session.Org}/conversation/{id}/interact?request_format=text&response_format=text")
        {
            Content = Json(new { recorded_message = "hi" }),
        };
        var (notMultipart, notMultipartBody) = await session.StreamAsync(jsonBody);
        var (badType, _) = await session.StreamAsync(session.InteractRequest(id, "hi", type: "shout"));
        var (empty, _) = await session.StreamAsync(session.InteractRequest(id, ""));
        var (blank, blankBody) = await session.StreamAsync(session.InteractRequest(id, "   "));
        var mp3 = Uri.EscapeDataString("{\"type\":\"mp3\"}");
        var (notMp3, _) = await session.StreamAsync(session.InteractRequest(id, "", recorded: new ByteArrayContent([1, 2, 3, 4]),
            query: $"request_format=voice&response_format=text&request_audio_config={mp3}"));
        var (okMp3, okEvents) = await session.StreamAsync(session.InteractRequest(id, "", recorded: new ByteArrayContent([0x49, 0x44, 0x33, 4, 0, 0]),
            query: $"request_format=voice&response_format=text&request_audio_config={mp3}"));

        Assert.That(noConfig, Is.EqualTo(422));
        Assert.That((notMultipart, Single(notMultipartBody[0]).Loc), Is.EqualTo((422, new[] { "header", "content-type" })));
        Assert.That(badType, Is.EqualTo(422));
        Assert.That(empty, Is.EqualTo(422));
        Assert.That((blank, (string)blankBody[0]["detail"]!), Is.EqualTo((400, "The user message is empty.")));
        Assert.That(notMp3, Is.EqualTo(415));
        Assert.That(okMp3, Is.EqualTo(200));
        Assert.That((string)okEvents[0]["user_message"]!, Does.Contain("mp3"));
    }

    [Test]
    public async Task Metric_And_DynamicBehaviorSet_BodyRules()
    {
        await using var session = await StartAsync();
        var eleven = Enumerable.Range(1, 11).Select(i => i.ToString("x24")).ToArray();

        var (tooMany, tooManyBody) = await session.PostAsync("metric/evaluate", new { metric_ids = eleven, conversation_id = eleven[0] });
        var (duplicate, _) = await session.PostAsync("metric/evaluate", new { metric_ids = new[] { eleven[0], eleven[0] }, conversation_id = eleven[0] });
        var (none, _) = await session.PostAsync("metric/evaluate", new { metric_ids = Array.Empty<string>(), conversation_id = eleven[0] });
        var (noTriggers, noTriggersBody) = await session.PostAsync("dynamic_behavior_set/", new
        {
            name = "x", tags = new { }, applied_to_services = Array.Empty<string>(),
            initial_version = new { is_active = false, conversation_triggers = Array.Empty<string>(), actions = Array.Empty<object>() },
        });
        var (badAction, badActionBody) = await session.PostAsync("dynamic_behavior_set/", new
        {
            name = "x", tags = new { }, applied_to_services = Array.Empty<string>(),
            initial_version = new { is_active = false, conversation_triggers = new[] { "t" }, actions = new[] { new { type = "launch-rocket" } } },
        });
        var (badTagValue, _) = await session.PostAsync("dynamic_behavior_set/", new
        {
            name = "x", tags = new { team = "a/b" }, applied_to_services = Array.Empty<string>(),
            initial_version = new { is_active = false, conversation_triggers = new[] { "t" }, actions = Array.Empty<object>() },
        });

        Assert.That((tooMany, Single(tooManyBody)), Is.EqualTo((422, ("too_long", new[] { "body", "metric_ids" }))));
        Assert.That(duplicate, Is.EqualTo(422));
        Assert.That(none, Is.EqualTo(422));
        Assert.That((noTriggers, Single(noTriggersBody).Loc), Is.EqualTo((422, new[] { "body", "initial_version", "conversation_triggers" })));
        Assert.That((badAction, Single(badActionBody).Type), Is.EqualTo((422, "union_tag_invalid")));
        Assert.That(badTagValue, Is.EqualTo(422));
    }

    [Test]
    public async Task NonJsonContentType_Is422()
    {
        await using var session = await StartAsync();

        using var response = await session.Http.PostAsync($"v1/{session.Org}/metric/evaluate", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));

        Assert.That((int)response.StatusCode, Is.EqualTo(422));
        Assert.That(Single(await BodyAsync(response)), Is.EqualTo(("model_attributes_type", new[] { "body" })));
    }

    [TestCase("01/15/2026 09:30:00 +00:00", 422)]
    [TestCase("yesterday", 422)]
    [TestCase("2026-01-15T09:30:00Z", 200)]
    [TestCase("2026-01-15T11:30:00.123456+02:00", 200)]
    [TestCase("2026-01-15T09:30:00", 200)]
    [TestCase("1768469400", 200)]
    public async Task ExternalEventTimestamps_MustBeIso8601OrUnixSeconds(string timestamp, int expected)
    {
        var clock = new ManualTimeProvider();
        await using var session = await StartAsync(new AmigoEmulatorOptions { TimeProvider = clock, TokenLifetime = TimeSpan.FromDays(1) });
        var id = await session.CreateConversationAsync();
        clock.Advance(TimeSpan.FromHours(1));

        var (status, events) = await session.StreamAsync(session.InteractRequest(id, "hi", externalEvents: [("Paid", timestamp)]));

        Assert.That(status, Is.EqualTo(expected), events[0].ToString());
        if (expected == 422)
        {
            Assert.That(Single(events[0]), Is.EqualTo(("datetime_from_date_parsing", new[] { "body", "external_event_message_timestamp", "0" })));
        }
    }

    [Test]
    public async Task JsonNullBody_IsNoBody_FineWhenOptional_MissingWhenRequired()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        var (_, messages) = await session.GetAsync($"conversation/{id}/messages/");
        var interaction = (string)messages["messages"]![0]!["interaction_id"]!;

        var (optional, _) = await session.PostAsync($"conversation/{id}/interaction/{interaction}/recommend_responses", "null");
        var (required, body) = await session.PostAsync("metric/evaluate", "null");

        Assert.That(optional, Is.EqualTo(200));
        Assert.That((required, Single(body)), Is.EqualTo((422, ("missing", new[] { "body" }))));
    }
}
