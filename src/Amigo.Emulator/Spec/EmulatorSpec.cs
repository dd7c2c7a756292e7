using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Spec;

/// <summary>One operation of the merged spec: where it lives, what it takes and what it answers.</summary>
internal sealed class SpecOperation
{
    public required string Id { get; init; }

    /// <summary>The id the published spec gives the operation, when the merge normalized it (for example
    /// <c>get_roles_v1__organization__role__get</c> for <c>get-roles</c>); otherwise <see cref="Id"/>.</summary>
    public required string PublishedId { get; init; }
    public required string Method { get; init; }
    public required string PathTemplate { get; init; }
    public required string Tag { get; init; }
    public required IReadOnlyList<JObject> Parameters { get; init; }
    public JObject? RequestBody { get; init; }
    public string? RequestMediaType { get; init; }
    public bool RequestBodyRequired { get; init; }
    public required int SuccessStatus { get; init; }
    public string? ResponseMediaType { get; init; }
    public JObject? ResponseSchema { get; init; }
    public required Regex Pattern { get; init; }

    /// <summary>How specific the path is, segment by segment: a literal outranks a parameter, so
    /// <c>/user/signin</c> is tried before <c>/user/{requested_user_id}</c>.</summary>
    public string Specificity { get; init; } = "";
}

/// <summary>The merged spec embedded in Amigo.Generated (resource <c>Amigo.Generated.amigo.openapi.json</c>), read once
/// per process: its operations and component schemas.</summary>
internal sealed class EmulatorSpec
{
    private const string ResourceName = "Amigo.Generated.amigo.openapi.json";
    private static readonly Lazy<EmulatorSpec> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly JObject _schemas;

    private EmulatorSpec(JObject document)
    {
        _schemas = (JObject?)document["components"]?["schemas"] ?? [];
        var operations = new List<SpecOperation>();
        foreach (var path in ((JObject?)document["paths"])?.Properties() ?? [])
        {
            foreach (var method in ((JObject)path.Value).Properties())
            {
                operations.Add(Read(path.Name, method.Name.ToUpperInvariant(), (JObject)method.Value));
            }
        }

        Operations = [.. operations.OrderByDescending(o => o.Specificity, StringComparer.Ordinal).ThenBy(o => o.PathTemplate, StringComparer.Ordinal)];
        ById = Operations.ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

    public static EmulatorSpec Instance => Shared.Value;

    /// <summary>Every operation, most specific path first.</summary>
    public IReadOnlyList<SpecOperation> Operations { get; }

    public IReadOnlyDictionary<string, SpecOperation> ById { get; }

    /// <summary>Follows <c>$ref</c>s (and single-element <c>allOf</c> wrappers that only add a description).</summary>
    public JObject Resolve(JObject schema)
    {
        for (var depth = 0; depth < 64; depth++)
        {
            if (schema["$ref"] is JValue reference)
            {
                var name = ((string)reference!).Split('/')[^1];
                schema = _schemas[name] as JObject ?? throw new InvalidOperationException($"Unresolvable reference {reference}.");
                continue;
            }

            return schema;
        }

        throw new InvalidOperationException("Reference cycle in the spec.");
    }

    public JObject Schema(string name) =>
        _schemas[name] as JObject ?? throw new InvalidOperationException($"No schema named {name} in the spec.");

    /// <summary>The schema of the only array property of an object schema (a list response's items), or null.</summary>
    public (string Field, JObject Items)? ItemsOf(JObject schema)
    {
        var resolved = Resolve(schema);
        var arrays = (((JObject?)resolved["properties"])?.Properties() ?? [])
            .Select(p => (p.Name, Schema: Resolve(Unwrap((JObject)p.Value))))
            .Where(p => (string?)p.Schema["type"] == "array" && p.Schema["items"] is JObject)
            .ToList();
        return arrays.Count == 1 ? (arrays[0].Name, (JObject)arrays[0].Schema["items"]!) : null;
    }

    /// <summary>A property schema written as <c>allOf: [ {$ref} ]</c> (to carry a description) is that reference.</summary>
    public static JObject Unwrap(JObject schema) =>
        schema["allOf"] is JArray { Count: 1 } all && all[0] is JObject only ? only : schema;

    private static EmulatorSpec Load()
    {
        var assembly = typeof(Amigo.Generated.ConversationInstance).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Amigo.Generated has no embedded {ResourceName}.");
        using var text = new StreamReader(stream);
        using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None };
        return new EmulatorSpec((JObject)JToken.ReadFrom(reader));
    }

    private static SpecOperation Read(string path, string method, JObject operation)
    {
        var parameters = (operation["parameters"] as JArray)?.OfType<JObject>().ToList() ?? [];
        var body = operation["requestBody"] as JObject;
        var bodyContent = (body?["content"] as JObject)?.Properties().FirstOrDefault();
        var success = ((JObject?)operation["responses"])?.Properties()
            .Where(p => p.Name.StartsWith('2'))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .FirstOrDefault() ?? throw new InvalidOperationException($"{operation["operationId"]} declares no success response.");
        var responseContent = (success.Value["content"] as JObject)?.Properties().FirstOrDefault();
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var regex = "^" + Regex.Replace(Regex.Escape(path).Replace(@"\{", "{", StringComparison.Ordinal), "{([A-Za-z0-9_]+)}",
            m => $"(?<{m.Groups[1].Value}>[^/]+)") + "$";
        return new SpecOperation
        {
            Id = (string)operation["operationId"]!,
            PublishedId = (string?)operation["x-amigo-spec-operation-id"] ?? (string)operation["operationId"]!,
            Method = method,
            PathTemplate = path,
            Tag = (string?)operation["tags"]?[0] ?? "",
            Parameters = parameters,
            RequestBody = bodyContent?.Value["schema"] as JObject,
            RequestMediaType = bodyContent?.Name,
            RequestBodyRequired = (bool?)body?["required"] ?? false,
            SuccessStatus = int.Parse(success.Name, System.Globalization.CultureInfo.InvariantCulture),
            ResponseMediaType = responseContent?.Name,
            ResponseSchema = responseContent?.Value["schema"] as JObject,
            Pattern = new Regex(regex, RegexOptions.CultureInvariant),
            Specificity = string.Concat(segments.Select(s => s.StartsWith('{') ? '0' : '1')).PadRight(16, '0'),
        };
    }
}
