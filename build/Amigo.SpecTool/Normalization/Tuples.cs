using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// <c>prefixItems</c> tuples (e.g. <c>[string, integer]</c> version infos) have no representation in NSwag. Each
/// distinct tuple of C# element types becomes one component object named after those types (<c>StringIntegerTuple</c>)
/// with properties <c>item1</c>…<c>itemN</c>; the support code generated alongside reads and writes it as a JSON array.
/// Element constraints (patterns, lengths, bounds) do not change the C# type, so tuples that differ only in them share
/// one type, and each constraint is written into the description of the place that uses the tuple. Tuples whose
/// elements would be named alike but are different types (an enum and a plain string) are named after where they sit.
/// </summary>
public static class Tuples
{
    public const string Marker = "x-amigo-tuple";

    public static IReadOnlyList<string> Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var created = new List<string>();
        SchemaWalker.Walk(document, (schema, site) =>
        {
            if (schema["prefixItems"] is not JArray items) return;
            var elements = items.Children<JObject>().Select(e => (JObject)e.DeepClone()).ToList();
            var notes = new List<string>();
            for (var i = 0; i < elements.Count; i++)
            {
                foreach (var keyword in SchemaShape.Documentation) elements[i].Remove(keyword);
                var constraints = SchemaShape.DescribeConstraints(elements[i]);
                foreach (var keyword in SchemaShape.Constraints) elements[i].Remove(keyword);
                if (constraints.Count > 0) notes.Add($"item {i + 1}: {string.Join(", ", constraints)}");
            }
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
                ((JObject)tuple["properties"]!)[$"item{i + 1}"] = elements[i];
                ((JArray)tuple["required"]!).Add($"item{i + 1}");
            }

            var name = string.Concat(elements.Select(ElementName)) + "Tuple";
            if (schemas[name] is { } existing && !JToken.DeepEquals(existing, tuple))
                name = TypeNaming.PascalKeepCase(site.Owner) + TypeNaming.PascalKeepCase(site.Member ?? "Value") + "Tuple";
            if (schemas[name] is { } other && !JToken.DeepEquals(other, tuple))
                throw new SpecToolException($"The tuple at {site.Owner}.{site.Member} would be named '{name}', which another tuple shape has.");
            if (schemas[name] is null) { schemas[name] = tuple; created.Add(name); }

            if (notes.Count > 0)
                schema["description"] = ((string?)schema["description"] is { } d ? d + "\n\n" : "") + "Constraints: " + string.Join("; ", notes) + ".";
            SchemaWalker.ReplaceContent(schema, SchemaWalker.RefKeeping(schema, name, "title", "description", "nullable", "default"));
        });
        return created;
    }

    private static string ElementName(JObject element) =>
        SchemaWalker.ReferencedName(element) is { } reference ? reference
        : (string?)element["type"] is { } type ? TypeNaming.PascalKeepCase(type)
        : "Value";
}
