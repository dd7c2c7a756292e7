using System.Text;

namespace Amigo.SpecTool.NameLock;

/// <summary>One line of the name lock: a generated type's C# name and the place in the API it is pinned to.</summary>
public sealed record LockEntry(string Name, string Path)
{
    public override string ToString() => $"{Name} {Path}";
}

/// <summary>
/// <c>openapi/names.lock</c>: one line per generated type, <c>Name path</c>, sorted by name, so that its diff shows
/// each type that was added, removed or renamed, one line each.
/// </summary>
public static class LockFile
{
    public const string FileName = "names.lock";

    private const string Header = """
        # The C# name of every generated type, each pinned to where the type sits in the API (see TypePaths in
        # build/Amigo.SpecTool): "<TypeName> <operation> <request | response STATUS | query/path/header NAME><steps>",
        # steps being .property, [] (array items), {} (map values), <value> (union member), <*> (unknown member).
        # A type keeps its name while its place exists, whatever the spec calls its schema. `amigo-spec import`
        # maintains this file. Review every changed line: a changed name is a rename for every user of the SDK.
        """;

    public static string PathIn(string specFolder) => System.IO.Path.Combine(specFolder, FileName);

    public static IReadOnlyList<LockEntry> Read(string specFolder)
    {
        var path = PathIn(specFolder);
        if (!File.Exists(path)) return [];
        var entries = new List<LockEntry>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var space = line.IndexOf(' ');
            if (space <= 0)
                throw new SpecToolException($"{FileName}, line {number}: expected '<TypeName> <place>', found '{line}'.");
            entries.Add(new LockEntry(line[..space], line[(space + 1)..]));
        }
        var duplicate = entries.GroupBy(e => e.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SpecToolException($"{FileName}: the name '{duplicate.Key}' is pinned to two places ({string.Join(" and ", duplicate.Select(d => d.Path))}).");
        return entries;
    }

    public static string Format(IEnumerable<LockEntry> entries)
    {
        var text = new StringBuilder(Header.Replace("\r\n", "\n")).Append('\n');
        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal)) text.Append(entry).Append('\n');
        return text.ToString();
    }
}
