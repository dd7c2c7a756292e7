using Amigo.Generated.Tests.Support;
using Amigo.SpecTool.Importing;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>
/// Two published releases of the API (tests/Amigo.Generated.Tests/Data), imported one after the other the way a
/// team regenerating in CI would: each builds, and the upgrade renames no type whose members did not change.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public class ReleaseTests
{
    private const string Older = "amigo-openapi-2025-11-14.json";
    private const string Newest = "amigo-openapi.json";

    private SpecFolder _folder = null!;
    private Dictionary<string, string> _olderFiles = null!;
    private SyntheticClient _older = null!;
    private SyntheticClient _newest = null!;

    [OneTimeSetUp]
    public void ImportBothReleases()
    {
        _folder = new SpecFolder();
        SpecImporter.Import(Release(Older), _folder.Path);
        _olderFiles = OperationFiles(_folder.Path);
        _older = SyntheticClient.Generate(_folder.Path);
        SpecImporter.Import(Release(Newest), _folder.Path);
        _newest = SyntheticClient.Generate(_folder.Path);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Each_release_generates_clean_code_that_compiles()
    {
        foreach (var (release, client) in new[] { (Older, _older), (Newest, _newest) })
        {
            Assert.That(client.Errors, Is.Empty, $"{release}: {string.Join("\n", client.Errors.Take(10))}");
            var names = PublicTypes(client).Keys.Select(n => n.Split('`')[0]).ToList();
            Assert.That(names.Where(n => n.Contains('_') || char.IsDigit(n[^1]) && !n.EndsWith("Tuple", StringComparison.Ordinal)), Is.Empty, release);
        }
        // One file per operation of each release (116 and 112 today).
        Assert.That(OperationFiles(_folder.Path), Has.Count.EqualTo(Amigo.SpecTool.Normalization.SchemaWalker.Operations(Release(Newest)).Count()));
        Assert.That(_olderFiles, Has.Count.EqualTo(Amigo.SpecTool.Normalization.SchemaWalker.Operations(Release(Older)).Count()));
    }

    [Test]
    public void The_upgrade_renames_no_type_whose_members_are_unchanged()
    {
        var before = PublicTypes(_older);
        var after = PublicTypes(_newest);
        var added = after.Keys.Except(before.Keys).ToHashSet();
        var renamed = before.Where(b => !after.ContainsKey(b.Key))
            .SelectMany(b => added.Where(a => after[a] == b.Value).Select(a => $"{b.Key} → {a}"))
            .ToList();

        Assert.That(renamed, Is.Empty);
        Assert.That(before.Keys.Intersect(after.Keys).Count(), Is.GreaterThan(250), "the types both releases have keep their names");
    }

    [Test]
    public void Operations_of_both_releases_sit_in_the_same_files_whatever_the_tag_style()
    {
        // The older release tags "dynamic_behavior_set", the newest "Dynamic Behavior Set": one folder, one client.
        var newest = OperationFiles(_folder.Path);
        var moved = _olderFiles.Where(o => newest.TryGetValue(o.Key, out var file) && file != o.Value).Select(o => $"{o.Key}: {o.Value} → {newest[o.Key]}").ToList();
        Assert.That(moved, Is.Empty);
        Assert.That(newest.Values, Does.Contain("dynamic-behavior-set/get-dynamic-behavior-sets.json").And.Contain("role/get-roles.json").And.Contain("webhook-destination/get-webhook-destinations.json"));
        foreach (var client in new[] { _older, _newest })
            Assert.That(client.TypeNames, Does.Contain("DynamicBehaviorSetClient").And.Contain("WebhookDestinationClient"));
    }

    [Test]
    public void Going_back_to_the_older_release_and_forward_again_renames_nothing()
    {
        // From openapi/ as committed (the newest release, with the lock that keeps today's names).
        using var folder = new SpecFolder();
        foreach (var file in Directory.EnumerateFiles(RepositorySpecFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Path, Path.GetRelativePath(RepositorySpecFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var committed = LockNames(folder.Path);

        SpecImporter.Import(Release(Older), folder.Path);
        SpecImporter.Import(Release(Newest), folder.Path);

        Assert.That(LockNames(folder.Path), Is.EqualTo(committed));
    }

    private static string RepositorySpecFolder => Path.Combine(Path.GetDirectoryName(ProcessRunner.BuildValues["NSwagConfig"]!)!, "openapi");

    private static List<string> LockNames(string folder) =>
        File.ReadAllLines(Amigo.SpecTool.NameLock.LockFile.PathIn(folder)).Where(l => !l.StartsWith('#')).Select(l => l.Split(' ')[0]).ToList();

    private static JObject Release(string name) =>
        JObject.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", name)));

    /// <summary>"METHOD path" → file under the spec folder.</summary>
    private static Dictionary<string, string> OperationFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(f => (File: Path.GetRelativePath(folder, f).Replace('\\', '/'), Document: JObject.Parse(File.ReadAllText(f))))
            .SelectMany(f => ((JObject?)f.Document["paths"])?.Properties().SelectMany(p => ((JObject)p.Value).Properties().Select(m => (Key: $"{m.Name.ToUpperInvariant()} {p.Name}", f.File))) ?? [])
            .ToDictionary(o => o.Key, o => o.File);

    /// <summary>Each public generated type with its base type and public members, as C# signatures.</summary>
    private static Dictionary<string, string> PublicTypes(SyntheticClient client)
    {
        var generated = client.Compilation.Assembly.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Synthetic").GetNamespaceMembers().Single();
        return generated.GetTypeMembers()
            .Where(t => t.DeclaredAccessibility == Accessibility.Public)
            .ToDictionary(
                t => t.MetadataName,
                t => t.BaseType?.ToDisplayString() + ": " + string.Join("; ", t.GetMembers()
                    .Where(m => m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared)
                    .Select(m => m.ToDisplayString())
                    .Order(StringComparer.Ordinal)));
    }
}
