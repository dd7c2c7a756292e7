using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Amigo.SpecTool.PublicApi;

/// <summary>
/// The public surface of a built assembly as text: one line per public or protected type (its declaration, base
/// type and interfaces), then one indented line per public or protected member, each as a C# signature; types by
/// name, members by name after the constructors, so two listings differ exactly where the surface does.
/// </summary>
public static class ApiListing
{
    private static readonly SymbolDisplayFormat Member = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints | SymbolDisplayGenericsOptions.IncludeVariance,
        memberOptions: SymbolDisplayMemberOptions.IncludeAccessibility | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeType
                       | SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeConstantValue | SymbolDisplayMemberOptions.IncludeRef
                       | SymbolDisplayMemberOptions.IncludeExplicitInterface,
        kindOptions: SymbolDisplayKindOptions.IncludeMemberKeyword,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue
                          | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeExtensionThis,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier
                              | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private static readonly SymbolDisplayFormat TypeName = Member
        .WithMemberOptions(SymbolDisplayMemberOptions.None)
        .WithGenericsOptions(SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeVariance);

    /// <summary>The listing of the assembly at <paramref name="assemblyPath"/>; its dependencies are looked up next to it.</summary>
    public static string Of(string assemblyPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var target = MetadataReference.CreateFromFile(assemblyPath);
        var dependencies = Directory.EnumerateFiles(directory, "*.dll")
            .Where(f => !string.Equals(Path.GetFullPath(f), Path.GetFullPath(assemblyPath), StringComparison.Ordinal))
            .Concat(platform.Where(p => !File.Exists(Path.Combine(directory, Path.GetFileName(p)))))
            .Select(f => MetadataReference.CreateFromFile(f));
        var compilation = CSharpCompilation.Create("listing", references: [target, .. dependencies]);
        var assembly = (IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(target)!;

        var text = new StringBuilder();
        text.Append("// The public API of ").Append(assembly.Name).Append(". Regenerate: see README, \"Public API baseline\".\n");
        foreach (var type in Types(assembly.GlobalNamespace).OrderBy(t => t.ToDisplayString(TypeName), StringComparer.Ordinal))
        {
            text.Append(Declaration(type)).Append('\n');
            // Constructors first, then members by name; overloads by signature.
            var members = type.GetMembers().Where(IsListed)
                .Select(m => (Name: m is IMethodSymbol { MethodKind: MethodKind.Constructor } ? "" : m.Name, Signature: Signature(m)))
                .OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Signature, StringComparer.Ordinal);
            foreach (var (_, signature) in members)
                text.Append("    ").Append(signature).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// What changed from <paramref name="before"/> to <paramref name="after"/>, by type: <c>+</c> and <c>-</c> for a
    /// whole type, and under the declaration of a type that stayed, <c>+</c>/<c>-</c> for each member. Empty if nothing.
    /// </summary>
    public static string Diff(string before, string after)
    {
        var old = Parse(before);
        var @new = Parse(after);
        var text = new StringBuilder();
        foreach (var type in old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal))
        {
            if (!@new.TryGetValue(type, out var now)) { text.Append("- ").Append(type).Append('\n'); continue; }
            if (!old.TryGetValue(type, out var then)) { text.Append("+ ").Append(type).Append('\n'); continue; }
            var removed = then.Except(now).ToList();
            var added = now.Except(then).ToList();
            if (removed.Count + added.Count == 0) continue;
            text.Append("  ").Append(type).Append('\n');
            foreach (var line in removed) text.Append("-     ").Append(line).Append('\n');
            foreach (var line in added) text.Append("+     ").Append(line).Append('\n');
        }
        return text.ToString();
    }

    private static Dictionary<string, List<string>> Parse(string listing)
    {
        var types = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in listing.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) continue;
            if (line.StartsWith("    ", StringComparison.Ordinal)) current?.Add(line.Trim());
            else types[line] = current = [];
        }
        return types;
    }

    private static IEnumerable<INamedTypeSymbol> Types(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers().SelectMany(Nested).Where(IsVisible)) yield return type;
        foreach (var child in ns.GetNamespaceMembers())
        foreach (var type in Types(child))
            yield return type;
    }

    private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type) =>
        new[] { type }.Concat(type.GetTypeMembers().Where(IsVisible).SelectMany(Nested));

    /// <summary>Public, or protected in a type that can be derived from; and so is every containing type.</summary>
    private static bool IsVisible(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                return false;
        return true;
    }

    /// <summary>A visible member a caller can name: accessors are part of their property, and of the members the compiler adds, only constructors count.</summary>
    private static bool IsListed(ISymbol member)
    {
        if (member is INamedTypeSymbol || member.ContainingType.TypeKind == TypeKind.Delegate || !IsVisible(member)) return false;
        return member switch
        {
            // A class's implicit constructor is public surface; a struct's or enum's is not worth a line.
            IMethodSymbol { MethodKind: MethodKind.Constructor } => !member.IsImplicitlyDeclared || member.ContainingType.TypeKind == TypeKind.Class,
            IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion } => !member.IsImplicitlyDeclared,
            IMethodSymbol { MethodKind: not MethodKind.Ordinary } => false,
            _ => member.CanBeReferencedByName && !member.IsImplicitlyDeclared,
        };
    }

    private static string Signature(ISymbol member) => member switch
    {
        IFieldSymbol { ContainingType.TypeKind: TypeKind.Enum } field => $"{field.Name} = {field.ConstantValue}",
        _ => member.ToDisplayString(Member),
    };

    private static string Declaration(INamedTypeSymbol type)
    {
        var text = new StringBuilder(SyntaxFacts.GetText(type.DeclaredAccessibility)).Append(' ');
        if (type.TypeKind == TypeKind.Class)
        {
            if (type.IsStatic) text.Append("static ");
            else if (type.IsAbstract) text.Append("abstract ");
            else if (type.IsSealed) text.Append("sealed ");
        }
        text.Append(type.TypeKind switch
        {
            TypeKind.Class => type.IsRecord ? "record" : "class",
            TypeKind.Struct => type.IsRecord ? "record struct" : type.IsReadOnly ? "readonly struct" : "struct",
            TypeKind.Interface => "interface",
            TypeKind.Enum => "enum",
            TypeKind.Delegate => "delegate",
            _ => type.TypeKind.ToString().ToLowerInvariant(),
        });
        text.Append(' ').Append(type.ToDisplayString(TypeName));
        var bases = new List<string>();
        if (type.TypeKind == TypeKind.Class && type.BaseType is { SpecialType: not SpecialType.System_Object } baseType) bases.Add(baseType.ToDisplayString(TypeName));
        if (type.TypeKind == TypeKind.Enum && type.EnumUnderlyingType is { SpecialType: not SpecialType.System_Int32 } underlying) bases.Add(underlying.ToDisplayString(TypeName));
        bases.AddRange(type.Interfaces.Where(IsVisible).Select(i => i.ToDisplayString(TypeName)).Order(StringComparer.Ordinal));
        if (bases.Count > 0) text.Append(" : ").Append(string.Join(", ", bases));
        if (type.TypeKind == TypeKind.Delegate && type.DelegateInvokeMethod is { } invoke) text.Append(' ').Append(invoke.ToDisplayString(Member));
        return text.ToString();
    }
}
