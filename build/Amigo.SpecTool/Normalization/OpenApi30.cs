using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// The last pass: what remains of OpenAPI 3.1 is spelled the 3.0 way NSwag reads reliably. Constants become
/// defaults, numeric exclusive bounds become boolean ones, <c>$ref</c> with sibling keywords becomes <c>allOf</c>,
/// base64 <c>contentEncoding</c> becomes <c>format: byte</c> (with no string default), and leftover
/// <c>discriminator</c> objects go (JsonSubTypes does that work; NSwag's JsonInheritanceConverter is
/// not wanted).
/// </summary>
public static class OpenApi30
{
    public static void Run(JObject document)
    {
        document["openapi"] = "3.0.3";
        // A response schema of {} allows any JSON, null included (FastAPI answers null for "returns nothing").
        foreach (var (operation, _, _, _) in SchemaWalker.Operations(document))
        foreach (var response in (operation["responses"] as JObject)?.Properties() ?? [])
        foreach (var media in (response.Value["content"] as JObject)?.Properties() ?? [])
            if (media.Value["schema"] is JObject { HasValues: false } any)
                any["nullable"] = true;
        SchemaWalker.Walk(document, (schema, _) =>
        {
            BinaryStrings(schema);
            schema.Remove("discriminator");
            schema.Remove("examples");
            if (schema["const"] is { } constant)
            {
                schema.Remove("const");
                schema["default"] ??= constant;
                schema["description"] = ((string?)schema["description"] is { } d ? d + "\n\n" : "") + $"Always `{constant}`.";
            }
            foreach (var (exclusive, inclusive) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
            {
                if (schema[exclusive] is JValue { Type: JTokenType.Integer or JTokenType.Float } bound)
                {
                    schema[inclusive] = bound;
                    schema[exclusive] = true;
                }
            }
            if (schema["$ref"] is { } reference && schema.Count > 1)
            {
                schema.Remove("$ref");
                schema.Remove("type");
                schema["allOf"] = new JArray(new JObject { ["$ref"] = reference });
            }
            if (schema["additionalProperties"] is JObject { HasValues: false })
                schema["additionalProperties"] = true;
        });
    }

    /// <summary>
    /// 3.1's <c>contentEncoding: base64</c> is 3.0's <c>format: byte</c> (a byte array in C#). A byte array cannot
    /// be initialized from a string, so a binary value's textual default goes into its description instead.
    /// </summary>
    private static void BinaryStrings(JObject schema)
    {
        if ((string?)schema["contentEncoding"] is { } encoding)
        {
            schema.Remove("contentEncoding");
            schema.Remove("contentMediaType");
            if (encoding.StartsWith("base64", StringComparison.OrdinalIgnoreCase)) schema["format"] = "byte";
        }
        if ((string?)schema["format"] is "binary" or "byte" && schema["default"] is JValue { Type: JTokenType.String } initial)
        {
            schema.Remove("default");
            schema["description"] = ((string?)schema["description"] is { } d ? d + "\n\n" : "") + $"Default: `{initial}`.";
        }
    }
}
