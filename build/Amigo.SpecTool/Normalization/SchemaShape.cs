using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>Canonical text for comparing schemas by what they mean to C#, ignoring documentation and, optionally, validation.</summary>
public static class SchemaShape
{
    /// <summary>Keywords that only document a value.</summary>
    public static readonly string[] Documentation = ["title", "description", "default", "examples", "example", "deprecated"];

    /// <summary>Keywords that constrain a value without changing its C# type.</summary>
    public static readonly string[] Constraints =
        ["pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems"];

    /// <summary>The constraints a schema has, as text for a description: <c>pattern `^[a-z]+$`, minLength 1</c>.</summary>
    public static List<string> DescribeConstraints(JObject schema) =>
        Constraints.Where(schema.ContainsKey)
            .Select(k => schema[k] is JValue { Type: JTokenType.String } text ? $"{k} `{text}`" : $"{k} {schema[k]!.ToString(Formatting.None)}")
            .ToList();

    /// <summary>
    /// The schema as canonical JSON (object keys sorted) without documentation keywords, and without validation
    /// keywords (and which members are required) when <paramref name="ignoreConstraints"/> is set. Two schemas with the same text are the same C# type.
    /// </summary>
    public static string Of(JToken schema, bool ignoreConstraints) => Canonical(schema, ignoreConstraints).ToString(Formatting.None);

    private static JToken Canonical(JToken token, bool ignoreConstraints)
    {
        switch (token)
        {
            case JObject o:
                var result = new JObject();
                foreach (var property in o.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    // "properties" maps names to schemas: its keys are member names, never keywords.
                    if (property.Name == "properties" && property.Value is JObject members)
                    {
                        result[property.Name] = new JObject(members.Properties().OrderBy(p => p.Name, StringComparer.Ordinal)
                            .Select(p => new JProperty(p.Name, Canonical(p.Value, ignoreConstraints))));
                        continue;
                    }
                    if (Documentation.Contains(property.Name) || (ignoreConstraints && (Constraints.Contains(property.Name) || property.Name == "required"))) continue;
                    result[property.Name] = Canonical(property.Value, ignoreConstraints);
                }
                return result;
            case JArray a:
                return new JArray(a.Select(t => Canonical(t, ignoreConstraints)));
            default:
                return token.DeepClone();
        }
    }
}
