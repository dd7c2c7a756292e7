using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// The API's generator writes one copy of a model per endpoint that uses it. Component schemas with identical
/// content are folded into one (the shortest name wins), repeatedly, since folding one pair can make the schemas
/// that reference them identical too.
/// </summary>
public static class Deduplication
{
    public static void Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        while (true)
        {
            var groups = schemas.Properties()
                .GroupBy(p => Canonical(p.Value))
                .Where(g => g.Count() > 1)
                .ToList();
            if (groups.Count == 0) return;

            var renames = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var names = group.Select(p => p.Name).OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();
                foreach (var duplicate in names.Skip(1)) renames[duplicate] = names[0];
            }
            foreach (var duplicate in renames.Keys) schemas.Remove(duplicate);
            SchemaWalker.RewriteReferences(document, renames);
        }
    }

    private static string Canonical(JToken schema) => schema.ToString(Formatting.None);
}
