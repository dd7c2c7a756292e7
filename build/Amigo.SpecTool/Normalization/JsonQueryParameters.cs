using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// An object sent as a query parameter (<c>request_audio_config</c>) is JSON text in the URL. NSwag would instead
/// spread the object's extra properties into separate query parameters, or print its class name. Such a parameter
/// becomes a string that carries the JSON; the object's schema is kept under <c>x-amigo-json-of</c>, and the
/// generated type gets a <c>ToString()</c> that writes that JSON.
/// </summary>
public static class JsonQueryParameters
{
    public const string Marker = "x-amigo-json-of";

    public static void Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        foreach (var (operation, _, _, _) in SchemaWalker.Operations(document))
        foreach (var parameter in operation["parameters"]?.Children<JObject>() ?? [])
        {
            if ((string?)parameter["in"] != "query" || parameter["schema"] is not JObject schema) continue;
            var name = SchemaWalker.ReferencedName(schema) ?? SchemaWalker.ReferencedName(schema["allOf"]?.FirstOrDefault());
            if (name is null || schemas[name] is not JObject target || (target["properties"] is null && target["allOf"] is null)) continue;

            var description = (string?)schema["description"] ?? (string?)parameter["description"];
            var replacement = new JObject
            {
                ["type"] = "string",
                ["description"] = (description is null ? "" : description + "\n\n") + $"A {name}, as JSON text (its ToString() writes it).",
                [Marker] = name,
            };
            if (schema["nullable"] is not null) replacement["nullable"] = schema["nullable"];
            parameter["schema"] = replacement;
            parameter["description"] = replacement["description"]!.DeepClone();
        }
    }
}
