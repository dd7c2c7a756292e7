using Amigo.Generated.Tests.Support;
using Amigo.SpecTool;
using Amigo.SpecTool.Facade;
using Amigo.SpecTool.Importing;
using Amigo.SpecTool.Requires;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>
/// The older release builds the whole solution, leaving out what it lacks: a copy of the repository (src/, build/,
/// openapi/, tests/, samples/, the solution and the root build files; no bin/ or obj/) gets one more hand-written
/// operation file, for an operation of the newest release that the older one lacks (in a group both have; the file
/// calls the operation's generated method, so it compiles only with that operation), imports the older release
/// (tests/Amigo.Generated.Tests/Data) and builds Amigo.Generated.sln, every project and framework, with warnings as
/// errors. The façade leaves out the hand-written operation, and each test project the files whose
/// <c>// Requires:</c> header names a symbol the older release's build lacks. A clean build of the whole solution:
/// about 5 minutes on an idle 2-core machine, more under load.
/// </summary>
[NonParallelizable]
public class HandWrittenReleaseBuildTests
{
    private static string RepoRoot => Path.GetDirectoryName(ProcessRunner.BuildValues["NSwagConfig"]!)!;

    /// <summary>The repository's root files (the solution, Directory.Build.*, Directory.Packages.props, global.json, nswag.json, README.md, ...).</summary>
    private static IEnumerable<string> RootFiles =>
        Directory.EnumerateFiles(RepoRoot).Select(Path.GetFileName).OfType<string>();

    [Test]
    public void The_older_release_builds_the_solution_leaving_out_the_hand_written_operations_and_tests_it_lacks()
    {
        var newest = FacadeModel.Groups(Release("amigo-openapi.json"));
        var olderSpec = Release("amigo-openapi-2025-11-14.json");
        var older = FacadeModel.Groups(olderSpec);
        var (operation, group) = newest.Where(o => !older.ContainsKey(o.Key) && older.Values.Contains(o.Value)).OrderBy(o => o.Key, StringComparer.Ordinal).First();

        var copy = Directory.CreateTempSubdirectory("amigo-release-build-").FullName;
        try
        {
            foreach (var folder in new[] { "src", "build", "openapi", "tests", "samples" })
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
                $"build \"{Path.Combine(copy, "Amigo.Generated.sln")}\" -c Release -warnaserror -nologo -v:n -p:MinVerSkip=true -p:EnableSourceLink=false -p:EnableSourceControlManagerQueries=false",
                TimeSpan.FromMinutes(30));

            Assert.That(output, Does.Contain($"the spec has no operation {operation}; its hand-written {group}Resource.HandWrittenAsync"));
            Assert.That(output, Does.Contain("0 Warning(s)").And.Contain("0 Error(s)"));
            Assert.That(File.ReadAllLines(Path.Combine(copy, "src", "Amigo", "obj", "facade", "excluded.txt")), Is.EqualTo(new[] { handWritten }));

            // Every test file with a header is newest-release only: each project leaves out exactly those it compiles.
            var withHeader = Directory.EnumerateFiles(Path.Combine(copy, "tests"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
                .Where(f => RequiresHeader.Parse(f, File.ReadAllText(f)).Count > 0)
                .ToHashSet(StringComparer.Ordinal);
            var leftOut = new HashSet<string>(StringComparer.Ordinal);
            foreach (var lists in Directory.EnumerateDirectories(Path.Combine(copy, "tests"), "requires", SearchOption.AllDirectories))
            {
                var excluded = File.ReadAllLines(Path.Combine(lists, "excluded.txt"));
                var compiled = File.ReadAllLines(Path.Combine(lists, "sources.txt")).Select(Path.GetFullPath);
                Assert.That(excluded, Is.EquivalentTo(compiled.Where(withHeader.Contains)), lists);
                leftOut.UnionWith(excluded);
            }
            Assert.That(leftOut, Is.EquivalentTo(withHeader));
            Assert.That(leftOut.Select(Path.GetFileName), Is.SupersetOf(new[]
            {
                "ConversationFlowTests.Tags.cs", "ResourceTests.DynamicBehaviorActions.cs", "GeneratedRequestTests.InitialMessageType.cs",
                "ConversationTurnRequestTests.Tags.cs", "ConversationOperationsTests.Tags.cs", "FileResponseTests.cs",
            }));
            Assert.That(output, Does.Contain($"amigo-spec: left out {Path.Combine(copy, "tests", "Amigo.EndToEnd.Tests", "ConversationFlowTests.Tags.cs")}: the built public surface has no CreateConversationRequest.Tags"));
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
            if (parts.Any(p => p is "bin" or "obj" or "TestResults" or "BenchmarkDotNet.Artifacts")) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
