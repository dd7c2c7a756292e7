using Amigo.SpecTool.Merging;
using Amigo.SpecTool.NameLock;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Importing;

/// <summary>
/// Refreshes openapi/ from a published spec: one file per operation, grouped by tag; files of operations the
/// spec no longer has are removed; fragments marked <c>"x-amigo-hand-written"</c> are never touched (where the
/// published spec now defines the same thing, its definition wins at merge time, and the import says so).
/// </summary>
public static class SpecImporter
{
    public static async Task<ImportSummary> ImportAsync(string source, string folder, CancellationToken cancellationToken = default)
    {
        var spec = SpecJson.Parse(await SpecSource.ReadAsync(source, cancellationToken), source);
        return Import(spec, folder);
    }

    public static ImportSummary Import(JObject spec, string folder)
    {
        Directory.CreateDirectory(folder);
        var existing = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => (f.Full, f.Relative, Document: SpecJson.ReadFile(f.Full, f.Relative)))
            .ToList();
        var handWritten = existing.Where(f => FragmentMerger.IsHandWritten(f.Document)).ToList();
        var managed = existing.Where(f => !FragmentMerger.IsHandWritten(f.Document)).ToList();

        var fragments = SpecSplitter.Split(spec);
        var collisions = fragments.Where(f => handWritten.Any(h => h.Relative == f.RelativePath)).Select(f => f.RelativePath).ToList();
        if (collisions.Count > 0)
            throw new SpecToolException($"The hand-written {string.Join(", ", collisions.Select(c => $"'{c}'"))} sit where the import writes the published operation. Move or delete them, then import again.");

        var summary = ImportSummary.Compare(managed.Select(m => (m.Relative, m.Document)), fragments);
        var names = LockFile.Read(folder);
        var previous = existing.Count > 0 ? Named(folder, names) : null;

        foreach (var fragment in fragments)
            SpecJson.WriteIfChanged(Path.Combine(folder, fragment.RelativePath), SpecJson.Format(fragment.Document));
        var written = fragments.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in managed.Where(m => !written.Contains(m.Relative)))
            File.Delete(stale.Full);
        foreach (var directory in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            if (!Directory.EnumerateFileSystemEntries(directory).Any())
                Directory.Delete(directory);

        summary.Superseded.AddRange(Superseded(handWritten.Select(h => (h.Relative, h.Document)), fragments));

        var locked = SpecPipeline.Normalize(SpecPipeline.Load(folder), names, previous);
        SpecJson.WriteIfChanged(LockFile.PathIn(folder), LockFile.Format(locked));
        summary.NameLockChanges.AddRange(LockChanges(names, locked));
        return summary;
    }

    /// <summary>The folder as the build names it, or null if it does not build (a broken folder has no names to keep).</summary>
    private static JObject? Named(string folder, IReadOnlyList<LockEntry> names)
    {
        try
        {
            var document = SpecPipeline.Load(folder);
            SpecPipeline.Normalize(document, names);
            return document;
        }
        catch (SpecToolException)
        {
            return null;
        }
    }

    /// <summary>The lock's changes, renames first: a type whose place now has another name, then types added and removed.</summary>
    private static IEnumerable<string> LockChanges(IReadOnlyList<LockEntry> before, IReadOnlyList<LockEntry> after)
    {
        var oldByName = before.ToDictionary(e => e.Name, e => e.Path, StringComparer.Ordinal);
        var newByName = after.ToDictionary(e => e.Name, e => e.Path, StringComparer.Ordinal);
        var oldByPath = before.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var renamed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in after.Where(e => !oldByName.ContainsKey(e.Name)).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (oldByPath.TryGetValue(entry.Path, out var old) && !newByName.ContainsKey(old))
            {
                renamed.Add(old);
                renamed.Add(entry.Name);
                yield return $"renamed {old} → {entry.Name} ({entry.Path})";
            }
        }
        foreach (var entry in after.Where(e => !oldByName.ContainsKey(e.Name) && !renamed.Contains(e.Name)).OrderBy(e => e.Name, StringComparer.Ordinal))
            yield return $"+ {entry}";
        foreach (var entry in before.Where(e => !newByName.ContainsKey(e.Name) && !renamed.Contains(e.Name)).OrderBy(e => e.Name, StringComparer.Ordinal))
            yield return $"- {entry}";
        foreach (var entry in after.Where(e => oldByName.TryGetValue(e.Name, out var path) && path != e.Path).OrderBy(e => e.Name, StringComparer.Ordinal))
            yield return $"~ {entry.Name} now at {entry.Path}";
    }

    /// <summary>What each hand-written fragment defines that the imported operations now define too.</summary>
    private static IEnumerable<string> Superseded(IEnumerable<(string Relative, JObject Document)> handWritten, IReadOnlyList<OperationFragment> fragments)
    {
        var published = fragments.SelectMany(f => FragmentMerger.Definitions(f.Document)).ToHashSet(StringComparer.Ordinal);
        foreach (var (relative, document) in handWritten)
        {
            var overlap = FragmentMerger.Definitions(document).Where(published.Contains).Distinct().ToList();
            var total = FragmentMerger.Definitions(document).Count();
            if (overlap.Count == 0) continue;
            yield return overlap.Count == total
                ? $"{relative}: everything it defines is now in the published spec ({string.Join(", ", overlap)}); delete it."
                : $"{relative}: the published spec now defines {string.Join(", ", overlap)}; its definitions win.";
        }
    }
}
