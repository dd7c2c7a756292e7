using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Amigo.SpecTool.CodeEmission;

/// <summary>
/// NSwag's command line keeps JSON names' underscores in C# (<c>Sequence_number</c>, <c>conversation_id</c>) and
/// cannot load a custom name generator. This pass rewrites NSwag's output: properties become PascalCase
/// (<c>SequenceNumber</c>) and parameters camelCase (<c>conversationId</c>), with every use inside their method
/// renamed too. JSON names are untouched: they live in the <c>[JsonProperty("…")]</c> attributes.
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
        return new Renamer().Visit(root).ToFullString();
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
}
