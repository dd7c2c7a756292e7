using System.Text;
using Amigo.Generated;
using Amigo.Streaming;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Tests.Streaming;

[TestFixture]
public class NewtonsoftNdjsonDeserializerTests
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(AmigoJsonSettings.Create());
    private static readonly NewtonsoftNdjsonDeserializer<ConversationEvent> Direct = new(Serializer);
    private static readonly NewtonsoftNdjsonDeserializer<ConversationEvent> ThroughJsonSubTypes = new(Serializer, populateKnownSubtypesDirectly: false);

    private static readonly string[] Lines =
    [
        ConversationEvents.Created("65f1c0ffee0123456789abcd"),
        ConversationEvents.UserMessage("Grüße 👋"),
        ConversationEvents.ActionTooLong("One moment."),
        ConversationEvents.FragmentAction,
        ConversationEvents.UnknownAction,
        ConversationEvents.UnknownEvent,
        ConversationEvents.TextPiece("Hello ", 0),
        ConversationEvents.VoicePiece([1, 2, 3, 4], [[0, "H"], [40, "é"]], 1, stop: true),
        ConversationEvents.Complete("Hello"),
        ConversationEvents.Error(503, "overloaded"),
        """ { "type" : "new-message", "message":"spaced","transcript_alignment":null,"stop":false,"sequence_number":2,"message_id":"m","extra_field":{"a":[1,2]}}""",
        """{"message":"type not first","type":"new-message","transcript_alignment":null,"stop":true,"sequence_number":3,"message_id":"m"}""",
        """{"type":"new-\u006dessage","message":"escaped discriminator","transcript_alignment":null,"stop":true,"sequence_number":4,"message_id":"m"}""",
    ];

    private static IEnumerable<TestCaseData> EveryLine() => Lines.Select(l => new TestCaseData(l).SetArgDisplayNames(l[..Math.Min(40, l.Length)]));

    [TestCaseSource(nameof(EveryLine))]
    public void PopulatingKnownSubtypesDirectlyGivesWhatJsonSubTypesGives(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line);

        var direct = Direct.Deserialize(bytes, out _);
        var reference = ThroughJsonSubTypes.Deserialize(bytes, out _);

        Assert.That(direct!.GetType(), Is.EqualTo(reference!.GetType()));
        var directJson = JObject.FromObject(direct, Serializer);
        var referenceJson = JObject.FromObject(reference, Serializer);
        Assert.That(JToken.DeepEquals(directJson, referenceJson), Is.True, $"{directJson}\nvs\n{referenceJson}");
    }

    [TestCase("{\"type\":\"new-message\",\"message\":\"x\"}", true)]
    [TestCase(" { \"type\" :\t\"interaction-complete\" }", true)]
    [TestCase("{\"message\":\"x\",\"type\":\"new-message\"}", false)]
    [TestCase("{\"type\":\"agent-mood-changed\"}", false)]
    [TestCase("{\"type\":\"new-\\u006dessage\"}", false)]
    [TestCase("[\"type\",\"new-message\"]", false)]
    [TestCase("{\"type\":\"new-message", false)]
    public void TheDiscriminatorIsRecognisedOnlyWhenItLeadsTheLineUnescaped(string line, bool recognised)
    {
        var index = DiscriminatorIndex.For(typeof(ConversationEvent), Serializer);

        Assert.That(index!.Match(Encoding.UTF8.GetBytes(line)) is not null, Is.EqualTo(recognised));
    }

    [Test]
    public void AMissingRequiredPropertyFailsOnTheDirectPath_WhenStrict()
    {
        byte[] line = Encoding.UTF8.GetBytes("""{"type":"interaction-complete","message_id":"m"}""");

        Assert.Throws<JsonSerializationException>(() => Direct.Deserialize(line, out _));
    }

    [Test]
    public void AWrongValueTypeFailsOnTheDirectPath_WhenStrict()
    {
        byte[] line = Encoding.UTF8.GetBytes("""{"type":"new-message","message":"x","transcript_alignment":null,"stop":"maybe","sequence_number":0,"message_id":"m"}""");

        Assert.That(() => Direct.Deserialize(line, out _), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public void ANonUnionTypeIsDeserializedNormally()
    {
        var deserializer = new NewtonsoftNdjsonDeserializer<TestEvent>(Serializer);

        var value = deserializer.Deserialize(Encoding.UTF8.GetBytes(TestEvent.Line(7, "h€llo")), out _);

        Assert.That((value!.N, value.Text), Is.EqualTo((7, "h€llo")));
        Assert.That(DiscriminatorIndex.For(typeof(TestEvent), Serializer), Is.Null);
    }
}
