using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// Gives every string enum a named component and clean, unique member names (<c>x-enumNames</c>), so NSwag neither
/// invents names such as <c>Request_format</c> nor collides on values that PascalCase alike (<c>GMT-0</c> becomes
/// <c>GmtMinus0</c>, <c>GMT0</c> stays <c>Gmt0</c>). An inline enum with the same values as a named one reuses it.
/// Integer enums (<c>sample_width: 2 or 4</c>) stay plain integers: members named <c>_2</c> help nobody.
/// </summary>
public static class Enums
{
    public static void Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var byValues = schemas.Properties()
            .Where(p => IsStringEnum(p.Value as JObject))
            .GroupBy(p => Key((JObject)p.Value))
            .ToDictionary(g => g.Key, g => g.First().Name);
        var componentNodes = new HashSet<JToken>(schemas.Properties().Select(p => p.Value));

        SchemaWalker.Walk(document, (schema, site) =>
        {
            if (schema["enum"] is not JArray values) return;
            if (values.Any(v => v.Type != JTokenType.String))
            {
                if (values.All(v => v.Type is JTokenType.Integer or JTokenType.Float))
                {
                    schema.Remove("enum");
                    var allowed = string.Join(", ", values.Select(v => v.ToString()));
                    schema["description"] = ((string?)schema["description"] is { } d ? d + "\n\n" : "") + $"One of: {allowed}.";
                    schema["x-amigo-allowed-values"] = values;
                }
                return;
            }
            if (componentNodes.Contains(schema)) return;

            var key = Key(schema);
            if (!byValues.TryGetValue(key, out var name))
            {
                name = TypeNaming.PascalKeepCase(site.Member ?? site.Owner);
                if (schemas[name] is not null) name = TypeNaming.PascalKeepCase(site.Owner) + name;
                if (schemas[name] is not null)
                    throw new SpecToolException($"The enum at {site.Owner}.{site.Member} would be named '{name}', which is taken.");
                var component = new JObject { ["type"] = "string", ["enum"] = values.DeepClone() };
                schemas[name] = component;
                componentNodes.Add(component);
                byValues[key] = name;
            }
            SchemaWalker.ReplaceContent(schema, SchemaWalker.RefKeeping(schema, name, "title", "description", "default", "nullable"));
        });

        foreach (var component in schemas.Properties().Select(p => p.Value).OfType<JObject>().Where(IsStringEnum))
            component["x-enumNames"] = new JArray(MemberNames(component["enum"]!.Values<string>().Select(v => v ?? "")));
    }

    /// <summary>Unique PascalCase member names for enum values, in order.</summary>
    public static IReadOnlyList<string> MemberNames(IEnumerable<string> values)
    {
        var names = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var name = MemberName(value);
            if (!used.Add(name))
            {
                // Values that differ only in punctuation (a_b, a-b): spell the punctuation out.
                name = MemberName(value, spellPunctuation: true);
                if (!used.Add(name))
                    throw new SpecToolException($"The enum values '{value}' and another value both become the C# name '{name}'.");
            }
            names.Add(name);
        }
        return names;
    }

    private static string MemberName(string value, bool spellPunctuation = false)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var beforeDigit = i + 1 < value.Length && char.IsDigit(value[i + 1]);
            if (c == '+' && (beforeDigit || spellPunctuation)) builder.Append(" Plus ");
            else if (c == '-' && (beforeDigit || spellPunctuation)) builder.Append(" Minus ");
            else if (spellPunctuation && c == '_') builder.Append(" Underscore ");
            else if (spellPunctuation && c == '/') builder.Append(" Slash ");
            else if (spellPunctuation && c == '.') builder.Append(" Dot ");
            else builder.Append(c);
        }
        var name = Naming.Pascal(builder.ToString());
        return name == "_" ? "Empty" : name;
    }

    private static bool IsStringEnum(JObject? schema) =>
        schema?["enum"] is JArray values && values.Count > 0 && values.All(v => v.Type == JTokenType.String);

    private static string Key(JObject schema) => string.Join("\u0001", schema["enum"]!.Values<string>());
}
