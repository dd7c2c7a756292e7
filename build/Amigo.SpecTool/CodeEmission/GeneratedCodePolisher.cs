using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Amigo.SpecTool.CodeEmission;

/// <summary>
/// NSwag's command line keeps JSON names' underscores in C# (<c>Sequence_number</c>, <c>conversation_id</c>) and
/// cannot load a custom name generator. This pass rewrites NSwag's output: properties become PascalCase
/// (<c>SequenceNumber</c>) and parameters camelCase (<c>conversationId</c>), with every use inside their method
/// renamed too. JSON names are untouched: they live in the <c>[JsonProperty("…")]</c> attributes.
/// Then <see cref="ClientPlumbing"/> makes NSwag's own types internal and marks what is trimming-safe.
/// </summary>
public static class GeneratedCodePolisher
{
    public static string Polish(string code, string fileName)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest));
        var root = tree.GetRoot();
        var errors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new SpecToolException($"{fileName}: NSwag's output does not parse: {errors[0]}");

        CheckPropertyCollisions(root, fileName);
        return new ClientPlumbing().Visit(new Renamer().Visit(root)).ToFullString();
    }

    private static void CheckPropertyCollisions(SyntaxNode root, string fileName)
    {
        foreach (var type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
        {
            var names = type.Members.OfType<PropertyDeclarationSyntax>().Select(p => p.Identifier.ValueText).ToList();
            foreach (var group in names.GroupBy(PropertyName).Where(g => g.Count() > 1))
                throw new SpecToolException($"{fileName}: in {type.Identifier.ValueText}, the properties {string.Join(" and ", group)} would all be named {group.Key}.");
        }
    }

    internal static string PropertyName(string name) => name.Contains('_') ? Join(name, upperFirst: true) : name;

    internal static string ParameterName(string name)
    {
        if (!name.Contains('_') || name.EndsWith('_')) return name;
        var joined = Join(name, upperFirst: false);
        return SyntaxFacts.GetKeywordKind(joined) != SyntaxKind.None ? "@" + joined : joined;
    }

    private static string Join(string name, bool upperFirst)
    {
        var words = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return name;
        var joined = string.Concat(words.Select((w, i) => i == 0 && !upperFirst ? char.ToLowerInvariant(w[0]) + w[1..] : char.ToUpperInvariant(w[0]) + w[1..]));
        return char.IsDigit(joined[0]) ? "_" + joined : joined;
    }

    private sealed class Renamer() : CSharpSyntaxRewriter(visitIntoStructuredTrivia: true)
    {
        private Dictionary<string, string> _parameters = new(StringComparer.Ordinal);

        public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
        {
            var renamed = PropertyName(node.Identifier.ValueText);
            var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
            return renamed == node.Identifier.ValueText ? visited : visited.WithIdentifier(SyntaxFactory.Identifier(node.Identifier.LeadingTrivia, renamed, node.Identifier.TrailingTrivia));
        }

        public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
        {
            var outer = _parameters;
            _parameters = node.ParameterList.Parameters
                .Select(p => p.Identifier.ValueText)
                .Where(n => ParameterName(n) != n)
                .ToDictionary(n => n, ParameterName, StringComparer.Ordinal);
            try { return base.VisitMethodDeclaration(node); }
            finally { _parameters = outer; }
        }

        public override SyntaxNode? VisitParameter(ParameterSyntax node)
        {
            var visited = (ParameterSyntax)base.VisitParameter(node)!;
            return _parameters.TryGetValue(node.Identifier.ValueText, out var renamed)
                ? visited.WithIdentifier(SyntaxFactory.Identifier(node.Identifier.LeadingTrivia, renamed, node.Identifier.TrailingTrivia))
                : visited;
        }

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
        {
            if (_parameters.TryGetValue(node.Identifier.ValueText, out var renamed) && !IsMemberName(node))
                return node.WithIdentifier(SyntaxFactory.Identifier(node.Identifier.LeadingTrivia, renamed, node.Identifier.TrailingTrivia));
            return base.VisitIdentifierName(node);
        }

        public override SyntaxNode? VisitXmlNameAttribute(XmlNameAttributeSyntax node)
        {
            if (_parameters.TryGetValue(node.Identifier.Identifier.ValueText, out var renamed))
                return node.WithIdentifier(node.Identifier.WithIdentifier(SyntaxFactory.Identifier(renamed)));
            return base.VisitXmlNameAttribute(node);
        }

        private static bool IsMemberName(IdentifierNameSyntax node) =>
            node.Parent is MemberAccessExpressionSyntax access && access.Name == node;
    }

    /// <summary>
    /// NSwag's own types (those it marks <c>[GeneratedCode("NSwag")]</c>: the per-tag clients, <c>ApiException</c>,
    /// <c>FileResponse</c>) are the façade's plumbing, so they become internal; the DTOs (<c>[GeneratedCode("NJsonSchema")]</c>)
    /// stay public. Two uses of reflection that are safe in a trimmed app say so, each with the reason:
    /// NSwag's enum-to-query-string helper reads an enum's fields (AmigoTrimmingRoots keeps every generated enum's
    /// fields), and <c>[MinLength]</c>/<c>[MaxLength]</c> on a collection read <c>ICollection.Count</c>, not a
    /// reflected <c>Count</c> property. On a property of any other type the attribute keeps its warning.
    /// </summary>
    private sealed class ClientPlumbing() : CSharpSyntaxRewriter
    {
        private const string EnumFields =
            "[System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(\"Trimming\", \"IL2075\", Justification = \"Only generated enums reach here, and AmigoTrimmingRoots keeps their fields.\")]";

        private const string CollectionLength =
            "[System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(\"Trimming\", \"IL2026\", Justification = \"A collection: MinLength and MaxLength read ICollection.Count, without reflection.\")]";

        public override SyntaxNode? VisitClassDeclaration(ClassDeclarationSyntax node) =>
            Internal(node, (ClassDeclarationSyntax)base.VisitClassDeclaration(node)!);

        public override SyntaxNode? VisitInterfaceDeclaration(InterfaceDeclarationSyntax node) =>
            Internal(node, (InterfaceDeclarationSyntax)base.VisitInterfaceDeclaration(node)!);

        public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
        {
            var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
            var readsEnumFields = node.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Any(a => a.Name.Identifier.ValueText == "GetDeclaredField");
            return readsEnumFields ? WithAttribute(visited, EnumFields) : visited;
        }

        public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
        {
            var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
            var length = node.AttributeLists.SelectMany(l => l.Attributes)
                .Any(a => a.Name.ToString() is "System.ComponentModel.DataAnnotations.MinLength" or "System.ComponentModel.DataAnnotations.MaxLength");
            var collection = node.Type.ToString().StartsWith("System.Collections.Generic.", StringComparison.Ordinal);
            return length && collection ? WithAttribute(visited, CollectionLength) : visited;
        }

        private static T Internal<T>(T original, T visited) where T : TypeDeclarationSyntax
        {
            if (original.Parent is TypeDeclarationSyntax || !IsNSwags(original)) return visited;
            var modifiers = visited.Modifiers.Select(m => m.IsKind(SyntaxKind.PublicKeyword)
                ? SyntaxFactory.Token(m.LeadingTrivia, SyntaxKind.InternalKeyword, m.TrailingTrivia)
                : m);
            return (T)visited.WithModifiers(SyntaxFactory.TokenList(modifiers));
        }

        private static bool IsNSwags(TypeDeclarationSyntax type) =>
            type.AttributeLists.SelectMany(l => l.Attributes).Any(a =>
                a.Name.ToString().EndsWith("GeneratedCode", StringComparison.Ordinal)
                && a.ArgumentList?.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax { Token.ValueText: "NSwag" });

        private static T WithAttribute<T>(T member, string attribute) where T : MemberDeclarationSyntax
        {
            var list = SyntaxFactory.ParseCompilationUnit(attribute + " class C {}").Members[0].AttributeLists[0];
            // The new list takes the member's leading trivia (its doc comment); the member's first token keeps its indentation.
            var leading = member.GetLeadingTrivia();
            var indentation = leading.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var stripped = member.WithLeadingTrivia(indentation);
            return (T)stripped.WithAttributeLists(stripped.AttributeLists.Insert(0,
                list.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"))));
        }
    }
}
