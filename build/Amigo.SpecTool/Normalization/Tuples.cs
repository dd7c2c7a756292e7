using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// <c>prefixItems</c> tuples (e.g. <c>[string, integer]</c> version infos) have no representation in NSwag. Each
/// distinct tuple shape becomes one component object named after its element types (<c>StringIntegerTuple</c>) with
/// properties <c>item1</c>…<c>itemN</c>; the support code generated alongside reads and writes it as a JSON array.
/// </summary>
public static class Tuples
{
    public const string Marker = "x-amigo-tuple";

    public static IReadOnlyList<string> Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var created = new List<string>();
        SchemaWalker.Walk(document, (schema, _) =>
        {
            if (schema["prefixItems"] is not JArray items) return;
            var elements = items.Children<JObject>().ToList();
            var name = string.Concat(elements.Select(ElementName)) + "Tuple";
            var tuple = new JObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["description"] = $"A tuple of {elements.Count} values, sent as a JSON array.",
                ["properties"] = new JObject(),
                ["required"] = new JArray(),
                [Marker] = elements.Count,
            };
            for (var i = 0; i < elements.Count; i++)
            {
                ((JObject)tuple["properties"]!)[$"item{i + 1}"] = elements[i].DeepClone();
                ((JArray)tuple["required"]!).Add($"item{i + 1}");
            }
            if (schemas[name] is { } existing && !JToken.DeepEquals(existing, tuple))
                throw new SpecToolException($"Two different tuple shapes would both be named '{name}'.");
            if (schemas[name] is null) { schemas[name] = tuple; created.Add(name); }

            SchemaWalker.ReplaceContent(schema, SchemaWalker.RefKeeping(schema, name, "title", "description", "nullable", "default"));
        });
        return created;
    }

    private static string ElementName(JObject element) =>
        SchemaWalker.ReferencedName(element) is { } reference ? reference
        : (string?)element["type"] is { } type ? TypeNaming.PascalKeepCase(type)
        : "Value";
}
