using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// Gives every component schema a clean PascalCase C# name. Python module paths are dropped
/// (<c>src__app__endpoints__conversation__get_conversations__Response</c> → <c>GetConversationsResponse</c>,
/// <c>amigo_lib__…__DynamicBehaviorSet__UserInfo</c> → <c>DynamicBehaviorSetUserInfo</c>); a name that would collide
/// with another, or with a common .NET type, keeps its last module segment (<c>…__conversation__Action</c> →
/// <c>ConversationAction</c>). Pydantic's <c>-Input</c>/<c>-Output</c> suffixes go when the bare name is free.
/// Two schemas that still collide fail the build: there are no numeric suffixes.
/// </summary>
public static class SchemaNamer
{
    /// <summary>Marks schemas that model one operation's request or response (from an endpoint module).</summary>
    public const string OperationSchemaMarker = "x-amigo-operation-schema";

    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "Action", "Func", "Task", "Type", "Object", "String", "Exception", "Attribute", "Delegate", "Enum", "Array",
        "Guid", "DateTime", "TimeSpan", "Uri", "Version", "Tuple", "Request", "Response", "Event", "Task",
        "FileResponse", "FileParameter", "ApiException", "SwaggerResponse", "Environment", "Math", "Convert",
    };

    /// <summary>Marks a schema named from a pydantic <c>X-Input</c>/<c>X-Output</c> model with its bare name, <c>X</c>.</summary>
    public const string TwinMarker = "x-amigo-twin-of";

    private sealed record Candidate(string Original, string Short, string Qualified, bool IsOperationSchema);

    public static IReadOnlyDictionary<string, string> Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var candidates = schemas.Properties().Select(p => Describe(p.Name)).ToList();

        var strippedSuffix = new Dictionary<string, string>(StringComparer.Ordinal);
        var shortCounts = candidates.GroupBy(c => c.Short).ToDictionary(g => g.Key, g => g.Count());
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var name = candidate.Short;
            if (shortCounts[name] > 1 || ReservedNames.Contains(name)) name = candidate.Qualified;
            chosen[candidate.Original] = name;
        }

        foreach (var group in chosen.GroupBy(c => c.Value).Where(g => g.Count() > 1))
            throw new SpecToolException(
                $"The schemas {string.Join(" and ", group.Select(g => $"'{g.Key}'"))} would both be named '{group.Key}' in C#. Rename one of them in openapi/.");

        var renames = chosen.Where(c => c.Key != c.Value).ToDictionary(c => c.Key, c => c.Value);
        var renamed = new JObject();
        foreach (var property in schemas.Properties())
        {
            var schema = (JObject)property.Value;
            if (candidates.First(c => c.Original == property.Name).IsOperationSchema) schema[OperationSchemaMarker] = true;
            if (StripPydanticSuffix(property.Name) is { } bare && chosen[property.Name] != TypeNaming.PascalKeepCase(bare))
                schema[TwinMarker] = TypeNaming.PascalKeepCase(bare);
            renamed[chosen[property.Name]] = schema;
        }
        document["components"]!["schemas"] = renamed;
        SchemaWalker.RewriteReferences(document, renames);
        return chosen;
    }

    private static Candidate Describe(string original)
    {
        var segments = original.Split("__", StringSplitOptions.RemoveEmptyEntries);
        var firstClass = Array.FindIndex(segments, s => char.IsUpper(s[0]));
        if (segments.Length == 1 || firstClass <= 0)
        {
            var whole = TypeNaming.PascalKeepCase(original);
            var bare = StripPydanticSuffix(original) is { } b ? TypeNaming.PascalKeepCase(b) : whole;
            // The bare name is tried first; if another schema strips to the same name, both keep their suffix.
            return new Candidate(original, bare, whole, false);
        }

        var modules = segments[..firstClass];
        var classes = string.Concat(segments[firstClass..].Select(TypeNaming.PascalKeepCase));
        var lastModule = TypeNaming.PascalKeepCase(modules[^1]);
        var isOperation = modules.Contains("endpoints");
        var shortName = isOperation ? lastModule + classes : classes;
        var qualified = shortName.StartsWith(lastModule, StringComparison.Ordinal) ? shortName : lastModule + shortName;
        return new Candidate(original, shortName, qualified, isOperation);
    }

    private static string? StripPydanticSuffix(string name) =>
        name.EndsWith("-Input", StringComparison.Ordinal) ? name[..^"-Input".Length]
        : name.EndsWith("-Output", StringComparison.Ordinal) ? name[..^"-Output".Length]
        : null;
}
