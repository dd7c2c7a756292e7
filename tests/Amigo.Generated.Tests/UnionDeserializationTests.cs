using Amigo.Generated.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>Every member of every union in the spec reads through its base to its own class and writes back the same JSON.</summary>
public class UnionDeserializationTests
{
    public static IEnumerable<TestCaseData> EveryUnionMember() =>
        MergedSpec.Unions().SelectMany(u => u.Mapping.Select(m =>
            new TestCaseData(u.BaseName, m.Key, m.Value).SetName($"{u.BaseName} member '{m.Key}' is {m.Value}")));

    [TestCaseSource(nameof(EveryUnionMember))]
    public void Member_deserializes_through_its_base_and_round_trips(string baseName, string discriminator, string leafName)
    {
        var json = SampleJson.For(leafName).ToString(Formatting.None);
        var baseType = MergedSpec.GeneratedType(baseName);

        var value = JsonConvert.DeserializeObject(json, baseType, AmigoJsonSettings.Create());

        Assert.That(value, Is.InstanceOf(MergedSpec.GeneratedType(leafName)));
        var written = JsonConvert.SerializeObject(value, AmigoJsonSettings.Create());
        Assert.That(JToken.DeepEquals(Parse(written), Parse(json)), Is.True, $"wrote {written}\nexpected {json}");
    }

    [Test]
    public void The_streamed_events_share_one_base()
    {
        var names = new[] { "ConversationCreatedEvent", "UserMessageAvailableEvent", "NewMessageEvent", "CurrentAgentActionEvent", "InteractionCompleteEvent", "ErrorEvent" };
        foreach (var name in names)
            Assert.That(MergedSpec.GeneratedType(name).BaseType, Is.EqualTo(typeof(ConversationEvent)), name);
    }

    [Test]
    public void A_new_member_sets_its_own_discriminator()
    {
        var json = JsonConvert.SerializeObject(new PCMUserMessageAudioConfig { FrameRate = 16000, NChannels = 1, SampleWidth = 2 }, AmigoJsonSettings.Create());

        Assert.That(JObject.Parse(json)["type"]!.Value<string>(), Is.EqualTo("pcm"));
        Assert.That(JsonConvert.DeserializeObject<UserMessageAudioConfig>(json), Is.InstanceOf<PCMUserMessageAudioConfig>());
    }

    [Test]
    public void A_union_sent_as_a_query_parameter_is_written_as_json()
    {
        UserMessageAudioConfig config = new PCMUserMessageAudioConfig { FrameRate = 16000, NChannels = 1, SampleWidth = 2 };

        var text = config.ToString();

        Assert.That(JToken.DeepEquals(JObject.Parse(text), JObject.Parse("""{"type":"pcm","frame_rate":16000,"n_channels":1,"sample_width":2}""")), Is.True, text);
    }

    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
