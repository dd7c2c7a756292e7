namespace Amigo.SpecTool.PublicApi;

/// <summary>The committed listings in api/: one <c>&lt;AssemblyName&gt;.txt</c> per shipped assembly.</summary>
public static class ApiBaseline
{
    public static string PathFor(string apiFolder, string assemblyPath) =>
        Path.Combine(apiFolder, Path.GetFileNameWithoutExtension(assemblyPath) + ".txt");

    /// <summary>The committed listing of an assembly, or empty if there is none yet.</summary>
    public static string Committed(string apiFolder, string assemblyPath) =>
        File.Exists(PathFor(apiFolder, assemblyPath)) ? File.ReadAllText(PathFor(apiFolder, assemblyPath)).Replace("\r\n", "\n") : "";

    /// <summary>Writes the assembly's listing over the committed one; returns what changed, headed by the assembly's name (empty if nothing).</summary>
    public static string Update(string apiFolder, string assemblyPath)
    {
        var listing = ApiListing.Of(assemblyPath);
        var diff = ApiListing.Diff(Committed(apiFolder, assemblyPath), listing);
        Directory.CreateDirectory(apiFolder);
        SpecJson.WriteIfChanged(PathFor(apiFolder, assemblyPath), listing);
        return diff.Length == 0 ? "" : $"Public API of {Path.GetFileNameWithoutExtension(assemblyPath)}:\n{diff}";
    }
}
