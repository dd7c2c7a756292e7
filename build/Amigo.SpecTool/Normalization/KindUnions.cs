using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// A union whose members are different kinds of JSON value (a string or a tuple; a string or an empty "not set"
/// object), or objects that each require a property the others do not have, has no NSwag representation: it would
/// become an empty class. Its members can be told apart by the JSON token, and objects by that property, so it
/// becomes one component object with a property per member (<c>String</c>, <c>StringStringTuple</c>), of which one
/// is set; the support code reads and writes it as the bare value. Such
/// types are named after their members (<c>StringOrStringStringTuple</c>) and shared by every place with the same
/// members. An empty object member (pydantic's <c>_NotSet</c> sentinel) becomes a flag, <c>IsNotSet</c>, written
/// as <c>{}</c>. Scalar members of one kind (an enum and a patterned string) read as one plain value of that kind,
/// so a value a newer server adds still reads. The constraints members lose are written into the description.
/// </summary>
public static class KindUnions
{
    public const string Marker = "x-amigo-kind-union";

    /// <summary>
    /// A member: its JSON kind and property, recorded in the marker as <c>[{"kind": "string", "property": "String"}, …]</c>;
    /// an object member among several also records <c>"when"</c>, the property only it requires.
    /// </summary>
    private sealed record Member(string Kind, string Property, JObject Schema, bool IsFlag, string TypeName)
    {
        public string? When { get; init; }

        public JObject ToMarker()
        {
            var marker = new JObject { ["kind"] = Kind, ["property"] = Property };
            if (When is not null) marker["when"] = When;
            return marker;
        }
    }

    public static void Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var byShape = new Dictionary<string, string>(StringComparer.Ordinal);
        var sentinels = new HashSet<string>(StringComparer.Ordinal);
        SchemaWalker.Walk(document, (schema, site) =>
        {
            var key = schema["anyOf"] is JArray ? "anyOf" : schema["oneOf"] is JArray ? "oneOf" : null;
            if (key is null || schema[key] is not JArray { Count: >= 2 } alternatives) return;
            var members = new List<Member>();
            foreach (var alternative in alternatives.Children<JObject>())
            {
                if (Classify(alternative, schemas) is not { } member) return;
                members.Add(member);
            }
            members = MergeScalars(members, out var notes);
            if (members.GroupBy(m => m.Kind).Any(g => g.Count() > 1 && g.Key != "object")) return;
            var objects = members.Where(m => m.Kind == "object").ToList();
            if (objects.Count > 1 && !TellObjectsApart(objects, schemas, members)) return;

            schema.Remove(key);
            // A default of the union's type cannot be a C# initializer; an empty-object default is the sentinel, i.e. "not sent".
            if (schema["default"] is { } initial && initial is not JObject { HasValues: false })
                notes.Add($"Default: `{initial.ToString(Newtonsoft.Json.Formatting.None)}`.");
            schema.Remove("default");
            if (notes.Count > 0)
                schema["description"] = ((string?)schema["description"] is { } d ? d + "\n\n" : "") + string.Join(" ", notes);
            if (members.Count == 1)
            {
                foreach (var property in members[0].Schema.Properties())
                    if (schema[property.Name] is null) schema[property.Name] = property.Value.DeepClone();
                return;
            }

            var union = new JObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["description"] = "One of: " + string.Join(", ", members.Select(Describe)) + ". Exactly one property is set; it is sent as that bare JSON value.",
                ["properties"] = new JObject(members.Select(m => new JProperty(m.Property, m.Schema))),
                [Marker] = new JArray(members.Select(m => m.ToMarker())),
            };
            var shape = SchemaShape.Of(union, ignoreConstraints: false);
            if (!byShape.TryGetValue(shape, out var name))
            {
                var derived = string.Join("Or", members.Select(m => m.TypeName));
                var placed = TypeNaming.PascalKeepCase(site.Owner) + TypeNaming.PascalKeepCase(site.Member ?? "Value");
                name = new[] { derived, placed, placed + "Union" }.FirstOrDefault(n => schemas[n] is null)
                    ?? throw new SpecToolException($"The union at {site.Owner}.{site.Member} would be named '{derived}', '{placed}' or '{placed}Union', which other types have.");
                schemas[name] = union;
                byShape[shape] = name;
            }
            foreach (var flag in members.Where(m => m.IsFlag)) sentinels.Add(flag.TypeName);
            SchemaWalker.ReplaceContent(schema, SchemaWalker.RefKeeping(schema, name, "title", "description", "nullable"));
        });

        // A sentinel object that only kind unions used is now a flag in each of them: it needs no class of its own.
        foreach (var sentinel in sentinels)
            if (!document.SelectTokens("$..['$ref']").Any(r => (string?)r == SchemaWalker.RefPrefix + sentinel))
                schemas.Remove(sentinel);
    }

    /// <summary>
    /// Object members can be told apart if each requires a property no other member declares (the first such is its
    /// key), one of them possibly having none: it is read when no other key is present.
    /// </summary>
    private static bool TellObjectsApart(List<Member> objects, JObject schemas, List<Member> members)
    {
        if (objects.Any(o => o.IsFlag || schemas[o.TypeName]?["properties"] is not JObject)) return false;
        var keys = objects.Select(o =>
        {
            var others = objects.Where(x => x != o).SelectMany(x => ((JObject)schemas[x.TypeName]!["properties"]!).Properties().Select(p => p.Name)).ToHashSet();
            return schemas[o.TypeName]!["required"]?.Values<string>().FirstOrDefault(r => r is not null && !others.Contains(r));
        }).ToList();
        if (keys.Count(k => k is null) > 1) return false;
        // The member without a key is tried last.
        var ordered = objects.Zip(keys).OrderBy(p => p.Second is null).ToList();
        var first = members.IndexOf(objects[0]);
        foreach (var o in objects) members.Remove(o);
        members.InsertRange(Math.Min(first, members.Count), ordered.Select(p => p.First with { When = p.Second }));
        return true;
    }

    private static Member? Classify(JObject alternative, JObject schemas)
    {
        var name = SchemaWalker.ReferencedType(alternative);
        var target = name is not null ? schemas[name] as JObject : alternative;
        if (target is null) return null;
        if (target[Tuples.Marker] is not null || (string?)target["type"] == "array")
            return new Member("array", name ?? ListName(target), name is not null ? SchemaWalker.Ref(name) : (JObject)alternative.DeepClone(), false, name ?? ListName(target));
        var closed = target["additionalProperties"] is null or JValue { Type: JTokenType.Boolean, Value: false };
        if (closed && target["allOf"] is null && (target["properties"] is JObject { HasValues: false } || ((string?)target["type"] == "object" && target["properties"] is null)))
        {
            var flag = TypeNaming.PascalKeepCase(name ?? (string?)target["title"] ?? "Empty");
            return new Member("object", "Is" + flag, new JObject { ["type"] = "boolean", ["description"] = $"Set when the value is {{}}: {(string?)target["description"] ?? flag}" }, true, flag);
        }
        if (name is not null && (target["properties"] is not null || target["allOf"] is not null || target[Unions.Marker] is not null || target["additionalProperties"] is not null))
            return new Member("object", name, SchemaWalker.Ref(name), false, name);
        return (string?)target["type"] switch
        {
            "string" => Scalar("string", "String", target, format: (string?)target["format"] is "date-time" or "date" ? null : (string?)target["format"]),
            "boolean" => Scalar("boolean", "Boolean", target),
            "integer" => Scalar("number", "Integer", target, format: "int64", type: "integer"),
            "number" => Scalar("number", "Number", target),
            _ => null,
        };
    }

    private static Member Scalar(string kind, string property, JObject source, string? format = null, string? type = null)
    {
        var schema = new JObject { ["type"] = type ?? (string)source["type"]! };
        if (format is not null) schema["format"] = format;
        if (source["description"] is { } description) schema["description"] = description.DeepClone();
        var constraints = SchemaShape.DescribeConstraints(source);
        if (source["enum"] is JArray values)
            constraints.Add(values.Count <= 20 ? "one of " + string.Join(", ", values.Select(v => $"`{v}`")) : $"one of {values.Count} listed values");
        if (constraints.Count > 0) schema["x-amigo-constraints"] = string.Join(", ", constraints);
        return new Member(kind, property, schema, false, property);
    }

    /// <summary>Members of one scalar kind become one: an integer and a number read as a number, two strings as one string.</summary>
    private static List<Member> MergeScalars(List<Member> members, out List<string> notes)
    {
        notes = members.Where(m => m.Schema["x-amigo-constraints"] is not null)
            .Select(m => $"As {Describe(m)}: {m.Schema["x-amigo-constraints"]}.").ToList();
        foreach (var member in members) member.Schema.Remove("x-amigo-constraints");
        var merged = new List<Member>();
        foreach (var group in members.GroupBy(m => m.Kind))
        {
            var list = group.ToList();
            if (list.Count == 1 || list.Any(m => m.IsFlag || m.Schema["$ref"] is not null || m.Schema["items"] is not null)) { merged.AddRange(list); continue; }
            var widest = list.FirstOrDefault(m => m.Property == "Number") ?? list[0];
            merged.Add(widest with { Schema = new JObject { ["type"] = (string)widest.Schema["type"]!, ["format"] = widest.Schema["format"]?.DeepClone() } });
            if (merged[^1].Schema["format"] is { Type: JTokenType.Null }) merged[^1].Schema.Remove("format");
        }
        return merged;
    }

    private static string ListName(JObject array) =>
        (SchemaWalker.ReferencedName(array["items"]) ?? TypeNaming.PascalKeepCase((string?)array["items"]?["type"] ?? "Value")) + "List";

    private static string Describe(Member member) => member.IsFlag ? $"{{}} ({member.TypeName})" : $"a JSON {member.Kind}";
}
