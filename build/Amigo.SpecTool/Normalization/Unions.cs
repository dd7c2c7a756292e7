using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// Turns tagged unions into class hierarchies. A <c>oneOf</c>/<c>anyOf</c> whose members (nested unions flattened)
/// are all objects with a constant discriminator property is a union, discriminator or not. Unions that share a
/// member form one family, so a type has one base: every streamed conversation event derives from one class.
/// Each family gets an abstract base holding the discriminator, its members inherit from it through <c>allOf</c>,
/// and an <c>Unknown…</c> member catches values a newer server sends. Every union in the family then refers to the
/// base. The mapping is recorded under <c>x-amigo-union</c> for the generated JsonSubTypes attributes.
/// </summary>
public static class Unions
{
    public const string Marker = "x-amigo-union";

    private sealed class Union
    {
        public required JObject Node { get; init; }
        public required SchemaSite Site { get; init; }
        public string? ComponentName { get; init; }
        public required List<string> Leaves { get; init; }
        public required string Discriminator { get; init; }
    }

    public static IReadOnlyList<UnionFamily> Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var unions = FindUnions(document, schemas);
        if (unions.Count == 0) return [];

        var families = GroupIntoFamilies(unions);
        var result = new List<UnionFamily>();
        var removed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            var discriminator = family[0].Discriminator;
            if (family.Any(u => u.Discriminator != discriminator))
                throw new SpecToolException($"The unions {Describe(family)} share members but use different discriminators.");

            var baseName = ChooseBaseName(family, schemas);
            var leaves = family.SelectMany(u => u.Leaves).Distinct().Order(StringComparer.Ordinal).ToList();
            var mapping = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var leaf in leaves)
            {
                var value = DiscriminatorValue((JObject)schemas[leaf]!, discriminator)!;
                if (mapping.TryGetValue(value, out var other))
                    throw new SpecToolException($"The schemas '{other}' and '{leaf}' both use {discriminator} '{value}' in the union {Describe(family)}.");
                mapping[value] = leaf;
            }

            var fallback = "Unknown" + baseName;
            var baseDescription = family.Select(u => (string?)u.Node["description"]).FirstOrDefault(d => d is not null);
            var baseSchema = new JObject
            {
                ["type"] = "object",
                ["x-abstract"] = true,
                ["description"] = baseDescription ?? $"One of: {string.Join(", ", leaves)}. Read {discriminator} to tell them apart, or switch on the type.",
                ["properties"] = new JObject
                {
                    [discriminator] = new JObject
                    {
                        ["type"] = "string",
                        ["description"] = "Which kind of value this is: " + string.Join(", ", mapping.Keys.Select(k => $"`{k}`")) + ". A newer server may send others.",
                    },
                },
                [Marker] = new JObject
                {
                    ["discriminator"] = discriminator,
                    ["mapping"] = JObject.FromObject(mapping),
                    ["fallback"] = fallback,
                },
            };

            foreach (var leaf in leaves) Inherit((JObject)schemas[leaf]!, baseName, discriminator);

            foreach (var union in family)
            {
                if (union.ComponentName is { } name && name != baseName)
                {
                    schemas.Remove(name);
                    removed[name] = baseName;
                }
                if (union.ComponentName is null)
                {
                    SchemaWalker.ReplaceContent(union.Node, SchemaWalker.RefKeeping(union.Node, baseName, "title", "description", "nullable"));
                }
            }
            schemas[baseName] = baseSchema;
            schemas[fallback] = new JObject
            {
                ["description"] = $"A {baseName} of a kind this version of the SDK does not know (a newer server). It keeps the {discriminator} and the raw JSON.",
                ["allOf"] = new JArray(SchemaWalker.Ref(baseName), new JObject { ["type"] = "object" }),
            };
            result.Add(new UnionFamily(baseName, discriminator, mapping, fallback));
        }
        SchemaWalker.RewriteReferences(document, removed);
        return result;
    }

    private static List<Union> FindUnions(JObject document, JObject schemas)
    {
        var unions = new List<Union>();
        var componentNodes = schemas.Properties().ToDictionary(p => p.Value, p => p.Name);
        SchemaWalker.Walk(document, (node, site) =>
        {
            if (!TryFlatten(node, schemas, [], out var leaves, out var discriminator)) return;
            componentNodes.TryGetValue(node, out var componentName);
            unions.Add(new Union { Node = node, Site = site, ComponentName = componentName, Leaves = leaves, Discriminator = discriminator });
        });
        return unions;
    }

    private static bool TryFlatten(JObject node, JObject schemas, HashSet<string> visiting, out List<string> leaves, out string discriminator)
    {
        leaves = [];
        discriminator = "";
        var members = (node["oneOf"] ?? node["anyOf"]) as JArray;
        if (members is null || members.Count < 2) return false;
        string? wanted = (string?)node["discriminator"]?["propertyName"];
        foreach (var member in members.Children<JObject>())
        {
            if (SchemaWalker.ReferencedName(member) is not { } name || schemas[name] is not JObject target) return false;
            if (target["oneOf"] is not null || target["anyOf"] is not null)
            {
                if (!visiting.Add(name)) return false;
                if (!TryFlatten(target, schemas, visiting, out var nested, out var nestedDiscriminator)) return false;
                if (wanted is not null && nestedDiscriminator != wanted) return false;
                wanted ??= nestedDiscriminator;
                leaves.AddRange(nested);
                continue;
            }
            leaves.Add(name);
        }
        leaves = leaves.Distinct().ToList();
        var candidates = wanted is not null ? [wanted] : new[] { "type" }.Concat(ConstantProperties((JObject)schemas[leaves[0]]!)).Distinct().ToList();
        foreach (var candidate in candidates)
        {
            if (leaves.All(l => DiscriminatorValue((JObject)schemas[l]!, candidate) is not null))
            {
                discriminator = candidate;
                return true;
            }
        }
        return false;
    }

    private static IEnumerable<string> ConstantProperties(JObject schema) =>
        (schema["properties"] as JObject)?.Properties().Where(p => p.Value["const"] is JValue).Select(p => p.Name) ?? [];

    private static string? DiscriminatorValue(JObject leaf, string property)
    {
        var schema = leaf["properties"]?[property];
        if (schema?["const"] is JValue { Type: JTokenType.String } constant) return (string?)constant;
        if (schema?["enum"] is JArray { Count: 1 } single && single[0].Type == JTokenType.String) return (string?)single[0];
        return null;
    }

    private static List<List<Union>> GroupIntoFamilies(List<Union> unions)
    {
        var parent = Enumerable.Range(0, unions.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < unions.Count; i++)
        foreach (var leaf in unions[i].Leaves)
        {
            if (owner.TryGetValue(leaf, out var j)) parent[Find(i)] = Find(j);
            else owner[leaf] = i;
        }
        return Enumerable.Range(0, unions.Count).GroupBy(Find).Select(g => g.Select(i => unions[i]).ToList()).ToList();
    }

    /// <summary>
    /// The family's largest named union that is not one operation's own request/response model names the base;
    /// failing that, any named union; failing that, the place the first inline union sits
    /// with the shortest such name (<c>CreateDynamicBehaviorSetVersionRequest</c> + <c>actions</c> → <c>CreateDynamicBehaviorSetVersionRequestAction</c>).
    /// </summary>
    private static string ChooseBaseName(List<Union> family, JObject schemas)
    {
        var named = family.Where(u => u.ComponentName is not null)
            .OrderBy(u => schemas[u.ComponentName!]?[SchemaNamer.OperationSchemaMarker] is not null)
            .ThenByDescending(u => u.Leaves.Count)
            .ThenBy(u => u.ComponentName, StringComparer.Ordinal)
            .FirstOrDefault();
        if (named is not null) return named.ComponentName!;
        var (first, name) = family
            .Select(u => (Union: u, Name: TypeNaming.PascalKeepCase(u.Site.Owner) + TypeNaming.Singular(TypeNaming.PascalKeepCase(u.Site.Member ?? "Value"))))
            .OrderBy(c => c.Name.Length).ThenBy(c => c.Name, StringComparer.Ordinal)
            .First();
        if (schemas[name] is not null)
            throw new SpecToolException($"The union at {first.Site.Owner}.{first.Site.Member} would be named '{name}', which is taken.");
        return name;
    }

    private static void Inherit(JObject leaf, string baseName, string discriminator)
    {
        if (leaf["properties"] is not JObject properties)
            throw new SpecToolException($"A member of the union '{baseName}' is not an object schema with properties.");
        var own = (JObject)leaf.DeepClone();
        var value = DiscriminatorValue(own, discriminator);
        ((JObject)own["properties"]!).Remove(discriminator);
        if (own["required"] is JArray required)
            foreach (var r in required.Where(r => (string?)r == discriminator).ToList()) r.Remove();
        var description = own["description"];
        own.Remove("description");
        own.Remove("title");
        leaf.RemoveAll();
        if (description is not null) leaf["description"] = description;
        leaf["allOf"] = new JArray(SchemaWalker.Ref(baseName), own);
        leaf["x-amigo-discriminator-value"] = value;
    }

    private static string Describe(List<Union> family) =>
        string.Join(", ", family.Select(u => u.ComponentName is not null ? $"'{u.ComponentName}'" : $"(inline at {u.Site.Owner}.{u.Site.Member})"));
}

/// <summary>One class hierarchy made from a union family.</summary>
public sealed record UnionFamily(string BaseName, string Discriminator, IReadOnlyDictionary<string, string> Mapping, string Fallback);
