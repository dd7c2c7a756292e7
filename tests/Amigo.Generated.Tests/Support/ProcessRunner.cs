using System.Diagnostics;
using System.Reflection;

namespace Amigo.Generated.Tests.Support;

/// <summary>Runs a build command the way MSBuild does, and the build values the test project recorded.</summary>
internal static class ProcessRunner
{
    public static IReadOnlyDictionary<string, string?> BuildValues { get; } =
        typeof(ProcessRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);

    /// <summary>Runs <paramref name="command"/> (an MSBuild-style command line, such as <c>dotnet "x.dll"</c>) and returns its output; fails the test on a non-zero exit or after <paramref name="timeout"/> (5 minutes unless given).</summary>
    public static string Run(string command, string arguments, TimeSpan? timeout = null)
    {
        var (file, prefix) = command.StartsWith("dotnet ", StringComparison.Ordinal) ? ("dotnet", command["dotnet ".Length..]) : (command, "");
        var start = new ProcessStartInfo(file, $"{prefix} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)), Is.True, $"'{command} {arguments}' did not finish");
        Assert.That(process.ExitCode, Is.EqualTo(0), output.Result + errors.Result);
        return output.Result;
    }
}
