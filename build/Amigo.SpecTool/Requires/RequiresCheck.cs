namespace Amigo.SpecTool.Requires;

/// <summary>
/// <c>amigo-spec requires</c>: which of a project's source files to leave out of its compile because their
/// <c>// Requires:</c> header names a symbol the referenced assemblies' public surface lacks (a test of members only
/// a newer spec release has, built against an older one).
/// </summary>
public static class RequiresCheck
{
    /// <summary>A source file left out, and the symbols of its header that are missing.</summary>
    public sealed record LeftOut(string File, IReadOnlyList<RequiredSymbol> Missing)
    {
        /// <summary>The report's line for the file.</summary>
        public override string ToString() =>
            $"amigo-spec: left out {File}: the built public surface has no {string.Join(", ", Missing)} (its // Requires: header)";
    }

    /// <summary>The files of <paramref name="sources"/> whose header needs a symbol <paramref name="surface"/> lacks, in order.</summary>
    public static IReadOnlyList<LeftOut> Check(IEnumerable<string> sources, PublicSurface surface) =>
        sources.Where(File.Exists)
            .Select(f => new LeftOut(f, RequiresHeader.Parse(f, File.ReadAllText(f)).Where(s => !surface.Has(s)).ToList()))
            .Where(l => l.Missing.Count > 0)
            .ToList();

    /// <summary>
    /// Reads the source files listed in <paramref name="sourcesList"/> (one a line), checks them against the public
    /// surface of <paramref name="assemblies"/>, and writes the files to leave out to <paramref name="excludedList"/>
    /// and one line per file, naming its missing symbols, to <paramref name="report"/> (each only when it changed).
    /// </summary>
    public static IReadOnlyList<LeftOut> Run(string sourcesList, string excludedList, string report, IEnumerable<string> assemblies)
    {
        var sources = File.ReadAllLines(sourcesList).Where(l => l.Trim().Length > 0).Select(l => l.Trim());
        var leftOut = Check(sources, PublicSurface.Read(assemblies.Where(File.Exists)));
        SpecJson.WriteIfChanged(excludedList, string.Concat(leftOut.Select(l => l.File + "\n")));
        SpecJson.WriteIfChanged(report, string.Concat(leftOut.Select(l => l + "\n")));
        return leftOut;
    }
}
