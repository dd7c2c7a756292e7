using System.Globalization;
using System.Text;
using Amigo.Generated;
using Amigo.Generated.Tests.Support;
using Amigo.Streaming;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Amigo.Tests.Streaming;

/// <summary>
/// The generated System.Text.Json decoders (the stream's default path) against the Newtonsoft.Json path they replace:
/// every sample of every event and action type, and a seeded fuzzed corpus made from them, decoded both ways must
/// give equal events (compared as JSON with type names, required-ness ignored) and equal decode issues, or fail the
/// same way, in tolerant and strict mode.
/// </summary>
public class StreamDecoderDifferentialTests
{
    private const int Seed = 15;
    private const int FuzzedLines = 2000;

    private static readonly Lazy<IReadOnlyList<JObject>> SamplesOfEveryType = new(BuildSamples);

    [Test]
    public void Every_sample_of_every_event_and_action_type_decodes_the_same_on_the_generated_path()
    {
        var lines = SamplesOfEveryType.Value.Select(s => Encoding.UTF8.GetBytes(s.ToString(Formatting.None))).ToList();

        var handled = Compare(lines);

        // Schema-driven samples match the spec: the generated decoders must read every one of them themselves.
        Assert.That(handled, Is.EqualTo(lines.Count), "samples the generated decoders handed back to Newtonsoft.Json");
    }

    [Test]
    public void Every_sample_covers_every_event_and_action_type()
    {
        var types = SamplesOfEveryType.Value.Select(s => Decode(Tolerant, Encoding.UTF8.GetBytes(s.ToString())).Value).ToList();
        var expected = StreamedFamilies().SelectMany(f => f.Mapping.Values).ToHashSet();
        var seen = types.SelectMany(Models).Select(t => t.GetType().Name).ToHashSet();

        Assert.That(expected.Except(seen), Is.Empty);
    }

    [Test]
    public void A_fuzzed_corpus_decodes_the_same_on_both_paths_and_mostly_on_the_generated_one()
    {
        var random = new Random(Seed);
        var samples = SamplesOfEveryType.Value;
        var lines = Enumerable.Range(0, FuzzedLines).Select(_ => Fuzzer.Line(random, samples[random.Next(samples.Count)])).ToList();

        var handled = Compare(lines);
        TestContext.Out.WriteLine($"{handled} of {FuzzedLines} fuzzed lines decoded by the generated decoders");

        // Guards against a decoder that passes by handing everything back: about half the corpus is still valid.
        Assert.That(handled, Is.GreaterThan(FuzzedLines / 4), $"{handled} of {FuzzedLines} lines decoded by the generated decoders");
        Assert.That(handled, Is.LessThan(FuzzedLines), "the corpus must also hold lines that need Newtonsoft.Json");
    }

    [TestCase("""{"type":"new-message","message":"1","transcript_alignment":[[1.5,"a"]],"stop":false,"sequence_number":1,"message_id":"m"}""", TestName = "A fractional tuple item is converted by Newtonsoft.Json")]
    [TestCase("""{"type":"new-message","message":5,"transcript_alignment":null,"stop":false,"sequence_number":"3","message_id":"m"}""", TestName = "Numbers and strings converted by Newtonsoft.Json")]
    [TestCase("""{"type":"new-message","Message":"x","transcript_alignment":null,"stop":false,"sequence_number":1,"message_id":"m"}""", TestName = "A property name matched ignoring case")]
    [TestCase("""{"type":"new-message","message":"a","message":"b","transcript_alignment":null,"stop":false,"sequence_number":1,"message_id":"m"}""", TestName = "A duplicate property: the last wins")]
    [TestCase("""{"type":"new-message","message":"\ud800","transcript_alignment":null,"stop":false,"sequence_number":1,"message_id":"m"}""", TestName = "A lone surrogate")]
    [TestCase("""{"message":"x","type":"new-message","transcript_alignment":null,"stop":false,"sequence_number":1,"message_id":"m"}""", TestName = "The discriminator after other properties")]
    [TestCase("""{"type":"mood-changed","mood":"cheerful"}""", TestName = "An unknown event type")]
    [TestCase("""{"type":"current-agent-action","action":{"type":"dance-started","style":"salsa"}}""", TestName = "An unknown action type")]
    [TestCase("""{"type":"new-message","transcript_alignment":[[1,"a"],[2]],"stop":false,"sequence_number":1,"message_id":"m"}""", TestName = "A tuple of the wrong length and a missing required property")]
    [TestCase("""{"type":"new-message","message":"x","transcript_alignment":[[1,null]],"stop":false,"sequence_number":1,"message_id":"m"} // done""", TestName = "A comment after the value")]
    [TestCase("""{"conversation_id":"c"}""", TestName = "No discriminator")]
    [TestCase("null", TestName = "JSON null")]
    public void A_line_only_newtonsoft_reads_decodes_the_same(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        Assert.That(AmigoStreamDecoders.TryDecode(bytes, out _), Is.False, "the generated decoder must hand this line back");
        Compare([bytes]);
    }

    [Test]
    public void Invalid_utf8_a_bom_and_a_trailing_nul_are_handed_back()
    {
        var valid = Encoding.UTF8.GetBytes("""{"type":"conversation-created","conversation_id":"c"}""");
        Assert.That(AmigoStreamDecoders.TryDecode(valid, out var decoded), Is.True);
        Assert.That(((ConversationCreatedEvent)decoded!).ConversationId, Is.EqualTo("c"));

        byte[][] lines =
        [
            [.. valid[..^3], 0xFF, .. valid[^3..]],
            [0xEF, 0xBB, 0xBF, .. valid],
            [.. valid, 0],
        ];
        foreach (var line in lines)
        {
            Assert.That(AmigoStreamDecoders.TryDecode(line, out _), Is.False);
        }
        Compare(lines);
    }

    private static readonly INdjsonEventDeserializer<ConversationEvent> Tolerant = new NewtonsoftNdjsonDeserializer<ConversationEvent>(AmigoJsonDecoding.Tolerant);
    private static readonly INdjsonEventDeserializer<ConversationEvent> Strict = new NewtonsoftNdjsonDeserializer<ConversationEvent>(AmigoJsonDecoding.Strict);
    private static readonly INdjsonEventDeserializer<ConversationEvent> GeneratedTolerant = new GeneratedNdjsonDeserializer<ConversationEvent>(AmigoStreamDecoders.TryDecode, Tolerant);
    private static readonly INdjsonEventDeserializer<ConversationEvent> GeneratedStrict = new GeneratedNdjsonDeserializer<ConversationEvent>(AmigoStreamDecoders.TryDecode, Strict);

    /// <summary>Decodes every line on both paths in both modes; returns how many lines the generated decoders read themselves.</summary>
    private static int Compare(IReadOnlyList<byte[]> lines)
    {
        var handled = 0;
        foreach (var line in lines)
        {
            if (AmigoStreamDecoders.TryDecode(line, out _)) handled++;
            foreach (var (expected, actual) in new[] { (Tolerant, GeneratedTolerant), (Strict, GeneratedStrict) })
            {
                var before = Decode(expected, line);
                var after = Decode(actual, line);
                var text = Describe(line);
                Assert.That(after.Json, Is.EqualTo(before.Json), text);
                Assert.That(after.Issues, Is.EqualTo(before.Issues), text);
                Assert.That(after.Error, Is.EqualTo(before.Error), text);
            }
        }
        return handled;
    }

    private static (ConversationEvent? Value, string? Json, string? Issues, string? Error) Decode(INdjsonEventDeserializer<ConversationEvent> deserializer, byte[] line)
    {
        try
        {
            var value = deserializer.Deserialize(line, out var issues);
            var described = issues is null ? null : string.Join("; ", issues.Select(i => $"{i.Kind} {i.Path} {i.Property} {i.DeclaringType.Name} {i.Expected}"));
            return (value, Comparable(value), described, null);
        }
        catch (Exception e) when (e is not AssertionException)
        {
            return (null, null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The decoded value as JSON with every object's type name, written by a serializer that ignores Required.</summary>
    private static string? Comparable(ConversationEvent? value) =>
        value is null ? null : JsonConvert.SerializeObject(value, new JsonSerializerSettings
        {
            ContractResolver = new IgnoreRequired(),
            TypeNameHandling = TypeNameHandling.All,
            Converters = { new Newtonsoft.Json.Converters.StringEnumConverter() },
        });

    private sealed class IgnoreRequired : DefaultContractResolver
    {
        protected override JsonProperty CreateProperty(System.Reflection.MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            property.Required = Required.Default;
            return property;
        }

        protected override JsonContract CreateContract(Type objectType)
        {
            var contract = base.CreateContract(objectType);
            contract.Converter = null; // tuples and unions as plain objects: their values, not their converters, are compared
            return contract;
        }
    }

    private static string Describe(byte[] line) =>
        line.Length > 600 ? Encoding.UTF8.GetString(line, 0, 600) + "…" : Encoding.UTF8.GetString(line);

    private static IEnumerable<object> Models(object? value)
    {
        if (value is null || value is string || value is JToken || value.GetType().IsValueType) yield break;
        yield return value;
        if (value is System.Collections.IEnumerable items)
        {
            foreach (var item in items)
            foreach (var model in Models(item))
                yield return model;
            yield break;
        }
        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "AdditionalProperties"))
        foreach (var model in Models(property.GetValue(value)))
            yield return model;
    }

    /// <summary>The union families a streamed response's items belong to: the stream item's own, and every family its members reach.</summary>
    private static List<(string BaseName, string Discriminator, IReadOnlyDictionary<string, string> Mapping, string Fallback)> StreamedFamilies()
    {
        var roots = MergedSpec.Value.SelectTokens("$.paths.*.*.responses.*.content.*.x-amigo-stream-item['$ref']")
            .Select(r => ((string)r!).Split('/')[^1]).ToHashSet();
        var families = MergedSpec.Unions().ToList();
        var reached = families.Where(f => roots.Contains(f.BaseName)).ToList();
        for (var i = 0; i < reached.Count; i++)
        {
            var text = string.Concat(reached[i].Mapping.Values.Select(m => MergedSpec.Schemas[m]!.ToString()));
            foreach (var family in families)
            {
                if (!reached.Contains(family) && text.Contains($"#/components/schemas/{family.BaseName}\"", StringComparison.Ordinal)) reached.Add(family);
            }
        }
        return reached;
    }

    /// <summary>
    /// A sample of every member of every streamed family: each member of the stream item's family, and each member of
    /// a nested family in place of the one the schema-driven sample chose; discriminators first, as the API sends them.
    /// </summary>
    private static List<JObject> BuildSamples()
    {
        var families = StreamedFamilies();
        var root = families[0];
        var samples = new List<JObject>();
        foreach (var member in root.Mapping.Values)
        {
            var sample = (JObject)SampleJson.For(member);
            var variants = samples.Count;
            // A property that holds a nested family (the sample leaves it empty): one sample per member of that family.
            var schema = MergedSpec.Schemas[member]!;
            var properties = schema.SelectTokens("allOf[*].properties").Append(schema["properties"]).OfType<JObject>().SelectMany(p => p.Properties());
            foreach (var property in properties)
            foreach (var nested in families.Skip(1).Where(f => property.Value.ToString().Contains($"#/components/schemas/{f.BaseName}\"", StringComparison.Ordinal)))
            foreach (var nestedMember in nested.Mapping.Values)
            {
                var copy = (JObject)sample.DeepClone();
                copy[property.Name] = SampleJson.For(nestedMember);
                samples.Add(copy);
            }
            if (samples.Count == variants) samples.Add(sample);
        }
        var discriminators = families.Select(f => f.Discriminator).ToHashSet();
        return samples.Select(s => (JObject)DiscriminatorFirst(s, discriminators)).ToList();
    }

    private static JToken DiscriminatorFirst(JToken token, HashSet<string> discriminators) => token switch
    {
        JObject o => new JObject(o.Properties().OrderBy(p => discriminators.Contains(p.Name) ? 0 : 1).Select(p => new JProperty(p.Name, DiscriminatorFirst(p.Value, discriminators)))),
        JArray a => new JArray(a.Select(t => DiscriminatorFirst(t, discriminators))),
        _ => token.DeepClone(),
    };

    /// <summary>Seeded mutations of valid lines: what a drifting or broken server could send.</summary>
    private static class Fuzzer
    {
        private static readonly string[] Integers = ["0", "-0", "1", "-1", "3", "2147483647", "2147483648", "-2147483649", "9223372036854775807"];
        private static readonly string[] Fractions = ["1.5", "-0.0", "1e3", "1E-7", "2.0", "0.1", "1.7976931348623157e308"];
        private static readonly string[] Huge = ["123456789012345678901234567890", "1e400", "-1e400", "1" + new string('0', 400)];
        private static readonly string[] ExtraNames = ["extra", "Message", "MESSAGE_ID", "$id", "$type", "ünïcödé", "emoji😀", "", "type", "a\"b", "x\\y"];

        public static byte[] Line(Random random, JObject sample)
        {
            var value = (JObject)sample.DeepClone();
            var mutations = random.Next(4); // 0: the sample as is, in a random layout
            for (var i = 0; i < mutations; i++) Mutate(random, value);
            var text = new Writer(random).Write(value);
            var bytes = Encoding.UTF8.GetBytes(text);
            return random.Next(40) switch
            {
                0 => [.. bytes, 0],
                1 => [0xEF, 0xBB, 0xBF, .. bytes],
                2 => Insert(bytes, random.Next(bytes.Length), 0xFF),
                3 => bytes[..random.Next(bytes.Length)],
                4 => [.. bytes, .. " {}"u8],
                5 => [.. " \t"u8, .. bytes, .. "\r "u8],
                _ => bytes,
            };
        }

        private static byte[] Insert(byte[] bytes, int at, byte value) => [.. bytes[..at], value, .. bytes[at..]];

        private static void Mutate(Random random, JObject root)
        {
            var objects = root.DescendantsAndSelf().OfType<JObject>().ToList();
            var target = objects[random.Next(objects.Count)];
            var properties = target.Properties().ToList();
            switch (random.Next(9))
            {
                case 0 when properties.Count > 0:
                    properties[random.Next(properties.Count)].Remove();
                    break;
                case 1:
                case 2:
                    target[ExtraNames[random.Next(ExtraNames.Length)] + (random.Next(3) == 0 ? "" : random.Next(100).ToString(CultureInfo.InvariantCulture))] = RandomValue(random, 0);
                    break;
                case 3 when properties.Count > 0:
                case 4 when properties.Count > 0:
                    properties[random.Next(properties.Count)].Value = RandomValue(random, 0);
                    break;
                case 5 when properties.Count > 0:
                    var shuffled = properties.OrderBy(_ => random.Next()).ToList();
                    target.RemoveAll();
                    foreach (var p in shuffled) target.Add(p);
                    break;
                case 6:
                    target["deep"] = Deep(random, 50 + random.Next(20));
                    break;
                case 7 when properties.Count > 0:
                    properties[random.Next(properties.Count)].Value = JValue.CreateNull();
                    break;
                default:
                    target["extra_text"] = "caf\u00e9 \u2028 \U0001F600 \"quoted\" \\ / \t";
                    break;
            }
        }

        private static JToken Deep(Random random, int depth)
        {
            JToken value = random.Next(2) == 0 ? new JArray() : new JObject();
            for (var i = 0; i < depth; i++) value = random.Next(2) == 0 ? new JArray(value) : new JObject { ["d"] = value };
            return value;
        }

        /// <summary>Any JSON value; numbers as raw text (huge, fractional, exponents, negative zero) through <see cref="Writer"/>.</summary>
        private static JToken RandomValue(Random random, int depth) => random.Next(depth > 2 ? 9 : 12) switch
        {
            0 => JValue.CreateNull(),
            1 => new JValue(random.Next(2) == 0),
            2 => "text",
            3 => "",
            4 => Writer.RawNumber(Integers[random.Next(Integers.Length)]),
            5 => Writer.RawNumber(Fractions[random.Next(Fractions.Length)]),
            6 => Writer.RawNumber(Huge[random.Next(Huge.Length)]),
            7 => "\ud83d\ude00 \u00e9",
            8 => "2024-05-01T12:30:00Z",
            9 => new JArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))),
            10 => new JArray(Writer.RawNumber("1"), "a"),
            _ => new JObject(Enumerable.Range(0, random.Next(4)).Select(i => new JProperty("k" + i, RandomValue(random, depth + 1)))),
        };
    }

    /// <summary>Writes JSON text with random whitespace, random <c>\u</c> escapes (names, values, lone surrogates) and duplicate properties.</summary>
    private sealed class Writer(Random random)
    {
        private const string RawPrefix = "\u0001raw:";
        private readonly StringBuilder _text = new();

        public static JValue RawNumber(string text) => new(RawPrefix + text);

        public string Write(JToken token)
        {
            _text.Clear();
            Value(token);
            return _text.ToString();
        }

        private void Value(JToken token)
        {
            switch (token)
            {
                case JObject o:
                    _text.Append('{');
                    var properties = o.Properties().ToList();
                    for (var i = 0; i < properties.Count; i++)
                    {
                        if (i > 0) _text.Append(',');
                        Space();
                        String(properties[i].Name);
                        Space();
                        _text.Append(':');
                        Space();
                        Value(properties[i].Value);
                    }
                    if (properties.Count > 0 && random.Next(60) == 0)
                    {
                        var twin = properties[random.Next(properties.Count)];
                        _text.Append(',');
                        String(twin.Name);
                        _text.Append(':');
                        Value(twin.Value);
                    }
                    _text.Append('}');
                    break;
                case JArray a:
                    _text.Append('[');
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (i > 0) _text.Append(',');
                        Value(a[i]);
                    }
                    _text.Append(']');
                    break;
                case JValue { Type: JTokenType.String, Value: string s } when s.StartsWith(RawPrefix, StringComparison.Ordinal):
                    _text.Append(s[RawPrefix.Length..]);
                    break;
                case JValue { Type: JTokenType.String, Value: string s }:
                    String(s);
                    break;
                default:
                    _text.Append(token.ToString(Formatting.None));
                    break;
            }
        }

        private void Space()
        {
            if (random.Next(20) == 0) _text.Append(" \t\n\r"[random.Next(4)]);
        }

        private void String(string value)
        {
            var escapeAll = random.Next(25) == 0;
            var written = JsonConvert.ToString(value);
            if (!escapeAll && random.Next(300) != 0)
            {
                _text.Append(written);
                return;
            }
            _text.Append('"');
            foreach (var c in value) _text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            if (!escapeAll) _text.Append("\\ud800"); // a lone surrogate
            _text.Append('"');
        }
    }
}
