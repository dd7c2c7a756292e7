using Amigo.Emulator.Http;
using Amigo.Emulator.Spec;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Tests;

/// <summary>The synthesizer and the validator on plain JSON Schema constructs the merged spec may carry besides its
/// own (x-amigo-union, x-amigo-tuple), which the all-operations test covers: prefixItems tuples, const, anyOf and
/// oneOf with a discriminator.</summary>
public sealed class SchemaSynthesisTests
{
    private static readonly EmulatorSpec Spec = EmulatorSpec.Instance;

    private static List<(string Type, string Loc)> Errors(JToken value, string schema)
    {
        var validation = new Validation();
        new SchemaValidator(Spec, validation).Json(value, JObject.Parse(schema), ["body"]);
        return [.. validation.Errors.Select(e => ((string)e["type"]!, string.Join(",", e["loc"]!.Select(l => l.ToString()))))];
    }

    private static JToken Synthesize(string schema) => new SchemaSynthesizer(Spec).Value(JObject.Parse(schema));

    [Test]
    public void PrefixItems_AreTuples()
    {
        const string schema = """{"type":"array","prefixItems":[{"type":"string","pattern":"^[a-f0-9]{24}$"},{"type":"integer","minimum":3}]}""";

        var value = Synthesize(schema);

        Assert.That(value, Is.TypeOf<JArray>().And.Count.EqualTo(2));
        Assert.That(((string)value[0]!, (int)value[1]!), Is.EqualTo(((string)value[0]!, 3)));
        Assert.That(Errors(value, schema), Is.Empty);
        Assert.That(Errors(JArray.Parse("[\"x\", 1]"), schema),
            Is.EqualTo(new[] { ("string_pattern_mismatch", "body,0"), ("greater_than_equal", "body,1") }));
        Assert.That(Errors(JArray.Parse("[\"0123456789abcdef01234567\"]"), schema), Is.EqualTo(new[] { ("tuple_type", "body") }));
    }

    [Test]
    public void AnyOf_WithConst_TakesTheFirstNonNullAlternative()
    {
        const string schema = """{"anyOf":[{"type":"null"},{"type":"string","const":"pcm"}]}""";

        Assert.That((string?)Synthesize(schema), Is.EqualTo("pcm"));
        Assert.That(Errors(JValue.CreateNull(), schema), Is.Empty);
        Assert.That(Errors(new JValue("pcm"), schema), Is.Empty);
        Assert.That(Errors(new JValue("wav"), schema), Is.EqualTo(new[] { ("none_required", "body") }));
    }

    [Test]
    public void OneOf_WithADiscriminator_IsTaggedAndCheckedByTag()
    {
        const string schema = """
            {"oneOf":[{"$ref":"#/components/schemas/PCMUserMessageAudioConfig"}],
             "discriminator":{"propertyName":"type","mapping":{"pcm":"#/components/schemas/PCMUserMessageAudioConfig"}}}
            """;

        var value = Synthesize(schema);

        Assert.That((string?)value["type"], Is.EqualTo("pcm"));
        Assert.That(Errors(value, schema), Is.Empty);
        Assert.That(Errors(JObject.Parse("""{"type":"wav"}"""), schema), Is.EqualTo(new[] { ("union_tag_invalid", "body") }));
        Assert.That(Errors(JObject.Parse("""{"type":"pcm","frame_rate":1,"n_channels":1,"sample_width":3}"""), schema),
            Is.EqualTo(new[] { ("greater_than_equal", "body,pcm,frame_rate"), ("enum", "body,pcm,sample_width") }));
    }
}
