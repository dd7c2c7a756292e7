using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// The last pass: what remains of OpenAPI 3.1 is spelled the 3.0 way NSwag reads reliably. Constants become
/// defaults, numeric exclusive bounds become boolean ones, <c>$ref</c> with sibling keywords becomes <c>allOf</c>,
/// and leftover <c>discriminator</c> objects go (JsonSubTypes does that work; NSwag's JsonInheritanceConverter is
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
}
