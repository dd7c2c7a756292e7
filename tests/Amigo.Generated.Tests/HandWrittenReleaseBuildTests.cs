using Amigo.Generated.Tests.Support;
using Amigo.SpecTool.Importing;
using Amigo.SpecTool.Normalization;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>
/// A release that lacks hand-written operations still builds the real client: a copy of the repository (src/, build/,
/// openapi/ and the root build files) imports the newest release without the operations the older release lacks
/// (tests/Amigo.Generated.Tests/Data), and <c>src/Amigo</c> builds with warnings as errors; the build reports each
/// hand-written operation it left out. Runs a clean build of the spec tool, the generated layer and the façade
/// (net10.0 only): about 3 minutes on an idle 2-core machine.
/// </summary>
[NonParallelizable]
public class HandWrittenReleaseBuildTests
{
    private static string RepoRoot => Path.GetDirectoryName(ProcessRunner.BuildValues["NSwagConfig"]!)!;

    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "nswag.json", "README.md"];

    [Test]
    public void A_release_without_some_hand_written_operations_builds_the_client_and_reports_them()
    {
        var newest = Release("amigo-openapi.json");
        var older = SchemaWalker.Operations(Release("amigo-openapi-2025-11-14.json")).Select(o => o.OperationId).ToHashSet(StringComparer.Ordinal);
        var removed = RemoveOperations(newest, id => !older.Contains(id));
        var handWritten = Directory.EnumerateFiles(Path.Combine(RepoRoot, "src", "Amigo", "Resources"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetFileNameWithoutExtension(f)).Where(removed.Contains).ToList();
        Assert.That(handWritten, Is.Not.Empty, "the older release lacks a hand-written operation");

        var copy = Directory.CreateTempSubdirectory("amigo-release-build-").FullName;
        try
        {
            foreach (var folder in new[] { "src", "build", "openapi" })
                CopyFolder(Path.Combine(RepoRoot, folder), Path.Combine(copy, folder));
            foreach (var file in RootFiles)
                File.Copy(Path.Combine(RepoRoot, file), Path.Combine(copy, file));
            SpecImporter.Import(newest, Path.Combine(copy, "openapi"));

            // Not a git checkout: no version from tags, no Source Link.
            var output = ProcessRunner.Run("dotnet",
                $"build \"{Path.Combine(copy, "src", "Amigo")}\" -c Release -p:ClientTargetFrameworks=net10.0 -warnaserror -nologo -v:n -p:MinVerSkip=true -p:EnableSourceLink=false -p:EnableSourceControlManagerQueries=false",
                TimeSpan.FromMinutes(15));

            foreach (var operation in handWritten)
                Assert.That(output, Does.Contain($"the spec has no operation {operation};"));
            Assert.That(output, Does.Contain("0 Warning(s)"));
            var excluded = File.ReadAllLines(Path.Combine(copy, "src", "Amigo", "obj", "facade", "excluded.txt")).Select(f => Path.GetFileNameWithoutExtension(f));
            Assert.That(excluded, Is.EquivalentTo(handWritten));
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    private static JObject Release(string name) =>
        JObject.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", name)));

    /// <summary>Removes the operations <paramref name="remove"/> picks (and path items left empty); returns their ids.</summary>
    private static HashSet<string> RemoveOperations(JObject spec, Func<string, bool> remove)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, id, path, method) in SchemaWalker.Operations(spec).ToList().Where(o => remove(o.OperationId)))
        {
            var item = (JObject)spec["paths"]![path]!;
            item.Remove(method);
            if (!item.Properties().Any(p => p.Value is JObject { } o && o["operationId"] is not null)) ((JObject)spec["paths"]!).Remove(path);
            removed.Add(id);
        }
        return removed;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj")) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
