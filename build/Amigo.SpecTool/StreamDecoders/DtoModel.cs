using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Amigo.SpecTool.StreamDecoders;

/// <summary>How a property is bound by Newtonsoft.Json: its <c>Required</c> and whether a JSON null is ignored.</summary>
public enum Requirement { Default, AllowNull, Always, DisallowNull }

/// <summary>One property of a generated DTO, as NSwag wrote it (after polishing).</summary>
/// <param name="JsonName">The name in <c>[JsonProperty("…")]</c>.</param>
/// <param name="ClrName">The C# property name.</param>
/// <param name="TypeText">The C# type as written (<c>string</c>, <c>System.Collections.Generic.IList&lt;X&gt;?</c>).</param>
/// <param name="Plain">Whether the property has only attributes the decoders reproduce (no converter, no other settings).</param>
public sealed record DtoProperty(string JsonName, string ClrName, string TypeText, Requirement Required, bool IgnoreNull, bool Plain)
{
    /// <summary>Whether the property must be present in the JSON (Newtonsoft reports it missing otherwise).</summary>
    public bool MustBePresent => Required is Requirement.Always or Requirement.AllowNull;

    /// <summary>Whether the property may be JSON null without an issue.</summary>
    public bool NullAllowed => Required is Requirement.Default or Requirement.AllowNull;
}

/// <summary>A generated DTO class: its base, properties and whether unknown properties go to <c>AdditionalProperties</c>.</summary>
public sealed record DtoClass(string Name, string? Base, bool IsAbstract, IReadOnlyList<DtoProperty> Properties, bool HasExtensionData, bool HasClassAttributes);

/// <summary>Reads the DTO classes out of NSwag's (polished) output with Roslyn: what the decoders must fill, by shape.</summary>
public static class DtoModel
{
    public static IReadOnlyDictionary<string, DtoClass> Read(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();
        var classes = new Dictionary<string, DtoClass>(StringComparer.Ordinal);
        foreach (var type in root.DescendantNodes().OfType<ClassDeclarationSyntax>())
        {
            if (type.Parent is not BaseNamespaceDeclarationSyntax) continue;
            var properties = new List<DtoProperty>();
            var extension = false;
            foreach (var property in type.Members.OfType<PropertyDeclarationSyntax>())
            {
                var attributes = property.AttributeLists.SelectMany(l => l.Attributes).ToList();
                if (attributes.Any(a => Name(a) == "JsonExtensionData"))
                {
                    extension = true;
                    continue;
                }
                var jsonProperty = attributes.FirstOrDefault(a => Name(a) == "JsonProperty");
                if (jsonProperty?.ArgumentList?.Arguments.FirstOrDefault()?.Expression is not LiteralExpressionSyntax { Token.Value: string jsonName }) continue;
                var required = Requirement.Default;
                var ignoreNull = false;
                var plain = attributes.All(a => Name(a) is "JsonProperty" or "Required");
                foreach (var argument in jsonProperty.ArgumentList!.Arguments.Skip(1))
                {
                    var value = argument.Expression.ToString();
                    switch (argument.NameEquals?.Name.Identifier.ValueText)
                    {
                        case "Required":
                            required = Enum.TryParse<Requirement>(value[(value.LastIndexOf('.') + 1)..], out var r) ? r : Requirement.Default;
                            break;
                        case "NullValueHandling" when value.EndsWith(".Ignore", StringComparison.Ordinal):
                            ignoreNull = true;
                            break;
                        default:
                            plain = false;
                            break;
                    }
                }
                var accessors = property.AccessorList?.Accessors.Select(a => a.Keyword.ValueText).ToList() ?? [];
                plain &= accessors.Contains("get") && accessors.Contains("set") && property.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword));
                properties.Add(new DtoProperty(jsonName, property.Identifier.ValueText, property.Type.ToString(), required, ignoreNull, plain));
            }
            var classAttributes = type.AttributeLists.SelectMany(l => l.Attributes).Any(a => Name(a) != "GeneratedCode");
            classes[type.Identifier.ValueText] = new DtoClass(
                type.Identifier.ValueText,
                type.BaseList?.Types.FirstOrDefault()?.Type.ToString(),
                type.Modifiers.Any(m => m.IsKind(SyntaxKind.AbstractKeyword)),
                properties,
                extension,
                classAttributes);
        }
        return classes;
    }

    private static string Name(AttributeSyntax attribute)
    {
        var name = attribute.Name.ToString();
        name = name[(name.LastIndexOf('.') + 1)..];
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }
}
