using Amigo.Generated.Tests.Support;
using Amigo.SpecTool;
using Amigo.SpecTool.Facade;
using Amigo.SpecTool.Importing;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>
/// The older release builds the real client, and a hand-written operation it lacks is left out: a copy of the
/// repository (src/, build/, openapi/ and the root build files) gets one more hand-written operation file, for an
/// operation of the newest release that the older one lacks (in a group both have; the file calls the operation's
/// generated method, so it compiles only with that operation), imports the older release
/// (tests/Amigo.Generated.Tests/Data) and builds <c>src/Amigo</c> with warnings as errors. A clean build of the spec
/// tool, the generated layer and the façade (net10.0 only): about 3 minutes on an idle 2-core machine, 4.5 under load.
/// </summary>
[NonParallelizable]
public class HandWrittenReleaseBuildTests
{
    private static string RepoRoot => Path.GetDirectoryName(ProcessRunner.BuildValues["NSwagConfig"]!)!;

    /// <summary>The repository's root build files (Directory.Build.*, Directory.Packages.props, global.json, nswag.json, README.md), whichever exist.</summary>
    private static IEnumerable<string> RootFiles =>
        Directory.EnumerateFiles(RepoRoot).Select(Path.GetFileName).OfType<string>()
            .Where(f => f.StartsWith("Directory.", StringComparison.Ordinal) || f is "global.json" or "nswag.json" or "README.md");

    [Test]
    public void The_older_release_builds_the_client_leaving_out_a_hand_written_operation_it_lacks()
    {
        var newest = FacadeModel.Groups(Release("amigo-openapi.json"));
        var olderSpec = Release("amigo-openapi-2025-11-14.json");
        var older = FacadeModel.Groups(olderSpec);
        var (operation, group) = newest.Where(o => !older.ContainsKey(o.Key) && older.Values.Contains(o.Value)).OrderBy(o => o.Key, StringComparer.Ordinal).First();

        var copy = Directory.CreateTempSubdirectory("amigo-release-build-").FullName;
        try
        {
            foreach (var folder in new[] { "src", "build", "openapi" })
                CopyFolder(Path.Combine(RepoRoot, folder), Path.Combine(copy, folder));
            foreach (var file in RootFiles)
                File.Copy(Path.Combine(RepoRoot, file), Path.Combine(copy, file));
            var handWritten = Path.Combine(copy, "src", "Amigo", "Resources", group, operation + ".cs");
            Directory.CreateDirectory(Path.GetDirectoryName(handWritten)!);
            File.WriteAllText(handWritten, $$"""
                namespace Amigo;

                public partial class {{group}}Resource
                {
                    /// <summary>Hand-written {{operation}}.</summary>
                    /// <param name="cancellationToken">Cancels the call.</param>
                    /// <returns>The name of the generated method.</returns>
                    [AmigoOperation("{{operation}}")]
                    public virtual System.Threading.Tasks.Task<string> HandWrittenAsync(System.Threading.CancellationToken cancellationToken = default) =>
                        System.Threading.Tasks.Task.FromResult(nameof(Client.{{Naming.Pascal(operation)}}Async));
                }
                """);
            SpecImporter.Import(olderSpec, Path.Combine(copy, "openapi"));

            // Not a git checkout: no version from tags, no Source Link.
            var output = ProcessRunner.Run("dotnet",
                $"build \"{Path.Combine(copy, "src", "Amigo")}\" -c Release -p:ClientTargetFrameworks=net10.0 -warnaserror -nologo -v:n -p:MinVerSkip=true -p:EnableSourceLink=false -p:EnableSourceControlManagerQueries=false",
                TimeSpan.FromMinutes(15));

            Assert.That(output, Does.Contain($"the spec has no operation {operation}; its hand-written {group}Resource.HandWrittenAsync"));
            Assert.That(output, Does.Contain("0 Warning(s)"));
            Assert.That(File.ReadAllLines(Path.Combine(copy, "src", "Amigo", "obj", "facade", "excluded.txt")), Is.EqualTo(new[] { handWritten }));
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    private static JObject Release(string name) =>
        JObject.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", name)));

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
