namespace Amigo.SpecTool.Requires;

/// <summary>
/// The <c>// Requires:</c> header of a test file: comment lines in the file's leading comment block (before its
/// first line of code), each <c>// Requires: Symbol, Symbol, ...</c>; several such lines add up. A file without one
/// needs nothing. A header line that is empty, or an entry that is not a <see cref="RequiredSymbol"/>, is malformed:
/// <see cref="RequiresHeaderException"/>, with the file and line.
/// </summary>
public static class RequiresHeader
{
    /// <summary>The prefix of a header line, after <c>//</c> and white space.</summary>
    public const string Prefix = "Requires:";

    /// <summary>The symbols <paramref name="text"/>, the content of <paramref name="file"/>, requires; empty without a header.</summary>
    public static IReadOnlyList<RequiredSymbol> Parse(string file, string text)
    {
        var symbols = new List<RequiredSymbol>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            if (!line.StartsWith("//", StringComparison.Ordinal)) break;
            var comment = line[2..].Trim();
            if (!comment.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) continue;
            if (!comment.StartsWith(Prefix, StringComparison.Ordinal))
                throw new RequiresHeaderException(file, i + 1, $"write the header as \"// {Prefix} ...\" (this line has \"{comment[..Prefix.Length]}\").");
            var entries = comment[Prefix.Length..].Split(',');
            if (entries.All(e => e.Trim().Length == 0))
                throw new RequiresHeaderException(file, i + 1, "the Requires header lists no symbol; name the types or members the file needs (Type, Type.Member, Type.Member -> Type), or remove it.");
            foreach (var entry in entries)
            {
                symbols.Add(RequiredSymbol.Parse(entry, i + 1) ?? throw new RequiresHeaderException(file, i + 1,
                    $"\"{entry.Trim()}\" is not a symbol; a Requires header lists Type, Type.Member or Type.Member -> Type, separated by commas."));
            }
        }
        return symbols;
    }
}

/// <summary>A malformed <c>// Requires:</c> header: reported as <c>file(line): error AMIGO002: message</c>, which fails the build.</summary>
public sealed class RequiresHeaderException(string file, int line, string message) : Exception(message)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    /// <summary>The line MSBuild reads as an error at the file and line.</summary>
    public string BuildError => $"{File}({Line}): error AMIGO002: {Message}";
}
