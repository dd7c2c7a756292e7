using Amigo.SpecTool.Normalization;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Facade;

/// <summary>One parameter of an operation, as the spec declares it.</summary>
public sealed record FacadeParameter(string Name, string In, bool Required, JObject Schema, string? Description);

/// <summary>
/// One operation as the façade shows it: its resource group (from its first tag), its .NET method name (from its
/// id), its parameters, and whether it is paged, which is decided by shape: a query with <c>continuation_token</c>
/// and <c>limit</c>, and a success response with <c>has_more</c>, <c>continuation_token</c> and exactly one array.
/// <see cref="FileMediaType"/> is the media type of a success body that is a file, not JSON.
/// </summary>
public sealed record FacadeOperation(
    string Id,
    string Method,
    string Path,
    string Tag,
    string MethodName,
    string? Summary,
    string? Description,
    int? RequestsPerMinute,
    IReadOnlyList<FacadeParameter> Parameters,
    string? PageArrayProperty,
    bool HandWritten,
    bool Deprecated = false,
    string? FileMediaType = null)
{
    /// <summary>Whether the success body is a file (see <see cref="BinaryResponses"/>): the method returns it as a stream.</summary>
    public bool ReturnsFile => FileMediaType is not null;

    public bool IsPaged => PageArrayProperty is not null;
}

/// <summary>One resource group: every operation of one tag.</summary>
public sealed record FacadeGroup(string Tag, string PropertyName, string ClassName, string? Description, IReadOnlyList<FacadeOperation> Operations);

/// <summary>Reads the façade's shape from a merged spec: groups by tag, operations, paging by shape.</summary>
public static class FacadeModel
{
    /// <summary>The path parameter every operation is scoped by; the client binds it from its configured organization.</summary>
    public const string OrganizationParameter = "organization";

    // Nouns that have no plural form; every other tag is pluralized by the usual English rules.
    private static readonly HashSet<string> Uncountable = new(StringComparer.OrdinalIgnoreCase) { "Admin", "Data", "Metadata", "Information", "Analytics", "Auth" };

    /// <summary>The resource group of each operation of the spec, by id: its first tag, pluralized.</summary>
    public static IReadOnlyDictionary<string, string> Groups(JObject spec) =>
        SchemaWalker.Operations(spec).ToDictionary(o => o.OperationId, o => GroupName(Tag(o.Operation, o.OperationId)), StringComparer.Ordinal);

    private static string Tag(JObject operation, string id) =>
        (string?)operation["tags"]?.First ?? throw new SpecToolException($"Operation {id} has no tag: the façade groups operations by tag.");

    public static IReadOnlyList<FacadeGroup> Build(JObject spec, HandWrittenCode handWritten)
    {
        var present = handWritten.In(Groups(spec));
        var operations = new List<FacadeOperation>();
        foreach (var (operation, id, path, method) in SchemaWalker.Operations(spec))
        {
            var tag = Tag(operation, id);
            var parameters = (operation["parameters"] as JArray ?? [])
                .OfType<JObject>()
                .Select(p => new FacadeParameter(
                    (string)p["name"]!, (string)p["in"]!, (bool?)p["required"] ?? false, Resolve(spec, p["schema"] as JObject ?? []),
                    (string?)p["description"] ?? (string?)p["schema"]?["description"]))
                .ToList();
            var rateLimit = CodeEmission.OperationTableWriter.RequestsPerMinute(operation);
            var handWrittenName = present.GetValueOrDefault(id)?.MethodName;
            operations.Add(new FacadeOperation(
                id, method.ToUpperInvariant(), path, tag, handWrittenName ?? Naming.Pascal(id) + "Async",
                (string?)operation["summary"], (string?)operation["description"], rateLimit, parameters,
                PageArray(spec, operation, parameters), handWrittenName is not null, (bool?)operation["deprecated"] == true, (string?)operation["x-amigo-binary"]));
        }

        var tagDescriptions = (spec["tags"] as JArray ?? []).OfType<JObject>()
            .ToDictionary(t => (string)t["name"]!, t => (string?)t["description"]);
        return operations
            .GroupBy(o => o.Tag)
            .OrderBy(g => GroupName(g.Key), StringComparer.Ordinal)
            .Select(g => new FacadeGroup(g.Key, GroupName(g.Key), GroupName(g.Key) + "Resource", tagDescriptions.GetValueOrDefault(g.Key),
                g.OrderBy(o => o.MethodName, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>"DynamicBehaviorSet" → "DynamicBehaviorSets", "Admin" → "Admin".</summary>
    public static string GroupName(string tag)
    {
        var pascal = Naming.Pascal(tag);
        var last = Naming.Words(pascal).Last();
        if (Uncountable.Contains(last)) return pascal;
        if (pascal.EndsWith('y') && pascal.Length > 1 && !"aeiou".Contains(pascal[^2])) return pascal[..^1] + "ies";
        if (pascal.EndsWith('s') || pascal.EndsWith('x') || pascal.EndsWith("ch", StringComparison.Ordinal) || pascal.EndsWith("sh", StringComparison.Ordinal)) return pascal + "es";
        return pascal + "s";
    }

    /// <summary>The array property of a paged operation's response, or null when the operation is not paged.</summary>
    private static string? PageArray(JObject spec, JObject operation, IReadOnlyList<FacadeParameter> parameters)
    {
        var query = parameters.Where(p => p.In == "query").Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (!query.Contains("continuation_token") || !query.Contains("limit")) return null;
        var success = (operation["responses"] as JObject)?.Properties().FirstOrDefault(r => r.Name.StartsWith('2'));
        if (success?.Value["content"]?["application/json"]?["schema"] is not JObject schema) return null;
        var properties = Resolve(spec, schema)["properties"] as JObject;
        if (properties?["has_more"] is null || properties["continuation_token"] is null) return null;
        var arrays = properties.Properties().Where(p => (string?)Resolve(spec, (JObject)p.Value)["type"] == "array").ToList();
        return arrays.Count == 1 ? arrays[0].Name : null;
    }

    /// <summary>Follows a local <c>$ref</c> (repeatedly) to the schema it names.</summary>
    public static JObject Resolve(JObject spec, JObject schema)
    {
        for (var depth = 0; depth < 32 && (string?)schema["$ref"] is { } reference; depth++)
        {
            var target = spec.SelectToken("$." + string.Join('.', reference.TrimStart('#', '/').Split('/').Select(s => $"['{SpecJson.PointerSegment(s)}']")));
            schema = target as JObject ?? throw new SpecToolException($"The reference {reference} does not resolve.");
        }
        return schema;
    }
}
