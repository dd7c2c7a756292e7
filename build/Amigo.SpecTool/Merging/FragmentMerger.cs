using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Merging;

/// <summary>
/// Merges per-operation OpenAPI fragments into one document. Two fragments may repeat a component only if they
/// define it identically; a path+method may appear in one fragment only. A hand-written fragment (marked
/// <c>"x-amigo-hand-written"</c>) fills in what the published spec lacks: where an imported fragment defines the
/// same operation or component, the imported definition wins.
/// </summary>
public static class FragmentMerger
{
    /// <summary>The top-level key that marks a fragment written by hand; its value says why it exists.</summary>
    public const string HandWrittenMarker = "x-amigo-hand-written";

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static bool IsHandWritten(JObject document) => document[HandWrittenMarker] is not null;

    /// <summary>What a document defines: <c>GET /path</c> for each operation, <c>kind/Name</c> for each component.</summary>
    public static IEnumerable<string> Definitions(JObject document)
    {
        foreach (var path in (document["paths"] as JObject)?.Properties() ?? [])
        foreach (var operation in (path.Value as JObject)?.Properties().Where(p => HttpMethods.Contains(p.Name)) ?? [])
            yield return $"{operation.Name.ToUpperInvariant()} {path.Name}";
        foreach (var kind in (document["components"] as JObject)?.Properties() ?? [])
        foreach (var component in (kind.Value as JObject)?.Properties() ?? [])
            yield return $"{kind.Name}/{component.Name}";
    }

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
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        var serverUrls = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var first = true;

        // Imported fragments first, so that a hand-written definition of the same thing is the one left out.
        var ordered = fragments.ToList();
        foreach (var (name, document) in ordered.Where(f => !IsHandWritten(f.Document)).Concat(ordered.Where(f => IsHandWritten(f.Document))))
        {
            var handWritten = IsHandWritten(document);
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
                    if (!HttpMethods.Contains(operation.Name))
                    {
                        target[operation.Name] = operation.Value.DeepClone();
                        continue;
                    }
                    var key = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                    if (origins.TryGetValue(key, out var other))
                    {
                        if (handWritten && !IsHandWrittenOrigin(other, ordered)) continue;
                        throw new SpecToolException($"The operation {key} is defined in both '{other}' and '{name}'. Each operation belongs in one file.");
                    }
                    origins[key] = name;
                    target[operation.Name] = operation.Value.DeepClone();
                }
            }

            foreach (var kind in (document["components"] as JObject)?.Properties() ?? [])
            foreach (var component in (kind.Value as JObject)?.Properties() ?? [])
            {
                if (merged["components"]![kind.Name] is not JObject bucket)
                {
                    bucket = new JObject();
                    merged["components"]![kind.Name] = bucket;
                }
                var originKey = kind.Name + "/" + component.Name;
                if (bucket[component.Name] is { } existing)
                {
                    if (JToken.DeepEquals(existing, component.Value) || (handWritten && !IsHandWrittenOrigin(origins[originKey], ordered))) continue;
                    throw new SpecToolException(
                        $"The {Singular(kind.Name)} '{component.Name}' is defined differently in '{origins[originKey]}' and '{name}'. " +
                        "Give one of them another name, or make the definitions identical.");
                }
                bucket[component.Name] = component.Value.DeepClone();
                origins[originKey] = name;
            }
        }
        return merged;
    }

    private static bool IsHandWrittenOrigin(string origin, List<(string Name, JObject Document)> fragments) =>
        IsHandWritten(fragments.First(f => f.Name == origin).Document);

    private static string Singular(string kind) => kind switch
    {
        "schemas" => "schema",
        "securitySchemes" => "security scheme",
        "requestBodies" => "request body",
        _ => kind.TrimEnd('s'),
    };

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
            yield return (relative, SpecJson.ReadFile(full, relative));
        }
    }
}
