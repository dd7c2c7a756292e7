using System.Text.RegularExpressions;

namespace Amigo.SpecTool.Requires;

/// <summary>
/// One public symbol a test file needs, as its <c>// Requires:</c> header names it: a type (<c>Type</c> or
/// <c>Namespace.Type</c>, a nested type as <c>Outer.Inner</c>), a member of one (<c>Type.Member</c>), or a member of
/// a given type (<c>Type.Member -&gt; Type</c>: the property's or field's type, a method's return type, as C# writes it
/// with simple names, such as <c>Task&lt;Conversation&gt;</c> or <c>int?</c>).
/// </summary>
/// <param name="Path">The dotted name: a type, or a type then a member.</param>
/// <param name="ResultType">The member's type for the <c>-&gt;</c> form; null otherwise.</param>
/// <param name="Line">The header's line in the file, from 1.</param>
public sealed partial record RequiredSymbol(string Path, string? ResultType, int Line)
{
    /// <summary>The symbol as the header writes it.</summary>
    public override string ToString() => ResultType is null ? Path : $"{Path} -> {ResultType}";

    /// <summary>The dotted name's segments.</summary>
    public IReadOnlyList<string> Segments => Path.Split('.');

    /// <summary>Parses one entry of a header; null when it is not a symbol.</summary>
    public static RequiredSymbol? Parse(string text, int line)
    {
        var parts = text.Split("->");
        if (parts.Length > 2) return null;
        var path = parts[0].Trim();
        if (!DottedName().IsMatch(path)) return null;
        if (parts.Length == 1) return new RequiredSymbol(path, null, line);
        var result = Normalize(parts[1]);
        // A result type belongs to a member: the name needs a type and a member.
        return path.Contains('.') && TypeText().IsMatch(result) ? new RequiredSymbol(path, result, line) : null;
    }

    /// <summary>A type as written, without white space, so <c>Task&lt;A, B&gt;</c> and <c>Task&lt;A,B&gt;</c> compare equal.</summary>
    public static string Normalize(string type) => string.Concat(type.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex(@"^@?[\p{L}_][\p{L}\p{Nd}_]*(\.@?[\p{L}_][\p{L}\p{Nd}_]*)*$")]
    private static partial Regex DottedName();

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{Nd}_.<>,\[\]?]*$")]
    private static partial Regex TypeText();
}
