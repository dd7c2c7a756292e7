using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// Object schemas written inline (a property whose value is an object with its own properties) are lifted into
/// components named after where they sit (<c>Owner</c> + <c>Property</c>, or <c>Owner</c> + <c>Property</c> +
/// <c>Object</c> when another type has that name), so NSwag does not invent names for them.
/// Multipart request bodies stay inline: NSwag turns their properties into form-field parameters.
/// </summary>
public static class InlineObjects
{
    public static void Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var componentNodes = new HashSet<JToken>(schemas.Properties().Select(p => p.Value));
        var multipartBodies = new HashSet<JToken>(
            SchemaWalker.Operations(document)
                .SelectMany(o => (o.Operation["requestBody"]?["content"] as JObject)?.Properties() ?? [])
                .Where(m => m.Name.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
                .Select(m => m.Value["schema"]).OfType<JObject>());

        // The parts of an allOf are a type's own members under inheritance, not separate types.
        var inheritanceParts = new HashSet<JToken>(document.SelectTokens("$..allOf[*]"));

        SchemaWalker.Walk(document, (schema, site) =>
        {
            if (componentNodes.Contains(schema) || multipartBodies.Contains(schema) || inheritanceParts.Contains(schema)) return;
            if (schema["properties"] is not JObject { HasValues: true } || schema["allOf"] is not null) return;

            var lifted = (JObject)schema.DeepClone();
            lifted.Remove("nullable");
            // Owner + property; if another type has that name ("A" + "bc" and "AB" + "c"), Owner + property + "Object".
            var derived = TypeNaming.PascalKeepCase(site.Owner) + TypeNaming.PascalKeepCase(site.Member ?? "Value");
            var name = new[] { derived, derived + "Object" }.FirstOrDefault(n => schemas[n] is null || JToken.DeepEquals(schemas[n], lifted))
                ?? throw new SpecToolException($"The inline object at {site.Owner}.{site.Member} would be named '{derived}' or '{derived}Object', which other types have.");
            if (schemas[name] is null)
            {
                schemas[name] = lifted;
                componentNodes.Add(lifted);
            }
            SchemaWalker.ReplaceContent(schema, SchemaWalker.RefKeeping(schema, name, "description", "nullable"));
        });
    }
}
