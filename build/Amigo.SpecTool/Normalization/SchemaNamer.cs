using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// Gives every component schema a clean PascalCase C# name. Python module paths are dropped
/// (<c>src__app__endpoints__conversation__get_conversations__Response</c> → <c>GetConversationsResponse</c>,
/// <c>amigo_lib__…__DynamicBehaviorSet__UserInfo</c> → <c>DynamicBehaviorSetUserInfo</c>); a name that would collide
/// with another, or with a common .NET type, keeps its last module segment (<c>…__conversation__Action</c> →
/// <c>ConversationAction</c>), then as many more as it takes to be unique. Pydantic's <c>-Input</c>/<c>-Output</c>
/// suffixes go when the bare name is free. Only schemas whose whole names are alike fail the build: there are no
/// numeric suffixes.
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

    /// <summary>True for names of common .NET types (<c>Action</c>, <c>Version</c>), which a generated type should not take.</summary>
    public static bool IsReserved(string name) => ReservedNames.Contains(name);

    /// <summary>Marks a schema named from a pydantic <c>X-Input</c>/<c>X-Output</c> model with its bare name, <c>X</c>.</summary>
    public const string TwinMarker = "x-amigo-twin-of";

    /// <summary>A schema and the names it may take, most wanted first.</summary>
    private sealed record Candidate(string Original, IReadOnlyList<string> Names, bool IsOperationSchema);

    public static IReadOnlyDictionary<string, string> Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var candidates = schemas.Properties().Select(p => Describe(p.Name)).ToList();

        // Every schema takes its first name; schemas that share one move on to their next, more qualified name
        // (those already further along first), until all names are distinct.
        // A name that is a common .NET type is passed over, unless it is the schema's only name.
        var level = candidates.ToDictionary(c => c, c => Math.Min(c.Names.TakeWhile(ReservedNames.Contains).Count(), c.Names.Count - 1));
        while (true)
        {
            var clashes = candidates.GroupBy(c => c.Names[level[c]]).Where(g => g.Count() > 1).ToList();
            if (clashes.Count == 0) break;
            foreach (var clash in clashes)
            {
                var furthest = clash.Max(c => level[c]);
                foreach (var candidate in clash.Where(c => level[c] == furthest))
                {
                    do level[candidate]++;
                    while (level[candidate] < candidate.Names.Count - 1 && ReservedNames.Contains(candidate.Names[level[candidate]]));
                    if (level[candidate] == candidate.Names.Count)
                        throw new SpecToolException(
                            $"The schemas {string.Join(" and ", clash.Select(c => $"'{c.Original}'"))} would both be named '{clash.Key}' in C#. Rename one of them in openapi/.");
                }
            }
        }
        var chosen = candidates.ToDictionary(c => c.Original, c => c.Names[level[c]], StringComparer.Ordinal);

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
        var whole = TypeNaming.PascalKeepCase(original);
        if (segments.Length == 1 || firstClass <= 0)
        {
            // The bare name is tried first; if another schema strips to the same name, both keep their suffix.
            var bare = StripPydanticSuffix(original) is { } b ? TypeNaming.PascalKeepCase(b) : whole;
            return new Candidate(original, new[] { bare, whole }.Distinct().ToList(), false);
        }

        var modules = segments[..firstClass];
        var classes = string.Concat(segments[firstClass..].Select(TypeNaming.PascalKeepCase));
        var isOperation = modules.Contains("endpoints");
        var names = new List<string> { isOperation ? TypeNaming.PascalKeepCase(modules[^1]) + classes : classes };
        // Then with more and more of the module path: the last module, the last two, ...
        for (var count = 1; count <= modules.Length; count++)
        {
            var prefix = string.Concat(modules[^count..].Select(TypeNaming.PascalKeepCase));
            names.Add(names[0].StartsWith(prefix, StringComparison.Ordinal) ? names[0] : prefix + classes);
        }
        names.Add(whole);
        return new Candidate(original, names.Distinct().ToList(), isOperation);
    }

    private static string? StripPydanticSuffix(string name) =>
        name.EndsWith("-Input", StringComparison.Ordinal) ? name[..^"-Input".Length]
        : name.EndsWith("-Output", StringComparison.Ordinal) ? name[..^"-Output".Length]
        : null;
}
