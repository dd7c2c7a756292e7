using System.Text;
using Amigo.SpecTool.Normalization;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.NameLock;

/// <summary>
/// Where a generated type sits in the API, independent of what the spec calls its schema: the operation, the part
/// of it (<c>request</c>, <c>response 200</c>, <c>query sort_by</c>) and the JSON steps from there —
/// <c>.property</c>, <c>[]</c> for an array's items, <c>{}</c> for a map's values, <c>&lt;value&gt;</c> for the union
/// member with that discriminator value, <c>&lt;*&gt;</c> for a union's unknown fallback, <c>(Member)</c> for a member
/// of a union of JSON kinds (a place that is not such a union is its own member), <c>|n</c> for the n-th
/// alternative of a remaining anyOf. <c>get-conversations response 200 .conversations[]</c> is the type of each
/// conversation get-conversations returns. A type reachable from no operation is <c>schema Name</c>.
/// </summary>
public static class TypePaths
{
    /// <summary>Each component's shortest path (fewest steps; ties go to the first operation by name, then the document's order).</summary>
    public static Dictionary<string, string> Canonical(JObject document)
    {
        var schemas = Schemas(document);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<(JObject Node, string Root, string Path)>();
        foreach (var (node, root) in Roots(document)) queue.Enqueue((node, root, ""));
        while (queue.Count > 0)
        {
            var (node, root, path) = queue.Dequeue();
            if (SchemaWalker.ReferencedType(node) is { } name)
            {
                if (schemas[name] is not JObject component || paths.ContainsKey(name)) continue;
                paths[name] = path.Length == 0 ? root : root + " " + path;
                node = component;
            }
            if (node[Unions.Marker] is JObject union)
            {
                foreach (var member in ((JObject)union["mapping"]!).Properties())
                    queue.Enqueue((SchemaWalker.Ref((string)member.Value!), root, path + "<" + Token(member.Name) + ">"));
                queue.Enqueue((SchemaWalker.Ref((string)union["fallback"]!), root, path + "<*>"));
            }
            var members = node[KindUnions.Marker] is not null;
            foreach (var property in (node["properties"] as JObject)?.Properties() ?? [])
                if (property.Value is JObject child)
                    queue.Enqueue((child, root, path + (members ? "(" + Token(property.Name) + ")" : "." + Token(property.Name))));
            if (node["items"] is JObject items) queue.Enqueue((items, root, path + "[]"));
            if (node["additionalProperties"] is JObject values) queue.Enqueue((values, root, path + "{}"));
            foreach (var part in node["allOf"]?.Children<JObject>() ?? []) queue.Enqueue((part, root, path));
            foreach (var key in new[] { "anyOf", "oneOf" })
            {
                var index = 0;
                foreach (var alternative in node[key]?.Children<JObject>() ?? []) queue.Enqueue((alternative, root, path + "|" + index++));
            }
        }
        foreach (var component in schemas.Properties())
            paths.TryAdd(component.Name, "schema " + component.Name);
        return paths;
    }

    /// <summary>The component <paramref name="path"/> leads to in <paramref name="document"/>, or null if it leads nowhere.</summary>
    public static string? Resolve(JObject document, string path)
    {
        var schemas = Schemas(document);
        if (path.StartsWith("schema ", StringComparison.Ordinal))
            return schemas[path["schema ".Length..]] is not null ? path["schema ".Length..] : null;
        var (root, steps) = Split(path);
        var node = Roots(document).FirstOrDefault(r => r.Path == root).Node;
        if (node is null) return null;
        var position = 0;
        while (position < steps.Length)
        {
            var step = steps[position];
            if (step == '(')
            {
                // A member of a union of JSON kinds; where there is no such union, the place itself.
                position++;
                var member = ReadToken(steps, ref position);
                position++;
                if (Deref(node, schemas) is { } union && union[KindUnions.Marker] is not null) node = union["properties"]?[member] as JObject;
                if (node is null) return null;
                continue;
            }
            position++;
            node = Deref(node, schemas);
            if (node is null) return null;
            switch (step)
            {
                case '.':
                    node = FindProperty(node, ReadToken(steps, ref position), schemas, 0);
                    break;
                case '[':
                    position++;
                    node = node["items"] as JObject;
                    break;
                case '{':
                    position++;
                    node = node["additionalProperties"] as JObject;
                    break;
                case '<':
                    var union = node[Unions.Marker] as JObject;
                    if (steps[position] == '*')
                    {
                        position += 2;
                        node = union?["fallback"] is { } fallback ? SchemaWalker.Ref((string)fallback!) : null;
                        break;
                    }
                    var value = ReadToken(steps, ref position);
                    position++;
                    node = union?["mapping"]?[value] is { } leaf ? SchemaWalker.Ref((string)leaf!) : null;
                    break;
                case '|':
                    var start = position;
                    while (position < steps.Length && char.IsDigit(steps[position])) position++;
                    var alternatives = (node["anyOf"] ?? node["oneOf"]) as JArray;
                    var i = int.Parse(steps.AsSpan(start, position - start), System.Globalization.CultureInfo.InvariantCulture);
                    node = alternatives is not null && i < alternatives.Count ? alternatives[i] as JObject : null;
                    break;
                default:
                    return null;
            }
            if (node is null) return null;
        }
        return SchemaWalker.ReferencedType(node) is { } name && schemas[name] is not null ? name : null;
    }

    /// <summary>Every operation's top-level schemas with their root paths, operations in name order.</summary>
    private static IEnumerable<(JObject Node, string Path)> Roots(JObject document)
    {
        foreach (var (operation, id, _, _) in SchemaWalker.Operations(document).OrderBy(o => o.OperationId, StringComparer.Ordinal))
        {
            if ((operation["requestBody"]?["content"] as JObject)?.Properties().FirstOrDefault()?.Value["schema"] is JObject body)
                yield return (body, $"{id} request");
            foreach (var parameter in (operation["parameters"]?.Children<JObject>() ?? [])
                         .OrderBy(p => (string?)p["in"], StringComparer.Ordinal).ThenBy(p => (string?)p["name"], StringComparer.Ordinal))
                if (parameter["schema"] is JObject schema)
                    yield return (schema, $"{id} {(string?)parameter["in"]} {Token((string?)parameter["name"] ?? "")}");
            foreach (var response in ((operation["responses"] as JObject)?.Properties() ?? []).OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                var media = (response.Value["content"] as JObject)?.Properties().FirstOrDefault()?.Value;
                if ((media?["x-amigo-stream-item"] ?? media?["schema"]) is JObject schema)
                    yield return (schema, $"{id} response {response.Name}");
            }
        }
    }

    private static JObject Schemas(JObject document) => (JObject)document["components"]!["schemas"]!;

    private static JObject? Deref(JObject node, JObject schemas) =>
        SchemaWalker.ReferencedType(node) is { } name ? schemas[name] as JObject : node;

    private static JObject? FindProperty(JObject node, string name, JObject schemas, int depth)
    {
        if (depth > 16 || Deref(node, schemas) is not { } target) return null;
        if (target["properties"]?[name] is JObject property) return property;
        foreach (var part in target["allOf"]?.Children<JObject>() ?? [])
            if (FindProperty(part, name, schemas, depth + 1) is { } found) return found;
        return null;
    }

    /// <summary>The root (<c>get-conversations response 200</c>) and the steps after it.</summary>
    private static (string Root, string Steps) Split(string path)
    {
        // The root has three words ("op response 200", "op query name") or two ("op request"); steps follow a space.
        var words = path.Split(' ', 4);
        var rootWords = words.Length > 1 && words[1] == "request" ? 2 : 3;
        var root = string.Join(' ', words.Take(rootWords));
        return (root, path.Length > root.Length ? path[(root.Length + 1)..] : "");
    }

    private const string Delimiters = ".[]{}<>()| \"";

    /// <summary>A name as it appears in a path: bare when it has no delimiter, else a JSON string.</summary>
    private static string Token(string name) =>
        name.Length > 0 && name.All(c => !Delimiters.Contains(c)) ? name : Newtonsoft.Json.JsonConvert.ToString(name);

    private static string ReadToken(string steps, ref int position)
    {
        if (position < steps.Length && steps[position] == '"')
        {
            var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(steps[position..]));
            var value = reader.ReadAsString() ?? "";
            position += Token(value).Length;
            return value;
        }
        var text = new StringBuilder();
        while (position < steps.Length && !Delimiters.Contains(steps[position])) text.Append(steps[position++]);
        return text.ToString();
    }
}
