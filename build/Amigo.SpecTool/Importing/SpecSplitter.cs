using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Importing;

/// <summary>One operation of a published spec, as the document <c>import</c> writes for it.</summary>
/// <param name="RelativePath">Where it goes under openapi/: <c>&lt;tag&gt;/&lt;operation-name&gt;.json</c>.</param>
/// <param name="Key">The operation's method and path, <c>GET /v1/{organization}/role/</c>.</param>
public sealed record OperationFragment(string RelativePath, string Key, JObject Document);

/// <summary>
/// Splits a complete OpenAPI document into one document per operation, the way the API's docs publish them: each
/// holds the operation, the document's info, servers and security, and exactly the components it references,
/// followed transitively (schemas, responses, parameters, request bodies, headers, examples, security schemes).
/// </summary>
public static class SpecSplitter
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private const string ComponentPrefix = "#/components/";

    public static IReadOnlyList<OperationFragment> Split(JObject spec)
    {
        if (spec["paths"] is not JObject paths)
            throw new SpecToolException("The spec has no paths.");
        var components = spec["components"] as JObject ?? new JObject();
        var operations = new List<(string Tag, string Id, string Key, string Path, JObject PathItem, string Method, JObject Operation)>();
        foreach (var path in paths.Properties())
        {
            if (path.Value is not JObject pathItem) continue;
            foreach (var method in pathItem.Properties().Where(p => HttpMethods.Contains(p.Name) && p.Value is JObject))
            {
                var operation = (JObject)method.Value;
                var key = $"{method.Name.ToUpperInvariant()} {path.Name}";
                var id = (string?)operation["operationId"] ?? key;
                var tag = (string?)operation["tags"]?.FirstOrDefault() ?? "default";
                operations.Add((Naming.Kebab(tag), id, key, path.Name, pathItem, method.Name, operation));
            }
        }

        var names = Naming.OperationNames(operations.Select(o => (o.Id, o.Method, o.Path)).ToList());
        var fragments = new List<OperationFragment>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (o, name) in operations.Zip(names))
        {
            var relative = $"{o.Tag}/{name}.json";
            if (files.TryGetValue(relative, out var other))
                throw new SpecToolException($"The operations {other} and {o.Key} would both be written to '{relative}'. Give one of them another operationId.");
            files[relative] = o.Key;
            fragments.Add(new OperationFragment(relative, o.Key, Fragment(spec, components, o.Path, o.PathItem, o.Method, o.Operation)));
        }
        return fragments.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
    }

    private static JObject Fragment(JObject spec, JObject components, string path, JObject pathItem, string method, JObject operation)
    {
        var item = new JObject();
        foreach (var shared in pathItem.Properties().Where(p => !HttpMethods.Contains(p.Name)))
            item[shared.Name] = shared.Value.DeepClone();
        item[method] = operation.DeepClone();

        var document = new JObject();
        foreach (var key in new[] { "openapi", "info", "servers", "security" })
            if (spec[key] is { } value) document[key] = value.DeepClone();

        var used = new JObject();
        var pending = new Queue<JToken>([item]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            foreach (var reference in pending.Dequeue().SelectTokens("$..['$ref']").Select(r => (string?)r))
            {
                if (reference is null || !reference.StartsWith(ComponentPrefix, StringComparison.Ordinal) || !seen.Add(reference)) continue;
                var parts = reference[ComponentPrefix.Length..].Split('/', 2);
                if (parts.Length != 2) continue;
                var (kind, name) = (parts[0], SpecJson.PointerSegment(parts[1]));
                var target = components[kind]?[name]
                    ?? throw new SpecToolException($"{method.ToUpperInvariant()} {path} references {reference}, which the spec does not define.");
                Bucket(used, kind)[name] = target.DeepClone();
                pending.Enqueue(target);
            }
        }
        foreach (var scheme in SecuritySchemes(operation["security"] ?? spec["security"]))
            if (components["securitySchemes"]?[scheme] is { } definition)
                Bucket(used, "securitySchemes")[scheme] = definition.DeepClone();

        if (used.HasValues) document["components"] = Sorted(used, components);
        document["paths"] = new JObject { [path] = item };
        return document;
    }

    private static IEnumerable<string> SecuritySchemes(JToken? security) =>
        security?.Children<JObject>().SelectMany(requirement => requirement.Properties().Select(p => p.Name)).Distinct() ?? [];

    private static JObject Bucket(JObject components, string kind)
    {
        if (components[kind] is not JObject bucket)
        {
            bucket = new JObject();
            components[kind] = bucket;
        }
        return bucket;
    }

    /// <summary>The used components in the order the spec lists them, so a fragment reads like the spec.</summary>
    private static JObject Sorted(JObject used, JObject all)
    {
        var sorted = new JObject();
        foreach (var kind in all.Properties().Select(p => p.Name).Where(k => used[k] is not null))
        {
            var bucket = new JObject();
            foreach (var component in ((JObject)all[kind]!).Properties().Where(c => used[kind]![c.Name] is not null))
                bucket[component.Name] = used[kind]![component.Name]!.DeepClone();
            sorted[kind] = bucket;
        }
        return sorted;
    }
}
