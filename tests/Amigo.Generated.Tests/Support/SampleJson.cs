using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests.Support;

/// <summary>
/// Builds a JSON value for a schema of the merged spec, filling every property, so that every member of every
/// union can be checked without hand-writing a sample for each. Values are in the form the serializer writes them,
/// so a round trip can be compared exactly.
/// </summary>
internal static class SampleJson
{
    public const string ObjectId = "65f1c0ffee0123456789abcd";
    public const string Timestamp = "2024-05-01T12:30:00+00:00";

    public static JToken For(string schemaName, int depth = 0) => ForSchema(MergedSpec.Schemas[schemaName]!, depth, schemaName);

    private static JToken ForSchema(JToken schema, int depth, string? name = null)
    {
        if (depth > 8) return JValue.CreateNull();
        if (schema["$ref"] is { } reference)
        {
            var target = ((string)reference!).Split('/')[^1];
            return ForSchema(MergedSpec.Schemas[target]!, depth + 1, target);
        }
        if (schema["x-amigo-union"] is { } union)
        {
            var first = ((JObject)union["mapping"]!).Properties().First();
            return For((string)first.Value!, depth + 1);
        }
        if (schema["x-amigo-tuple"] is { } count)
            return new JArray(Enumerable.Range(1, (int)count).Select(i => ForSchema(schema["properties"]![$"item{i}"]!, depth + 1)));
        if (schema["x-amigo-kind-union"] is JArray kinds)
        {
            var first = kinds[0];
            var member = schema["properties"]![(string)first["property"]!]!;
            return (string?)first["kind"] == "object" && (string?)member["type"] == "boolean" ? new JObject() : ForSchema(member, depth + 1);
        }
        if (schema["enum"] is JArray values) return values[0].DeepClone();
        if (schema["x-amigo-scalar-union"] is not null) return "a value";

        if (schema["allOf"] is JArray parts)
        {
            var merged = new JObject();
            foreach (var part in parts)
            {
                if (part["$ref"] is { } partRef && MergedSpec.Schemas[((string)partRef!).Split('/')[^1]]?["x-amigo-union"] is not null)
                    continue; // the union base: only the discriminator, set below
                var value = ForSchema(part, depth, null);
                if (value is JObject o) merged.Merge(o);
                else return value;
            }
            if (name is not null && MergedSpec.Schemas[name]?["x-amigo-discriminator-value"] is { } discriminatorValue)
            {
                var baseName = ((string)parts[0]["$ref"]!).Split('/')[^1];
                merged[(string)MergedSpec.Schemas[baseName]!["x-amigo-union"]!["discriminator"]!] = discriminatorValue.DeepClone();
            }
            return merged;
        }

        switch ((string?)schema["type"])
        {
            case "string":
                return (string?)schema["format"] == "date-time" ? Timestamp
                    : (string?)schema["pattern"] == "^[a-f0-9]{24}$" ? ObjectId
                    : "text";
            case "integer": return 3;
            case "number": return 1.5;
            case "boolean": return true;
            case "array": return new JArray(ForSchema(schema["items"] ?? new JObject(), depth + 1));
        }
        if (schema["properties"] is JObject properties)
        {
            var result = new JObject();
            foreach (var property in properties.Properties())
            {
                if (property.Value["x-amigo-union"] is null && property.Value["type"] is null && property.Value["$ref"] is null
                    && property.Value["allOf"] is null && property.Value["enum"] is null && property.Value["x-amigo-scalar-union"] is null
                    && property.Value["properties"] is null)
                {
                    result[property.Name] = new JObject { ["any"] = "value" }; // an untyped value
                    continue;
                }
                result[property.Name] = ForSchema(property.Value, depth + 1);
            }
            return result;
        }
        if (schema["additionalProperties"] is JObject additional)
            return new JObject { ["key"] = ForSchema(additional, depth + 1) };
        return new JObject();
    }
}
