using System.Diagnostics;
using System.Reflection;

namespace Amigo.Generated.Tests;

/// <summary>Regeneration runs only when the spec, nswag.json or the tool changed.</summary>
public class IncrementalBuildTests
{
    [Test]
    public void A_build_with_no_change_does_not_regenerate()
    {
        var metadata = typeof(IncrementalBuildTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        // The test run built the project already; asking for the generation target again must find it up to date.
        var start = new ProcessStartInfo("dotnet", $"msbuild \"{metadata["GeneratedProject"]}\" -t:GenerateAmigoClient -p:Configuration={metadata["Configuration"]} -v:d -nologo")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(5)), Is.True, "msbuild did not finish");

        Assert.That(process.ExitCode, Is.EqualTo(0), errors.Result);
        Assert.That(output.Result, Does.Contain("Skipping target \"GenerateAmigoClient\" because all output files are up-to-date"));
        Assert.That(output.Result, Does.Not.Contain("amigo-spec.dll\" merge"));
    }
}
