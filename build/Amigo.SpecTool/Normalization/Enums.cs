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
                // The property's name; else the owner's and the property's; else that and "Kind".
                var member = TypeNaming.PascalKeepCase(site.Member ?? site.Owner);
                var qualified = TypeNaming.PascalKeepCase(site.Owner) + member;
                name = new[] { member, qualified, qualified + "Kind" }.FirstOrDefault(n => schemas[n] is null)
                    ?? throw new SpecToolException($"The enum at {site.Owner}.{site.Member} would be named '{member}', '{qualified}' or '{qualified}Kind', which other types have.");
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
                // Values that differ only in punctuation (a_b, a-b; <, <=): spell the punctuation out.
                name = MemberName(value, spellPunctuation: true);
                if (!used.Add(name))
                    throw new SpecToolException($"The enum values '{value}' and another value both become the C# name '{name}'.");
            }
            names.Add(name);
        }
        return names;
    }

    /// <summary>How symbols read in a member name: operators by meaning, other punctuation by name.</summary>
    private static readonly (string Symbol, string Word)[] Symbols =
    [
        ("==", "Equal"), ("!=", "NotEqual"), ("<=", "LessThanOrEqual"), (">=", "GreaterThanOrEqual"), ("&&", "And"), ("||", "Or"),
        ("<", "LessThan"), (">", "GreaterThan"), ("=", "Equals"), ("!", "Not"), ("&", "Ampersand"), ("|", "Pipe"),
        ("+", "Plus"), ("-", "Minus"), ("*", "Asterisk"), ("/", "Slash"), ("\\", "Backslash"), ("%", "Percent"), ("^", "Caret"),
        ("~", "Tilde"), (".", "Dot"), (",", "Comma"), (":", "Colon"), (";", "Semicolon"), ("?", "Question"), ("@", "At"),
        ("#", "Hash"), ("$", "Dollar"), ("_", "Underscore"), ("(", "OpenParenthesis"), (")", "CloseParenthesis"),
        ("[", "OpenBracket"), ("]", "CloseBracket"), ("{", "OpenBrace"), ("}", "CloseBrace"), ("'", "Apostrophe"),
        ("\"", "Quote"), ("`", "Backtick"), (" ", "Space"),
    ];

    private static string MemberName(string value, bool spellPunctuation = false)
    {
        if (value.Length == 0) return "Empty";
        // A value made only of symbols (==, <=) is named by them; so is every value once plain names collide.
        var spell = spellPunctuation || !value.Any(char.IsLetterOrDigit);
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsLetterOrDigit(c)) { builder.Append(c); continue; }
            var beforeDigit = i + 1 < value.Length && char.IsDigit(value[i + 1]);
            if (!spell && !(beforeDigit && c is '+' or '-')) { builder.Append(' '); continue; }
            var (symbol, word) = Symbols.FirstOrDefault(s => string.CompareOrdinal(value, i, s.Symbol, 0, s.Symbol.Length) == 0);
            if (symbol is null) { builder.Append($" U{(int)c:X4} "); continue; }
            builder.Append(' ').Append(word).Append(' ');
            i += symbol.Length - 1;
        }
        return Naming.Pascal(builder.ToString());
    }

    private static bool IsStringEnum(JObject? schema) =>
        schema?["enum"] is JArray values && values.Count > 0 && values.All(v => v.Type == JTokenType.String);

    private static string Key(JObject schema) => string.Join("\u0001", schema["enum"]!.Values<string>());
}
