using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// NSwag names one client per first tag; a tag such as "Dynamic Behavior Set" would give
/// <c>Dynamic_Behavior_SetClient</c>. Tags become PascalCase (<c>DynamicBehaviorSet</c>), keeping the original
/// text as the tag's description.
/// </summary>
public static class Tags
{
    public static void Run(JObject document)
    {
        var seen = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (operation, _, _, _) in SchemaWalker.Operations(document))
        {
            if (operation["tags"] is not JArray tags) continue;
            for (var i = 0; i < tags.Count; i++)
            {
                var original = (string?)tags[i] ?? "";
                var pascal = TypeNaming.PascalKeepCase(original);
                seen[pascal] = original;
                tags[i] = pascal;
            }
        }
        document["tags"] = new JArray(seen.Select(t => new JObject { ["name"] = t.Key, ["description"] = t.Value }));
    }
}
