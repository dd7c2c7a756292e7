using System.Text;
using Amigo.SpecTool.Normalization;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.CodeEmission;

/// <summary>
/// Writes <c>AmigoTrimmingRoots</c>: the <c>[DynamicDependency]</c> attributes that keep, in a trimmed or NativeAOT
/// app, what Newtonsoft.Json and JsonSubTypes reach by reflection. Every schema of the normalized document that is not a bare
/// scalar is one generated DTO or enum (NSwag names each after its component), and each keeps its public constructors (the
/// serializer creates it), properties (it reads and writes them, with their <c>[JsonProperty]</c> attributes) and
/// fields (an enum's <c>[EnumMember]</c> names). Each converter that a generated <c>[JsonConverter]</c> attribute names
/// keeps its constructors, which the serializer calls with the attribute's arguments. Nothing here is keyed on a
/// type's name: the list follows from the document's shape (its schemas, unions, tuples, kind unions and enums).
/// <c>AmigoJsonSettings</c>, which every generated client and the façade's serializers start from, depends on it.
/// </summary>
public static class TrimmingRootsWriter
{
    private const string Members =
        "System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors | " +
        "System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties | " +
        "System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields";

    private const string Constructors = "System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors";

    public static void Write(StringBuilder code, JObject schemas, bool hasUnions)
    {
        code.AppendLine("/// <summary>");
        code.AppendLine("/// What Newtonsoft.Json and JsonSubTypes reach by reflection in the generated types, kept for trimmed and NativeAOT apps:");
        code.AppendLine("/// each DTO's and enum's public constructors, properties and fields, and each converter's constructors.");
        code.AppendLine("/// </summary>");
        code.AppendLine("internal static class AmigoTrimmingRoots");
        code.AppendLine("{");
        foreach (var name in schemas.Properties().Where(p => BecomesAType((JObject)p.Value)).Select(p => p.Name).Order(StringComparer.Ordinal))
            code.AppendLine($"    [System.Diagnostics.CodeAnalysis.DynamicDependency({Members}, typeof({name}))]");
        foreach (var converter in Converters(schemas, hasUnions))
            code.AppendLine($"    [System.Diagnostics.CodeAnalysis.DynamicDependency({Constructors}, typeof({converter}))]");
        if (schemas.Properties().Any(p => p.Value["properties"] is not null || (string?)p.Value["type"] == "object"))
        {
            // NSwag gives every object model an [JsonExtensionData] IDictionary<string, object>: Newtonsoft finds the
            // dictionary's indexer by reflection and creates a Dictionary<string, object> for it. Without these,
            // NativeAOT has no metadata for them (the first stream failed: "Value cannot be null. (Parameter 'method')").
            code.AppendLine($"    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties, typeof(System.Collections.Generic.IDictionary<string, object>))]");
            code.AppendLine($"    [System.Diagnostics.CodeAnalysis.DynamicDependency({Constructors}, typeof(System.Collections.Generic.Dictionary<string, object>))]");
        }
        code.AppendLine("    internal static void Preserve() { }");
        code.AppendLine("}");
        code.AppendLine();
    }

    /// <summary>
    /// Whether NSwag writes a type for the schema: a scalar without an enum (a <c>const</c> string, say) is used inline
    /// as its .NET primitive and has no type of its own.
    /// </summary>
    private static bool BecomesAType(JObject schema) =>
        schema["enum"] is not null || (string?)schema["type"] is not ("string" or "number" or "integer" or "boolean");

    /// <summary>The converter types the generated <c>[JsonConverter]</c> attributes name, from the schemas that get them.</summary>
    private static IEnumerable<string> Converters(JObject schemas, bool hasUnions)
    {
        var values = schemas.Properties().Select(p => (p.Name, Schema: (JObject)p.Value)).ToList();
        // Unions (JsonSubtypes on each base), and string enums (NSwag's StringEnumConverter on each property of their type).
        if (hasUnions)
            yield return "JsonSubTypes.JsonSubtypes";
        if (values.Any(v => v.Schema["enum"] is not null && (string?)v.Schema["type"] == "string"))
            yield return "Newtonsoft.Json.Converters.StringEnumConverter";
        foreach (var (name, _) in values.Where(v => v.Schema[Tuples.Marker] is not null).OrderBy(v => v.Name, StringComparer.Ordinal))
            yield return $"JsonArrayTupleConverter<{name}>";
        foreach (var (name, _) in values.Where(v => v.Schema[KindUnions.Marker] is not null).OrderBy(v => v.Name, StringComparer.Ordinal))
            yield return $"JsonKindUnionConverter<{name}>";
    }
}
