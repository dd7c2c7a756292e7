using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// A multipart body described as a oneOf of object variants (keyed by a constant field) cannot become form
/// fields. It is rewritten into one object with every variant's fields: the constant field becomes an enum of
/// the variants' values, and only fields every variant requires stay required.
/// </summary>
public static class MultipartBodies
{
    public static void Run(JObject document)
    {
        foreach (var (operation, operationId, _, _) in SchemaWalker.Operations(document))
        foreach (var media in (operation["requestBody"]?["content"] as JObject)?.Properties() ?? [])
        {
            if (!media.Name.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)) continue;
            if (media.Value["schema"] is not JObject schema) continue;
            var variants = (schema["oneOf"] ?? schema["anyOf"])?.Children<JObject>().Select(v => Resolve(document, v)).ToList();
            if (variants is null || variants.Count == 0) continue;
            if (variants.Any(v => v["properties"] is not JObject))
                throw new SpecToolException($"The multipart body of '{operationId}' has a variant that is not an object with properties; form fields cannot be derived from it.");

            var merged = new JObject { ["type"] = "object", ["properties"] = new JObject() };
            var properties = (JObject)merged["properties"]!;
            var required = new HashSet<string>(variants[0]["required"]?.Values<string>().OfType<string>() ?? []);
            var descriptions = new List<string>();
            foreach (var variant in variants)
            {
                required.IntersectWith(variant["required"]?.Values<string>().OfType<string>() ?? []);
                foreach (var property in ((JObject)variant["properties"]!).Properties())
                {
                    if (property.Value["const"] is JValue constant)
                    {
                        var existing = properties[property.Name] as JObject ?? new JObject { ["type"] = "string", ["enum"] = new JArray() };
                        ((JArray)existing["enum"]!).Add(constant.DeepClone());
                        properties[property.Name] = existing;
                        continue;
                    }
                    if (properties[property.Name] is null)
                    {
                        var copy = (JObject)property.Value.DeepClone();
                        copy.Remove("maxItems");
                        copy.Remove("maxLength");
                        properties[property.Name] = copy;
                    }
                }
                if ((string?)variant["title"] is { } title) descriptions.Add(title);
            }
            merged["required"] = new JArray(required.Order(StringComparer.Ordinal));
            // NSwag writes form fields with the current culture's ToString(); dates go as ISO 8601 text the caller formats.
            foreach (var property in properties.Properties().Select(p => (JObject)p.Value))
                FormDatesAsText(property["items"] as JObject ?? property);
            // NSwag throws on a null form field unless the schema says it may be absent.
            foreach (var property in properties.Properties().Where(p => !required.Contains(p.Name)))
                property.Value["nullable"] = true;
            merged["description"] = "One of the variants " + string.Join(", ", descriptions) + ", as form fields.";
            media.Value["schema"] = merged;
        }
    }

    private static void FormDatesAsText(JObject schema)
    {
        if ((string?)schema["format"] is not ("date-time" or "date")) return;
        schema["description"] = ((string?)schema["description"] is { } d ? d + " " : "") + "ISO 8601 text, for example 2024-05-01T12:30:00Z.";
        schema.Remove("format");
    }

    private static JObject Resolve(JObject document, JObject schema) =>
        SchemaWalker.ReferencedName(schema) is { } name && document["components"]?["schemas"]?[name] is JObject target ? target : schema;
}
