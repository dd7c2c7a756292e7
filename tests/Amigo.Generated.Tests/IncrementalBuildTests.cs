using Amigo.Generated.Tests.Support;

namespace Amigo.Generated.Tests;

/// <summary>Regeneration runs only when the spec, nswag.json or the tool changed.</summary>
public class IncrementalBuildTests
{
    [Test]
    public void A_build_with_no_change_does_not_regenerate()
    {
        var values = ProcessRunner.BuildValues;
        // The test run built the project already; asking for the generation target again must find it up to date.
        var output = ProcessRunner.Run("dotnet", $"msbuild \"{values["GeneratedProject"]}\" -t:GenerateAmigoClient -p:Configuration={values["Configuration"]} -v:d -nologo");

        Assert.That(output, Does.Contain("Skipping target \"GenerateAmigoClient\" because all output files are up-to-date"));
        Assert.That(output, Does.Not.Contain("amigo-spec.dll\" merge"));
    }
}
