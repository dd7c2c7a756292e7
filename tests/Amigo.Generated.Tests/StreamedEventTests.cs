using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>Realistic events, as the API streams them, read through the shared base.</summary>
public class StreamedEventTests
{
    private static readonly (string Json, Type Expected)[] Events =
    [
        ("""{"type":"conversation-created","conversation_id":"65f1c0ffee0123456789abcd"}""", typeof(ConversationCreatedEvent)),
        ("""{"type":"user-message-available","message_id":"65f1c0ffee0123456789abc1","user_message":"Hi there"}""", typeof(UserMessageAvailableEvent)),
        ("""{"type":"new-message","message":"Hello! ","transcript_alignment":null,"stop":false,"sequence_number":0,"message_id":"65f1c0ffee0123456789abc2"}""", typeof(NewMessageEvent)),
        ("""{"type":"interaction-complete","message_id":"65f1c0ffee0123456789abc2","interaction_id":"65f1c0ffee0123456789abc3","full_message":"Hello! How can I help?","conversation_completed":false}""", typeof(InteractionCompleteEvent)),
        ("""{"type":"error","http_error_code":503,"error_description":"The service is going through temporary maintenance."}""", typeof(ErrorEvent)),
    ];

    [Test]
    public void Each_event_reads_as_its_class_and_writes_back_the_same_json()
    {
        foreach (var (json, expected) in Events)
        {
            var value = JsonConvert.DeserializeObject<ConversationEvent>(json, AmigoJsonSettings.Create());
            Assert.That(value, Is.InstanceOf(expected), json);
            var written = JObject.Parse(JsonConvert.SerializeObject(value, AmigoJsonSettings.Create()));
            Assert.That(JToken.DeepEquals(written, JObject.Parse(json)), Is.True, $"{written} vs {json}");
        }
    }

    [Test]
    public void A_current_agent_action_carries_a_typed_action()
    {
        const string json = """
            {"type":"current-agent-action","action":{"type":"action-too-long","filler":"One moment while I look that up.","previously_started_event":{"type":"tool-call-started"}}}
            """;

        var value = JsonConvert.DeserializeObject<ConversationEvent>(json, AmigoJsonSettings.Create());

        var action = ((CurrentAgentActionEvent)value!).Action;
        Assert.That(action, Is.InstanceOf<ActionTooLongEvent>());
        Assert.That(((ActionTooLongEvent)action).Filler, Is.EqualTo("One moment while I look that up."));
    }

    [Test]
    public void An_unknown_event_type_comes_through_with_its_raw_json()
    {
        const string json = """{"type":"agent-mood-changed","mood":"cheerful","at":"2024-05-01T12:30:00Z","details":{"level":3}}""";

        var value = JsonConvert.DeserializeObject<ConversationEvent>(json, AmigoJsonSettings.Create());

        Assert.That(value, Is.InstanceOf<UnknownConversationEvent>());
        Assert.That(value!.Type, Is.EqualTo("agent-mood-changed"));
        var raw = ((UnknownConversationEvent)value).RawJson;
        Assert.That(JToken.DeepEquals(raw, Parse(json)), Is.True, raw.ToString());
    }

    [Test]
    public void An_unknown_nested_action_type_comes_through_with_its_raw_json()
    {
        const string json = """{"type":"current-agent-action","action":{"type":"dance-started","style":"salsa"}}""";

        var value = (CurrentAgentActionEvent)JsonConvert.DeserializeObject<ConversationEvent>(json, AmigoJsonSettings.Create())!;

        Assert.That(value.Action, Is.InstanceOf<UnknownConversationAction>());
        Assert.That(((UnknownConversationAction)value.Action).RawJson["style"]!.Value<string>(), Is.EqualTo("salsa"));
    }

    [Test]
    public void A_missing_type_does_not_crash_and_keeps_the_json()
    {
        const string json = """{"message":"no type here"}""";

        var value = JsonConvert.DeserializeObject<ConversationEvent>(json, AmigoJsonSettings.Create());

        Assert.That(value, Is.InstanceOf<UnknownConversationEvent>());
        Assert.That(value!.Type, Is.Null);
        Assert.That(((UnknownConversationEvent)value).RawJson["message"]!.Value<string>(), Is.EqualTo("no type here"));
    }

    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
