using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Merging;

/// <summary>
/// Merges per-operation OpenAPI fragments into one document. Two fragments may repeat a component only if they
/// define it identically; a path+method may appear in one fragment only.
/// </summary>
public static class FragmentMerger
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static JObject Merge(IEnumerable<(string Name, JObject Document)> fragments)
    {
        var merged = new JObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JObject { ["title"] = "Amigo API", ["version"] = "0.1.0" },
            ["servers"] = new JArray(),
            ["paths"] = new JObject(),
            ["components"] = new JObject { ["schemas"] = new JObject(), ["securitySchemes"] = new JObject() },
        };
        var operationOrigins = new Dictionary<string, string>(StringComparer.Ordinal);
        var componentOrigins = new Dictionary<string, string>(StringComparer.Ordinal);
        var serverUrls = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var first = true;

        foreach (var (name, document) in fragments)
        {
            if (first)
            {
                if (document["info"] is JObject info) merged["info"] = info.DeepClone();
                first = false;
            }
            if (document["security"] is JArray security && merged["security"] is null)
                merged["security"] = security.DeepClone();

            foreach (var server in document["servers"]?.Children<JObject>() ?? [])
                if (serverUrls.Add((string?)server["url"] ?? ""))
                    ((JArray)merged["servers"]!).Add(server.DeepClone());

            foreach (var path in (document["paths"] as JObject)?.Properties() ?? [])
            {
                if (merged["paths"]![path.Name] is not JObject target)
                {
                    target = new JObject();
                    merged["paths"]![path.Name] = target;
                }
                foreach (var operation in ((JObject)path.Value).Properties())
                {
                    var key = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                    if (!HttpMethods.Contains(operation.Name))
                    {
                        target[operation.Name] = operation.Value.DeepClone();
                        continue;
                    }
                    if (operationOrigins.TryGetValue(key, out var other))
                        throw new SpecToolException($"The operation {key} is defined in both '{other}' and '{name}'. Each operation belongs in one file.");
                    operationOrigins[key] = name;
                    target[operation.Name] = operation.Value.DeepClone();
                }
            }

            foreach (var kind in new[] { "schemas", "securitySchemes" })
            foreach (var component in (document["components"]?[kind] as JObject)?.Properties() ?? [])
            {
                var bucket = (JObject)merged["components"]![kind]!;
                var originKey = kind + "/" + component.Name;
                if (bucket[component.Name] is { } existing)
                {
                    if (!JToken.DeepEquals(existing, component.Value))
                        throw new SpecToolException(
                            $"The {(kind == "schemas" ? "schema" : "security scheme")} '{component.Name}' is defined differently in '{componentOrigins[originKey]}' and '{name}'. " +
                            "Give one of them another name, or make the definitions identical.");
                    continue;
                }
                bucket[component.Name] = component.Value.DeepClone();
                componentOrigins[originKey] = name;
            }
        }
        return merged;
    }

    /// <summary>Reads every *.json under <paramref name="folder"/>, in a stable order, named by their path relative to it.</summary>
    public static IEnumerable<(string Name, JObject Document)> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new SpecToolException($"The spec folder '{folder}' does not exist.");
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new SpecToolException($"The spec folder '{folder}' has no *.json files.");
        foreach (var (full, relative) in files)
        {
            JObject document;
            try { document = JObject.Parse(File.ReadAllText(full)); }
            catch (Newtonsoft.Json.JsonReaderException e) { throw new SpecToolException($"'{relative}' is not valid JSON: {e.Message}"); }
            yield return (relative, document);
        }
    }
}
