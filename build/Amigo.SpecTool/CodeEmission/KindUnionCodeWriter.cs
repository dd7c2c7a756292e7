using System.Text;
using Amigo.SpecTool.Normalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.CodeEmission;

/// <summary>
/// Completes each kind union (see <see cref="KindUnions"/>): it reads and writes the bare JSON value of whichever
/// member is set, converts implicitly from each member's type, and flags become static values
/// (<c>StringOrNotSet.NotSet</c>).
/// </summary>
public static class KindUnionCodeWriter
{
    private static readonly (string Kind, string Tokens)[] TokensOfKind =
    [
        ("string", "JsonToken.String"),
        ("number", "JsonToken.Integer or JsonToken.Float"),
        ("boolean", "JsonToken.Boolean"),
        ("array", "JsonToken.StartArray"),
        ("object", "JsonToken.StartObject"),
    ];

    private sealed record Member(string Kind, string Property, string? When, JObject Schema)
    {
        /// <summary>A sentinel member: a flag set when the value is <c>{}</c>.</summary>
        public bool IsFlag => Kind == "object" && (string?)Schema["type"] == "boolean";
    }

    public static void Write(StringBuilder code, string name, JObject schema)
    {
        var members = ((JArray)schema[KindUnions.Marker]!).Children<JObject>()
            .Select(m => new Member((string)m["kind"]!, (string)m["property"]!, (string?)m["when"], (JObject)schema["properties"]![(string)m["property"]!]!))
            .ToList();
        code.AppendLine($"[JsonConverter(typeof(JsonKindUnionConverter<{name}>))]");
        code.AppendLine($"public partial class {name} : IJsonKindUnion");
        code.AppendLine("{");
        foreach (var member in members)
        {
            if (member.IsFlag)
            {
                code.AppendLine($"    /// <summary>The value <c>{{}}</c>: {member.Property[2..]}.</summary>");
                code.AppendLine($"    public static {name} {member.Property[2..]} => new() {{ {member.Property} = true }};");
                code.AppendLine();
                continue;
            }
            var type = ClrType(member.Schema);
            if (type is null || type.StartsWith("System.Collections", StringComparison.Ordinal)) continue;
            code.AppendLine($"    /// <summary>A {name} holding <paramref name=\"value\"/> as its {member.Property}.</summary>");
            code.AppendLine($"    public static implicit operator {name}({type} value) => new() {{ {member.Property} = value }};");
            code.AppendLine();
        }
        code.AppendLine("    /// <inheritdoc/>");
        code.AppendLine("    public override string ToString() => JsonConvert.SerializeObject(this, Formatting.None);");
        code.AppendLine();
        code.AppendLine("    void IJsonKindUnion.ReadValue(JsonReader reader, JsonSerializer serializer)");
        code.AppendLine("    {");
        code.AppendLine("        switch (reader.TokenType)");
        code.AppendLine("        {");
        foreach (var kind in members.GroupBy(m => m.Kind))
        {
            code.AppendLine($"            case {TokensOfKind.First(t => t.Kind == kind.Key).Tokens}:");
            var only = kind.Count() == 1 ? kind.Single() : null;
            if (only is { IsFlag: true })
                code.AppendLine($"                reader.Skip(); {only.Property} = true; return;");
            else if (only is not null)
                code.AppendLine($"                {only.Property} = serializer.Deserialize<{ClrType(only.Schema) ?? "object"}>(reader); return;");
            else
            {
                // Objects told apart by the property only one of them requires.
                code.AppendLine("            {");
                code.AppendLine("                var json = JObject.Load(reader);");
                foreach (var member in kind)
                {
                    var read = $"{member.Property} = json.ToObject<{ClrType(member.Schema)}>(serializer); return;";
                    code.AppendLine(member.When is null ? $"                {read}" : $"                if (json.ContainsKey({Literal(member.When)})) {{ {read} }}");
                }
                if (kind.All(m => m.When is not null))
                    code.AppendLine($"                throw new JsonSerializationException($\"Expected an object with one of {string.Join(", ", kind.Select(m => m.When))} for {name} at '{{reader.Path}}'.\");");
                code.AppendLine("            }");
            }
        }
        var expected = string.Join(", ", members.Select(m => m.IsFlag ? "an empty object" : "a JSON " + m.Kind).Distinct());
        code.AppendLine("            default:");
        code.AppendLine($"                throw new JsonSerializationException($\"Expected {expected} for {name} at '{{reader.Path}}', found {{reader.TokenType}}.\");");
        code.AppendLine("        }");
        code.AppendLine("    }");
        code.AppendLine();
        code.AppendLine("    void IJsonKindUnion.WriteValue(JsonWriter writer, JsonSerializer serializer)");
        code.AppendLine("    {");
        foreach (var member in members)
        {
            if (member.IsFlag)
                code.AppendLine($"        if ({member.Property} == true) {{ writer.WriteStartObject(); writer.WriteEndObject(); return; }}");
            else
                code.AppendLine($"        if ({member.Property} is not null) {{ serializer.Serialize(writer, {member.Property}); return; }}");
        }
        code.AppendLine("        writer.WriteNull();");
        code.AppendLine("    }");
        code.AppendLine("}");
        code.AppendLine();
    }

    private static string Literal(string value) => JsonConvert.ToString(value);

    public static void WriteConverter(StringBuilder code)
    {
        code.AppendLine("""
            /// <summary>A value that is one of several kinds of JSON value, read and written as that bare value.</summary>
            internal interface IJsonKindUnion
            {
                void ReadValue(JsonReader reader, JsonSerializer serializer);

                void WriteValue(JsonWriter writer, JsonSerializer serializer);
            }

            /// <summary>Reads and writes a kind union (one property per kind of JSON value) as the bare value of the property that is set.</summary>
            /// <remarks>Generic over the union, so it creates it without reflection (trimming and NativeAOT safe).</remarks>
            internal sealed class JsonKindUnionConverter<TUnion> : JsonConverter
                where TUnion : class, IJsonKindUnion, new()
            {
                public override bool CanConvert(System.Type objectType) => true;

                public override object? ReadJson(JsonReader reader, System.Type objectType, object? existingValue, JsonSerializer serializer)
                {
                    if (reader.TokenType == JsonToken.Null) return null;
                    var value = new TUnion();
                    value.ReadValue(reader, serializer);
                    return value;
                }

                public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
                {
                    if (value is null) { writer.WriteNull(); return; }
                    ((IJsonKindUnion)value).WriteValue(writer, serializer);
                }
            }

            """);
    }

    /// <summary>The C# type NSwag gives a member (with the root nswag.json), for the members a kind union has.</summary>
    private static string? ClrType(JObject schema)
    {
        if (SchemaWalker.ReferencedName(schema) is { } reference) return reference;
        return (string?)schema["type"] switch
        {
            "string" => "string",
            "boolean" => "bool",
            "integer" => (string?)schema["format"] == "int64" ? "long" : "int",
            "number" => "double",
            "array" when schema["items"] is JObject items && ClrType(items) is { } item => $"System.Collections.Generic.List<{item}>",
            _ => null,
        };
    }
}
