using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// Parameters, responses, request bodies, headers and examples may be shared through <c>components</c> and used by
/// <c>$ref</c>. Every such use is replaced by the definition itself, and parameters declared once for a whole path
/// are copied into each of its operations (an operation's own parameter of the same name and place wins), so every
/// later pass sees each operation complete. Only schemas and security schemes stay components.
/// </summary>
public static class ComponentReferences
{
    private static readonly string[] Inlined = ["parameters", "responses", "requestBodies", "headers", "examples", "links", "callbacks"];
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static void Run(JObject document)
    {
        var components = document["components"] as JObject ?? new JObject();
        foreach (var path in (document["paths"] as JObject)?.Properties().Select(p => p.Value).OfType<JObject>() ?? [])
        {
            Inline(path, components, []);
            if (path["parameters"] is not JArray shared) continue;
            path.Remove("parameters");
            foreach (var operation in path.Properties().Where(p => HttpMethods.Contains(p.Name)).Select(p => p.Value).OfType<JObject>())
            {
                var own = operation["parameters"] as JArray ?? new JArray();
                foreach (var parameter in shared.Children<JObject>().Reverse())
                    if (!own.Children<JObject>().Any(p => (string?)p["name"] == (string?)parameter["name"] && (string?)p["in"] == (string?)parameter["in"]))
                        own.Insert(0, parameter.DeepClone());
                operation["parameters"] = own;
            }
        }
        foreach (var kind in Inlined) components.Remove(kind);
    }

    /// <summary>Replaces, below <paramref name="token"/>, each reference to an inlined component kind by a copy of its definition.</summary>
    private static void Inline(JToken token, JObject components, HashSet<string> resolving)
    {
        if (token is JObject o && (string?)o["$ref"] is { } reference && Target(reference) is { } kind && Inlined.Contains(kind.Kind))
        {
            if (!resolving.Add(reference))
                throw new SpecToolException($"The component {reference} refers to itself.");
            var definition = components[kind.Kind]?[kind.Name] as JObject
                ?? throw new SpecToolException($"{reference} is used but not defined: add it to the fragment's components.");
            var copy = (JObject)definition.DeepClone();
            Inline(copy, components, resolving);
            resolving.Remove(reference);
            o.RemoveAll();
            foreach (var property in copy.Properties().ToList()) o.Add(property.Name, property.Value);
            return;
        }
        foreach (var child in token.Children().ToList()) Inline(child is JProperty p ? p.Value : child, components, resolving);
    }

    private static (string Kind, string Name)? Target(string reference)
    {
        const string prefix = "#/components/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var parts = reference[prefix.Length..].Split('/', 2);
        return parts.Length == 2 ? (parts[0], SpecJson.PointerSegment(parts[1])) : null;
    }
}
