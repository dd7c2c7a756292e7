using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>Where a schema sits in the document, so passes can name what they lift out of it.</summary>
/// <param name="Owner">The nearest enclosing named thing: a component schema's name, or an operation id.</param>
/// <param name="Member">The property or parameter name under the owner, if any.</param>
public readonly record struct SchemaSite(string Owner, string? Member);

/// <summary>Visits every schema object in an OpenAPI document: components, parameters, bodies, responses, and all nested schemas.</summary>
public static class SchemaWalker
{
    private static readonly string[] Combinators = ["allOf", "anyOf", "oneOf", "prefixItems"];
    private static readonly string[] SingleChildren = ["items", "not"];

    /// <summary>Calls <paramref name="visit"/> on every schema, children before parents.</summary>
    public static void Walk(JObject document, Action<JObject, SchemaSite> visit)
    {
        foreach (var (schema, site) in Roots(document).ToList())
            WalkSchema(schema, site, visit);
    }

    /// <summary>The top-level schemas: each component schema and each schema of an operation.</summary>
    public static IEnumerable<(JObject Schema, SchemaSite Site)> Roots(JObject document)
    {
        foreach (var component in ((document["components"]?["schemas"] as JObject)?.Properties() ?? []).ToList())
            if (component.Value is JObject schema)
                yield return (schema, new SchemaSite(component.Name, null));

        foreach (var (operation, operationId, _, _) in Operations(document))
        {
            foreach (var parameter in operation["parameters"]?.Children<JObject>() ?? [])
                if (parameter["schema"] is JObject schema)
                    yield return (schema, new SchemaSite(operationId, (string?)parameter["name"]));
            foreach (var media in (operation["requestBody"]?["content"] as JObject)?.Properties() ?? [])
                if (media.Value["schema"] is JObject schema)
                    yield return (schema, new SchemaSite(operationId, "Request"));
            foreach (var response in (operation["responses"] as JObject)?.Properties() ?? [])
            foreach (var media in (response.Value["content"] as JObject)?.Properties() ?? [])
                if (media.Value["schema"] is JObject schema)
                    yield return (schema, new SchemaSite(operationId, "Response"));
        }
    }

    /// <summary>Every operation with its id, path and method.</summary>
    public static IEnumerable<(JObject Operation, string OperationId, string Path, string Method)> Operations(JObject document)
    {
        foreach (var path in ((document["paths"] as JObject)?.Properties() ?? []).ToList())
        foreach (var method in ((JObject)path.Value).Properties().ToList())
            if (method.Value is JObject operation && operation["responses"] is not null)
                yield return (operation, (string?)operation["operationId"] ?? $"{method.Name} {path.Name}", path.Name, method.Name);
    }

    private static void WalkSchema(JObject schema, SchemaSite site, Action<JObject, SchemaSite> visit)
    {
        foreach (var child in Children(schema, site).ToList())
            WalkSchema(child.Schema, child.Site, visit);
        visit(schema, site);
    }

    /// <summary>The direct sub-schemas of a schema, with the site each would be named after.</summary>
    public static IEnumerable<(JObject Schema, SchemaSite Site)> Children(JObject schema, SchemaSite site)
    {
        if (schema["properties"] is JObject properties)
            foreach (var property in properties.Properties())
                if (property.Value is JObject child)
                    yield return (child, new SchemaSite(site.Owner, property.Name));
        if (schema["additionalProperties"] is JObject additional)
            yield return (additional, site);
        foreach (var key in SingleChildren)
            if (schema[key] is JObject child)
                yield return (child, site);
        foreach (var key in Combinators)
            foreach (var child in schema[key]?.Children<JObject>() ?? [])
                yield return (child, site);
    }

    /// <summary>Replaces every <c>$ref</c> in the document that points at one of <paramref name="renames"/>' keys.</summary>
    public static void RewriteReferences(JToken root, IReadOnlyDictionary<string, string> renames)
    {
        foreach (var reference in root.SelectTokens("$..['$ref']").OfType<JValue>().ToList())
        {
            var value = (string?)reference;
            if (value is null || !value.StartsWith(RefPrefix, StringComparison.Ordinal)) continue;
            if (renames.TryGetValue(value[RefPrefix.Length..], out var renamed))
                reference.Value = RefPrefix + renamed;
        }
    }

    public const string RefPrefix = "#/components/schemas/";

    /// <summary>The component name a <c>$ref</c> schema points at, or null.</summary>
    public static string? ReferencedName(JToken? schema) =>
        schema is JObject o && (string?)o["$ref"] is { } r && r.StartsWith(RefPrefix, StringComparison.Ordinal) ? r[RefPrefix.Length..] : null;

    /// <summary>The component a schema stands for: a plain <c>$ref</c>, or <c>allOf: [$ref]</c> that only adds documentation or nullability.</summary>
    public static string? ReferencedType(JToken? schema) =>
        ReferencedName(schema) ?? (schema?["allOf"] is JArray { Count: 1 } parts && schema["properties"] is null ? ReferencedName(parts[0]) : null);

    public static JObject Ref(string name) => new() { ["$ref"] = RefPrefix + name };

    /// <summary>
    /// A reference to <paramref name="name"/> that keeps <paramref name="keep"/> keywords of <paramref name="schema"/>
    /// (its description, nullability...): <c>allOf: [$ref]</c> when there are any, a plain <c>$ref</c> otherwise.
    /// </summary>
    public static JObject RefKeeping(JObject schema, string name, params string[] keep)
    {
        var reference = new JObject();
        foreach (var key in keep)
            if (schema[key] is { } value) reference[key] = value.DeepClone();
        if (reference.Count == 0) return Ref(name);
        reference["allOf"] = new JArray(Ref(name));
        return reference;
    }

    /// <summary>Replaces the content of <paramref name="target"/> with <paramref name="source"/>'s, in place.</summary>
    public static void ReplaceContent(JObject target, JObject source)
    {
        var copy = (JObject)source.DeepClone();
        target.RemoveAll();
        foreach (var property in copy.Properties().ToList())
            target.Add(property.Name, property.Value);
    }
}
