using Amigo.SpecTool.Normalization;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.NameLock;

/// <summary>
/// Gives every component of a normalized document its final C# name. A type pinned in the lock keeps its name
/// wherever its place (<see cref="TypePaths"/>) now leads, whatever the spec and the normalization passes call it;
/// so a FastAPI module rename, a schema deduplicated under another name, or a union base that would be named after
/// a different member renames nothing. Types the lock does not know keep the clean name the passes gave them,
/// qualified by their operation if a pinned type already has it.
/// </summary>
public static class LockedNames
{
    /// <summary>
    /// Renames the components of <paramref name="document"/> and returns the lock that describes the result: each
    /// type with the place it is pinned to. With <paramref name="previous"/> (the document the lock was made for,
    /// already named), a pinned type whose place is gone keeps its name if exactly one new type has its shape.
    /// </summary>
    public static IReadOnlyList<LockEntry> Apply(JObject document, IReadOnlyList<LockEntry> entries, JObject? previous = null)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var final = new Dictionary<string, string>(StringComparer.Ordinal);
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (TypePaths.Resolve(document, entry.Path) is not { } component || final.ContainsKey(component) || !taken.Add(entry.Name)) continue;
            final[component] = entry.Name;
            pins[component] = entry.Path;
        }

        if (previous is not null)
        {
            var unplaced = entries.Where(e => !taken.Contains(e.Name)).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            var oldShapes = ((JObject)previous["components"]!["schemas"]!).Properties()
                .Where(p => unplaced.Contains(p.Name))
                .GroupBy(p => Signature((JObject)p.Value))
                .Where(g => g.Count() == 1)
                .ToDictionary(g => g.Key, g => g.Single().Name);
            var newShapes = schemas.Properties().Where(p => !final.ContainsKey(p.Name))
                .GroupBy(p => Signature((JObject)p.Value))
                .Where(g => g.Count() == 1);
            foreach (var group in newShapes)
            {
                if (!oldShapes.TryGetValue(group.Key, out var name) || !taken.Add(name)) continue;
                final[group.Single().Name] = name;
            }
        }

        var canonical = TypePaths.Canonical(document);
        foreach (var component in schemas.Properties().Select(p => p.Name).Where(n => !final.ContainsKey(n)).ToList())
        {
            var name = component;
            if (taken.Contains(name)) name = Naming.Pascal(canonical[component].Split(' ')[0]) + component;
            if (!taken.Add(name))
                throw new SpecToolException($"The types at '{canonical[component]}' and another place would both be named '{name}'. Pin one of them to another name in {LockFile.FileName}.");
            final[component] = name;
        }

        Rename(document, final);
        var placed = TypePaths.Canonical(document);
        var result = final.Select(f => new LockEntry(f.Value, pins.TryGetValue(f.Key, out var pin) ? pin : placed[f.Value])).ToList();
        foreach (var entry in result.Where(e => TypePaths.Resolve(document, e.Path) != e.Name))
            throw new SpecToolException($"The place '{entry.Path}' of {entry.Name} does not lead back to it; the name lock cannot pin it.");
        return result;
    }

    /// <summary>A schema's shape for matching a type across releases: its content without documentation, references reduced to "a reference".</summary>
    private static string Signature(JObject schema)
    {
        var copy = (JObject)schema.DeepClone();
        foreach (var reference in copy.SelectTokens("$..['$ref']").OfType<JValue>().ToList()) reference.Value = "#";
        return SchemaShape.Of(copy, ignoreConstraints: false);
    }

    private static void Rename(JObject document, IReadOnlyDictionary<string, string> final)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var renamed = new JObject();
        foreach (var component in schemas.Properties()) renamed[final[component.Name]] = component.Value;
        document["components"]!["schemas"] = renamed;
        SchemaWalker.RewriteReferences(document, final.Where(f => f.Key != f.Value).ToDictionary(f => f.Key, f => f.Value));
        foreach (var union in renamed.Properties().Select(p => p.Value[Unions.Marker]).OfType<JObject>())
        {
            foreach (var member in ((JObject)union["mapping"]!).Properties()) member.Value = final[(string)member.Value!];
            union["fallback"] = final[(string)union["fallback"]!];
        }
    }
}
