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

    public static void Run(JObject document)
    {
        var schemas = (JObject)document["components"]!["schemas"]!;
        var unions = FindUnions(document, schemas);
        if (unions.Count == 0) return;

        var families = GroupIntoFamilies(unions);
        var removed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            var discriminator = family[0].Discriminator;
            if (family.Any(u => u.Discriminator != discriminator))
                throw new SpecToolException($"The unions {Describe(family)} share members but use different discriminators.");

            var baseName = ChooseBaseName(family, schemas);
            var leaves = family.SelectMany(u => u.Leaves).Distinct().Order(StringComparer.Ordinal).ToList();
            var mapping = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in leaves.GroupBy(l => Key(DiscriminatorValue((JObject)schemas[l]!, discriminator)!)))
                mapping[group.Key] = FoldTwins(group.ToList(), schemas, removed, family, discriminator);
            leaves = mapping.Values.Order(StringComparer.Ordinal).ToList();
            var valueTypes = leaves.Select(l => JsonType(DiscriminatorValue((JObject)schemas[l]!, discriminator)!)).Distinct().ToList();
            if (valueTypes.Count > 1)
                throw new SpecToolException($"The unions {Describe(family)} mix {string.Join(" and ", valueTypes)} values of {discriminator}.");

            var fallback = "Unknown" + baseName;
            var baseDescription = family.Select(u => (string?)u.Node["description"]).FirstOrDefault(d => d is not null);
            var baseSchema = new JObject
            {
                ["type"] = "object",
                ["x-abstract"] = true,
                ["description"] = baseDescription ?? $"One of several kinds of value: read {discriminator} to tell them apart, or switch on the type.",
                ["properties"] = new JObject
                {
                    [discriminator] = new JObject
                    {
                        ["type"] = valueTypes[0],
                        ["description"] = "Which kind of value this is: " + string.Join(", ", mapping.Keys.Select(k => $"`{k}`")) + ". A newer server may send others.",
                    },
                },
                [Marker] = new JObject
                {
                    ["discriminator"] = discriminator,
                    ["discriminatorType"] = valueTypes[0],
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
                ["description"] = $"A value of a kind this version of the SDK does not know (a newer server). It keeps the {discriminator} and the raw JSON.",
                ["allOf"] = new JArray(SchemaWalker.Ref(baseName), new JObject { ["type"] = "object" }),
            };
        }
        SchemaWalker.RewriteReferences(document, removed);
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
            var values = leaves.Select(l => DiscriminatorValue((JObject)schemas[l]!, candidate)).ToList();
            // A discriminator tells this union's members apart: each has its own value (across unions, twins may share one).
            if (values.All(v => v is not null) && values.Select(v => Key(v!)).Distinct().Count() == values.Count)
            {
                discriminator = candidate;
                return true;
            }
        }
        return false;
    }

    private static IEnumerable<string> ConstantProperties(JObject schema) =>
        (schema["properties"] as JObject)?.Properties().Where(p => p.Value["const"] is JValue).Select(p => p.Name) ?? [];

    /// <summary>The constant a member has at <paramref name="property"/>: a string, a boolean (<c>succeeded: true</c>) or an integer.</summary>
    private static JValue? DiscriminatorValue(JObject leaf, string property)
    {
        var schema = leaf["properties"]?[property];
        var constant = schema?["const"] as JValue ?? (schema?["enum"] is JArray { Count: 1 } single ? single[0] as JValue : null);
        return constant?.Type is JTokenType.String or JTokenType.Boolean or JTokenType.Integer ? constant : null;
    }

    /// <summary>The mapping key of a discriminator value: strings as they are, other constants as JSON (<c>true</c>).</summary>
    private static string Key(JValue value) =>
        value.Type == JTokenType.String ? (string)value! : value.ToString(Newtonsoft.Json.Formatting.None);

    private static string JsonType(JValue value) => value.Type switch
    {
        JTokenType.Boolean => "boolean",
        JTokenType.Integer => "integer",
        _ => "string",
    };

    /// <summary>
    /// Members of one family that share a discriminator value are one kind of value described twice, as pydantic
    /// does with its X-Input (request) and X-Output (response) models. If they are the same C# type apart from
    /// validation and documentation, they become one type: the one that requires the fewest members, which can
    /// both read responses and write requests. Members that truly differ cannot share a discriminator value.
    /// </summary>
    private static string FoldTwins(List<string> twins, JObject schemas, Dictionary<string, string> removed, List<Union> family, string discriminator)
    {
        if (twins.Count == 1) return twins[0];
        var shapes = twins.Select(t => SchemaShape.Of(schemas[t]!, ignoreConstraints: true)).Distinct().Count();
        var value = DiscriminatorValue((JObject)schemas[twins[0]]!, discriminator);
        if (shapes > 1)
            throw new SpecToolException($"The schemas {string.Join(" and ", twins.Select(t => $"'{t}'"))} both use {discriminator} '{value}' in the union {Describe(family)}, but are different types.");
        var kept = twins
            .OrderBy(t => schemas[t]!["required"]?.Count() ?? 0)
            .ThenBy(t => t.Length)
            .ThenBy(t => t, StringComparer.Ordinal)
            .First();
        // CategoricalMetricValue-Input and -Output, folded, are a CategoricalMetricValue.
        var bare = twins.Select(t => (string?)schemas[t]![SchemaNamer.TwinMarker]).Distinct().ToList() is [{ } twinOf] && schemas[twinOf] is null ? twinOf : null;
        var name = bare ?? kept;
        var schema = schemas[kept]!;
        foreach (var twin in twins)
        {
            schemas.Remove(twin);
            if (twin != name) removed[twin] = name;
        }
        schemas[name] = schema;
        return name;
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
        if (named is not null)
        {
            // Twin unions (MetricValue-Input and -Output) make one family: it takes their bare name.
            var twins = family.Where(u => u.ComponentName is not null).Select(u => (string?)schemas[u.ComponentName!]?[SchemaNamer.TwinMarker]).Distinct().ToList();
            return twins is [{ } bare] && schemas[bare] is null ? bare : named.ComponentName!;
        }
        var candidates = family
            .SelectMany(u => new[]
            {
                TypeNaming.PascalKeepCase(u.Site.Owner) + TypeNaming.Singular(TypeNaming.PascalKeepCase(u.Site.Member ?? "Value")),
                TypeNaming.PascalKeepCase(u.Site.Owner) + TypeNaming.PascalKeepCase(u.Site.Member ?? "Value") + "Union",
            })
            .Distinct()
            .OrderBy(n => n.EndsWith("Union", StringComparison.Ordinal)).ThenBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)
            .ToList();
        return candidates.FirstOrDefault(n => schemas[n] is null)
            ?? throw new SpecToolException($"Every name for the union {Describe(family)} is taken: {string.Join(", ", candidates)}.");
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
        leaf["x-amigo-discriminator-value"] = value?.DeepClone();
    }

    private static string Describe(List<Union> family) =>
        string.Join(", ", family.Select(u => u.ComponentName is not null ? $"'{u.ComponentName}'" : $"(inline at {u.Site.Owner}.{u.Site.Member})"));
}

/// <summary>One class hierarchy made from a union family.</summary>
/// <param name="DiscriminatorType">The JSON type of the discriminator's values: string, boolean or integer.</param>
/// <param name="Mapping">Each discriminator value (as <see cref="Literal"/> reads it) and its member.</param>
public sealed record UnionFamily(string BaseName, string Discriminator, string DiscriminatorType, IReadOnlyDictionary<string, string> Mapping, string Fallback)
{
    /// <summary>The C# type of the discriminator's constants.</summary>
    public string ClrType => DiscriminatorType switch { "boolean" => "bool", "integer" => "long", _ => "string" };

    /// <summary>A discriminator value as a C# literal.</summary>
    public string Literal(string value) => DiscriminatorType == "string" ? Newtonsoft.Json.JsonConvert.ToString(value) : value;

    /// <summary>The families a normalized document records under <see cref="Unions.Marker"/>, in document order.</summary>
    public static IReadOnlyList<UnionFamily> Read(JObject document) =>
        ((JObject)document["components"]!["schemas"]!).Properties()
            .Where(p => p.Value[Unions.Marker] is JObject)
            .Select(p =>
            {
                var marker = (JObject)p.Value[Unions.Marker]!;
                var mapping = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var entry in ((JObject)marker["mapping"]!).Properties()) mapping[entry.Name] = (string)entry.Value!;
                return new UnionFamily(p.Name, (string)marker["discriminator"]!, (string?)marker["discriminatorType"] ?? "string", mapping, (string)marker["fallback"]!);
            })
            .ToList();
}
