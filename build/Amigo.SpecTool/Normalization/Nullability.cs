using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// OpenAPI 3.1 spells "X or null" as <c>anyOf: [X, {type: null}]</c> or <c>type: [x, "null"]</c>; NSwag turns the
/// former into empty junk classes. Both become X marked <c>nullable</c> (3.0 style); a nullable reference becomes
/// <c>allOf: [$ref]</c> so its description and nullability survive. A union of several scalars (number, boolean,
/// string) becomes an untyped value, which the façade reads with typed accessors.
/// </summary>
public static class Nullability
{
    private static readonly HashSet<string> Scalars = ["string", "integer", "number", "boolean"];

    public static void Run(JObject document) => SchemaWalker.Walk(document, (schema, _) => Normalize(schema));

    private static void Normalize(JObject schema)
    {
        if (schema["type"] is JArray types)
        {
            var nonNull = types.Values<string>().Where(t => t != "null").ToList();
            if (nonNull.Count < types.Count) schema["nullable"] = true;
            if (nonNull.Count == 1) schema["type"] = nonNull[0];
            else schema.Remove("type");
        }
        foreach (var key in new[] { "anyOf", "oneOf" })
        {
            if (schema[key] is not JArray members) continue;
            var nulls = members.Children<JObject>().Where(IsNull).ToList();
            if (nulls.Count == 0)
            {
                CollapseScalarUnion(schema, key, members);
                continue;
            }
            foreach (var n in nulls) n.Remove();
            schema["nullable"] = true;
            if (members.Count == 1)
            {
                var only = (JObject)members[0];
                schema.Remove(key);
                if (only["$ref"] is not null)
                {
                    schema["allOf"] = new JArray(only);
                }
                else
                {
                    foreach (var property in only.Properties())
                        if (schema[property.Name] is null) schema[property.Name] = property.Value;
                }
            }
            else
            {
                CollapseScalarUnion(schema, key, members);
            }
        }
    }

    private static void CollapseScalarUnion(JObject schema, string key, JArray members)
    {
        var distinctScalars = members.Children<JObject>()
            .Select(m => m.Properties().All(p => p.Name is "type" or "title" or "description" or "format") ? (string?)m["type"] : null)
            .ToList();
        if (distinctScalars.Count < 2 || distinctScalars.Any(t => t is null || !Scalars.Contains(t))) return;
        schema.Remove(key);
        var description = (string?)schema["description"];
        schema["description"] = (description is null ? "" : description + "\n\n") + "One of: " + string.Join(", ", distinctScalars) + ".";
        schema["x-amigo-scalar-union"] = new JArray(distinctScalars);
    }

    private static bool IsNull(JObject schema) =>
        (string?)schema["type"] == "null" && schema.Properties().All(p => p.Name is "type" or "title" or "description");
}
