using System.Text;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Importing;

/// <summary>What an import changed in openapi/: operations and schemas added, removed and changed.</summary>
public sealed class ImportSummary
{
    public int Operations { get; private init; }
    public int Schemas { get; private init; }
    public List<string> OperationsAdded { get; } = [];
    public List<string> OperationsRemoved { get; } = [];
    public List<string> OperationsChanged { get; } = [];
    public List<string> SchemasAdded { get; } = [];
    public List<string> SchemasRemoved { get; } = [];
    public List<string> SchemasChanged { get; } = [];

    /// <summary>Schemas whose name changed while their content did not: <c>old → new</c>.</summary>
    public List<string> SchemasRenamed { get; } = [];

    /// <summary>Hand-written fragments whose definitions the published spec now has too.</summary>
    public List<string> Superseded { get; } = [];

    /// <summary>Lines the name lock gained, lost or changed; filled in by the caller that updates the lock.</summary>
    public List<string> NameLockChanges { get; } = [];

    public static ImportSummary Compare(IEnumerable<(string Relative, JObject Document)> before, IReadOnlyList<OperationFragment> after)
    {
        var oldOperations = new Dictionary<string, (string Relative, JObject Document)>(StringComparer.Ordinal);
        var oldSchemas = new Dictionary<string, JToken>(StringComparer.Ordinal);
        foreach (var (relative, document) in before)
        {
            foreach (var key in OperationKeys(document)) oldOperations.TryAdd(key, (relative, document));
            foreach (var schema in (document["components"]?["schemas"] as JObject)?.Properties() ?? [])
                oldSchemas.TryAdd(schema.Name, schema.Value);
        }
        var newSchemas = new Dictionary<string, JToken>(StringComparer.Ordinal);
        foreach (var fragment in after)
        foreach (var schema in (fragment.Document["components"]?["schemas"] as JObject)?.Properties() ?? [])
            newSchemas.TryAdd(schema.Name, schema.Value);

        var summary = new ImportSummary { Operations = after.Count, Schemas = newSchemas.Count };
        foreach (var fragment in after)
        {
            var line = $"{fragment.RelativePath} ({fragment.Key})";
            if (!oldOperations.TryGetValue(fragment.Key, out var old)) summary.OperationsAdded.Add(line);
            else if (!JToken.DeepEquals(old.Document, fragment.Document)) summary.OperationsChanged.Add(line);
        }
        var keys = after.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        summary.OperationsRemoved.AddRange(oldOperations.Where(o => !keys.Contains(o.Key)).Select(o => $"{o.Value.Relative} ({o.Key})"));

        var added = newSchemas.Keys.Where(n => !oldSchemas.ContainsKey(n)).ToList();
        var removed = oldSchemas.Keys.Where(n => !newSchemas.ContainsKey(n)).ToList();
        foreach (var name in removed.ToList())
        {
            var twin = added.FirstOrDefault(a => JToken.DeepEquals(newSchemas[a], oldSchemas[name]));
            if (twin is null) continue;
            summary.SchemasRenamed.Add($"{name} → {twin}");
            removed.Remove(name);
            added.Remove(twin);
        }
        summary.SchemasAdded.AddRange(added);
        summary.SchemasRemoved.AddRange(removed);
        summary.SchemasChanged.AddRange(newSchemas.Keys.Where(n => oldSchemas.TryGetValue(n, out var old) && !JToken.DeepEquals(old, newSchemas[n])));
        foreach (var list in new[] { summary.OperationsAdded, summary.OperationsRemoved, summary.OperationsChanged, summary.SchemasAdded, summary.SchemasRemoved, summary.SchemasChanged, summary.SchemasRenamed })
            list.Sort(StringComparer.Ordinal);
        return summary;
    }

    private static IEnumerable<string> OperationKeys(JObject document) =>
        (document["paths"] as JObject)?.Properties()
            .SelectMany(p => (p.Value as JObject)?.Properties().Where(m => m.Value["responses"] is not null).Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}") ?? [])
        ?? [];

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"amigo-spec import: {Operations} operations ({OperationsAdded.Count} added, {OperationsRemoved.Count} removed, {OperationsChanged.Count} changed), " +
                        $"{Schemas} schemas ({SchemasAdded.Count} added, {SchemasRemoved.Count} removed, {SchemasChanged.Count} changed, {SchemasRenamed.Count} renamed in the spec)");
        Section(text, "Operations added", "+", OperationsAdded);
        Section(text, "Operations removed", "-", OperationsRemoved);
        Section(text, "Operations changed", "~", OperationsChanged);
        Section(text, "Schemas added", "+", SchemasAdded);
        Section(text, "Schemas removed", "-", SchemasRemoved);
        Section(text, "Schemas changed", "~", SchemasChanged);
        Section(text, "Schemas renamed in the spec, content unchanged", "~", SchemasRenamed);
        Section(text, "Hand-written fragments", "!", Superseded);
        Section(text, "Name lock", "", NameLockChanges);
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, string mark, List<string> lines)
    {
        if (lines.Count == 0) return;
        text.AppendLine($"{title}:");
        foreach (var line in lines) text.AppendLine(mark.Length == 0 ? "  " + line : $"  {mark} {line}");
    }
}
