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
    /// already named; an import has it), a pinned type keeps its name wherever exactly one new type has its shape,
    /// before places are looked at.
    /// </summary>
    public static IReadOnlyList<LockEntry> Apply(JObject document, IReadOnlyList<LockEntry> entries, JObject? previous = null)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var final = new Dictionary<string, string>(StringComparer.Ordinal);
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);

        // With the previous release at hand, a type whose shape is unchanged keeps its name first, wherever it is
        // now; a place that now holds another type then names only what is left.
        if (previous is not null)
        {
            var pinned = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            var oldShapes = UniqueShapes(((JObject)previous["components"]!["schemas"]!).Properties().Where(p => pinned.Contains(p.Name)));
            foreach (var (shape, component) in UniqueShapes(schemas.Properties()))
            {
                if (!oldShapes.TryGetValue(shape, out var name) || !taken.Add(name)) continue;
                final[component] = name;
            }
        }

        // Places that now lead to one type (the members of a union that is gone): the pinned type most like it keeps its name there.
        var placed = entries
            .Select(e => (Entry: e, Component: Member(TypePaths.Resolve(document, e.Path), e.Name, schemas, previous)))
            .Where(p => p.Component is not null)
            .GroupBy(p => p.Component!)
            .Select(g => g.OrderByDescending(p => Likeness(p.Entry.Name, (JObject)schemas[g.Key]!, previous)).First())
            .ToDictionary(p => p.Entry, p => p.Component!);
        foreach (var entry in entries)
        {
            if (!placed.TryGetValue(entry, out var component)) continue;
            // A type found through its place keeps that pin; one found as a union's member is pinned where it is now.
            var pinnable = TypePaths.Resolve(document, entry.Path) == component;
            if (final.TryGetValue(component, out var named))
            {
                if (named == entry.Name && pinnable) pins[component] = entry.Path;
                continue;
            }
            // The place holds another kind of type now (a union where an object was), or the name already went to
            // the type's unchanged shape elsewhere.
            if (!Fits(entry.Name, (JObject)schemas[component]!, previous) || !taken.Add(entry.Name)) continue;
            final[component] = entry.Name;
            if (pinnable) pins[component] = entry.Path;
        }

        var canonical = TypePaths.Canonical(document);
        foreach (var component in schemas.Properties().Select(p => p.Name).Where(n => !final.ContainsKey(n)).ToList())
        {
            // A new type takes the name the passes gave it, unless a pinned type or a common .NET type has it.
            var name = component;
            if (taken.Contains(name) || SchemaNamer.IsReserved(name) || !Fits(name, (JObject)schemas[component]!, null))
                name = Naming.Pascal(canonical[component].Split(' ')[0]) + component;
            if (!taken.Add(name))
                throw new SpecToolException($"The types at '{canonical[component]}' and another place would both be named '{name}'. Pin one of them to another name in {LockFile.FileName}.");
            final[component] = name;
        }

        Rename(document, final);
        var places = TypePaths.Canonical(document);
        var result = final.Select(f => new LockEntry(f.Value, pins.TryGetValue(f.Key, out var pin) ? pin : places[f.Value])).ToList();
        foreach (var entry in result.Where(e => TypePaths.Resolve(document, e.Path) != e.Name))
            throw new SpecToolException($"The place '{entry.Path}' of {entry.Name} does not lead back to it; the name lock cannot pin it.");
        return result;
    }

    /// <summary>
    /// Where a place that held an object now holds a union of JSON kinds, the type is the union's object member most
    /// like it: it is what the place's object became.
    /// </summary>
    private static string? Member(string? component, string name, JObject schemas, JObject? previous)
    {
        if (component is null || previous?["components"]?["schemas"]?[name] is not JObject before || schemas[component] is not JObject now
            || now[KindUnions.Marker] is null || Kind(before) == Kind(now))
            return component;
        var best = (now["properties"] as JObject)?.Properties()
            .Select(p => SchemaWalker.ReferencedType(p.Value))
            .Where(m => m is not null && schemas[m] is JObject target && Kind(target) == Kind(before))
            .Select(m => (Member: m!, Likeness: Likeness(name, (JObject)schemas[m!]!, previous)))
            .OrderByDescending(m => m.Likeness)
            .FirstOrDefault();
        return best is { Likeness: > 0 } found ? found.Member : component;
    }

    /// <summary>
    /// Whether a type may be called <paramref name="name"/>: it is the kind of type the name had in the previous
    /// release (an object stays an object, a union a union), and none of its members has the name (C# forbids it).
    /// </summary>
    private static bool Fits(string name, JObject schema, JObject? previous)
    {
        if (schema["properties"]?[name] is not null) return false;
        return previous?["components"]?["schemas"]?[name] is not JObject before || Kind(before) == Kind(schema);
    }

    private static string Kind(JObject schema) =>
        schema[Unions.Marker] is not null ? "union"
        : schema[KindUnions.Marker] is not null ? "kind union"
        : schema[Tuples.Marker] is not null ? "tuple"
        : schema["enum"] is not null ? "enum"
        : "object";

    /// <summary>How many member names the type called <paramref name="name"/> in the previous release shares with <paramref name="schema"/>.</summary>
    private static int Likeness(string name, JObject schema, JObject? previous) =>
        previous?["components"]?["schemas"]?[name] is JObject before
            ? Members(before).Intersect(Members(schema)).Count()
            : 0;

    private static IEnumerable<string> Members(JObject schema) =>
        (schema["properties"] as JObject)?.Properties().Select(p => p.Name)
        ?? schema["allOf"]?.Children<JObject>().SelectMany(part => (part["properties"] as JObject)?.Properties().Select(p => p.Name) ?? [])
        ?? [];

    /// <summary>The schemas whose shape no other of them has, by shape.</summary>
    private static Dictionary<string, string> UniqueShapes(IEnumerable<JProperty> schemas) =>
        schemas.GroupBy(p => Signature((JObject)p.Value)).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Name, StringComparer.Ordinal);

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
