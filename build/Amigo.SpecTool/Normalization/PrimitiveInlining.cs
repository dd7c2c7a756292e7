using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// Component schemas that are only a constrained scalar (a non-empty string, a bounded integer, ...) become no
/// type in C#; their generated names (<c>StrippedNonemptyString__1</c>) are noise. Their constraints are copied to
/// every place that references them, and the components are dropped.
/// </summary>
public static class PrimitiveInlining
{
    private static readonly HashSet<string> Scalars = ["string", "integer", "number", "boolean"];
    private static readonly string[] Structural = ["properties", "enum", "oneOf", "anyOf", "allOf", "const", "additionalProperties", "prefixItems", "items"];

    public static void Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var primitives = schemas.Properties()
            .Where(p => p.Value is JObject s && (string?)s["type"] is { } t && Scalars.Contains(t) && !Structural.Any(s.ContainsKey))
            .ToDictionary(p => p.Name, p => (JObject)p.Value);
        if (primitives.Count == 0) return;

        foreach (var node in document.SelectTokens("$..['$ref']").Select(t => t.Parent?.Parent).OfType<JObject>().ToList())
        {
            if (SchemaWalker.ReferencedName(node) is not { } name || !primitives.TryGetValue(name, out var primitive)) continue;
            var siblings = node.Properties().Where(p => p.Name != "$ref").ToList();
            var inlined = (JObject)primitive.DeepClone();
            inlined.Remove("title");
            foreach (var sibling in siblings) inlined[sibling.Name] = sibling.Value.DeepClone();
            SchemaWalker.ReplaceContent(node, inlined);
        }
        foreach (var name in primitives.Keys) schemas.Remove(name);
    }
}
