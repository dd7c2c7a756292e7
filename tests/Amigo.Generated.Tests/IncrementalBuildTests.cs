using Amigo.Generated.Tests.Support;

namespace Amigo.Generated.Tests;

/// <summary>Regeneration runs only when the spec, nswag.json or the tool changed: in content, not merely in timestamp.</summary>
[NonParallelizable]
public class IncrementalBuildTests
{
    private static string Project => ProcessRunner.BuildValues["GeneratedProject"]!;

    private static string Configuration => ProcessRunner.BuildValues["Configuration"]!;

    [Test]
    public void A_build_with_no_change_does_not_regenerate()
    {
        // The test run built the project already; asking for the generation target again must find it up to date.
        var output = ProcessRunner.Run("dotnet", $"msbuild \"{Project}\" -t:GenerateAmigoClient -p:Configuration={Configuration} -p:TargetFramework=net10.0 -v:d -nologo");

        Assert.That(output, Does.Contain("Skipping target \"GenerateAmigoClient\" because all output files are up-to-date"));
        Assert.That(output, Does.Not.Contain("amigo-spec.dll\" merge"));
    }

    [Test]
    public void A_spec_file_touched_but_unchanged_regenerates_and_recompiles_nothing()
    {
        var folder = Path.GetDirectoryName(Project)!;
        var generated = new[] { "AmigoClient.g.cs", "AmigoSupport.g.cs", "amigo.openapi.json" }.Select(f => Path.Combine(folder, "obj", "openapi", f)).ToList();
        var before = generated.ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var spec = Directory.EnumerateFiles(Path.Combine(folder, "..", "..", "openapi"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.SetLastWriteTimeUtc(spec, DateTime.UtcNow);

        var output = ProcessRunner.Run("dotnet", $"build \"{Project}\" -c {Configuration} -v:n -nologo");

        Assert.That(output, Does.Contain("amigo-spec.dll\" merge"), "the touched file is looked at");
        Assert.That(output, Does.Contain("what NSwag reads is unchanged"));
        Assert.That(output, Does.Not.Contain("dotnet-nswag.dll\" run"));
        Assert.That(output, Does.Contain("Skipping target \"CoreCompile\" because all output files are up-to-date"));
        Assert.That(generated.ToDictionary(f => f, File.GetLastWriteTimeUtc), Is.EqualTo(before), "no generated file was rewritten");
    }
}
