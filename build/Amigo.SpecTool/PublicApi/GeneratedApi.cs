using System.Diagnostics;

namespace Amigo.SpecTool.PublicApi;

/// <summary>After an import into a repository's openapi/, what the import did to the generated layer's public API.</summary>
public static class GeneratedApi
{
    /// <summary>
    /// Builds <c>src/Amigo.Generated</c> next to <paramref name="specFolder"/>, rewrites <c>api/Amigo.Generated.txt</c>
    /// and returns what changed ("" if nothing); null when the folder is not a repository's openapi/.
    /// </summary>
    public static string? Refresh(string specFolder)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(specFolder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        if (root is null) return null;
        var project = Path.Combine(root, "src", "Amigo.Generated", "Amigo.Generated.csproj");
        var api = Path.Combine(root, "api");
        if (!File.Exists(project) || !Directory.Exists(api)) return null;

        Dotnet(project, "build", project, "-c", "Release", "-nologo", "-v:q");
        var assembly = Dotnet(project, "msbuild", project, "-p:Configuration=Release", "-p:TargetFramework=net10.0", "-nologo", "-getProperty:TargetPath").Trim();
        return ApiBaseline.Update(api, assembly);
    }

    private static string Dotnet(string project, params string[] arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new SpecToolException("dotnet could not be started to build the generated layer.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new SpecToolException($"The imported spec does not build ({project}):\n{output.Result}{errors.Result}");
        return output.Result;
    }
}
