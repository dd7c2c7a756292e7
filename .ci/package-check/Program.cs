using System.IO.Compression;
using System.Reflection.Metadata;
using System.Xml.Linq;

// usage: PackageCheck <package-folder> <version> <id>=<tfm>[,<tfm>...] ...
// Every listed package must exist at that version with the metadata a reviewer vets, exactly the listed lib/
// folders, and a .snupkg whose pdbs carry Source Link. Prints every problem and exits 1 if there is any.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: PackageCheck <package-folder> <version> <id>=<tfm>[,<tfm>...] ...");
    return 2;
}

var folder = args[0];
var version = args[1];
var problems = new List<string>();
// Build-only packages (source generators, versioning, Source Link, code generation): never a package's dependency.
var buildOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "PolySharp", "Polyfill", "MinVer", "Microsoft.SourceLink.GitHub", "NSwag.MSBuild" };
foreach (var spec in args.Skip(2))
{
    var (id, frameworks) = (spec.Split('=')[0], spec.Split('=')[1].Split(',', StringSplitOptions.RemoveEmptyEntries));
    CheckPackage(id, frameworks);
}

foreach (var problem in problems) Console.Error.WriteLine($"package-check: {problem}");
Console.WriteLine(problems.Count == 0 ? $"package-check: {args.Length - 2} packages at {version} are complete." : $"package-check: {problems.Count} problem(s).");
return problems.Count == 0 ? 0 : 1;

void CheckPackage(string id, string[] frameworks)
{
    var nupkg = Path.Combine(folder, $"{id}.{version}.nupkg");
    var snupkg = Path.Combine(folder, $"{id}.{version}.snupkg");
    if (!File.Exists(nupkg)) { problems.Add($"{nupkg} is missing."); return; }

    using (var package = ZipFile.OpenRead(nupkg))
    {
        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName == $"{id}.nuspec").Open());
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Field(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        XElement? Element(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        if (Field("version") != version) problems.Add($"{id}: version is {Field("version")}, expected {version}.");
        if (Element("license") is not { } license || (string?)license.Attribute("type") != "expression" || license.Value != "MIT")
            problems.Add($"{id}: no MIT license expression.");
        foreach (var name in new[] { "projectUrl", "description", "copyright", "tags", "authors" })
            if (string.IsNullOrWhiteSpace(Field(name))) problems.Add($"{id}: no {name}.");
        if (Element("repository") is not { } repository || string.IsNullOrEmpty((string?)repository.Attribute("url")) || string.IsNullOrEmpty((string?)repository.Attribute("commit")))
            problems.Add($"{id}: no repository url and commit.");
        if (Field("readme") is not { } readme || package.GetEntry(readme) is null)
            problems.Add($"{id}: no readme in the package.");

        foreach (var group in Element("dependencies")?.Elements().Where(e => e.Name.LocalName == "group") ?? [])
        {
            var dependencies = group.Elements().Where(e => e.Name.LocalName == "dependency")
                .Select(e => ((string?)e.Attribute("id") ?? "", (string?)e.Attribute("version") ?? "")).ToList();
            Console.WriteLine($"package-check: {id} {(string?)group.Attribute("targetFramework")}: " +
                string.Join(", ", dependencies.Select(d => $"{d.Item1} {d.Item2}")));
            foreach (var (dependency, _) in dependencies.Where(d => buildOnly.Contains(d.Item1)))
                problems.Add($"{id}: depends on {dependency}, which is build only.");
        }

        var libs = package.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal))
            .Select(e => e.FullName.Split('/')[1]).Distinct().Order().ToArray();
        var tools = package.Entries.Any(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal));
        if (frameworks is ["tool"])
        {
            if (!tools) problems.Add($"{id}: expected a dotnet tool (tools/), found none.");
        }
        else if (!libs.SequenceEqual(frameworks.Order()))
            problems.Add($"{id}: lib/ holds [{string.Join(", ", libs)}], expected [{string.Join(", ", frameworks.Order())}].");
        if (package.Entries.Any(e => e.FullName.EndsWith(".runtimeconfig.json", StringComparison.Ordinal) && e.FullName.StartsWith("lib/", StringComparison.Ordinal)))
            problems.Add($"{id}: an executable's runtimeconfig is packed into lib/.");
    }

    if (!File.Exists(snupkg)) { problems.Add($"{snupkg} is missing."); return; }
    using var symbols = ZipFile.OpenRead(snupkg);
    var pdbs = symbols.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)).ToList();
    if (pdbs.Count == 0) problems.Add($"{id}: the symbol package holds no pdb.");
    foreach (var pdb in pdbs)
    {
        using var copy = new MemoryStream();
        using (var stream = pdb.Open()) stream.CopyTo(copy);
        copy.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(copy);
        if (!HasSourceLink(provider.GetMetadataReader()))
            problems.Add($"{id}: {pdb.FullName} carries no Source Link.");
    }
}

static bool HasSourceLink(MetadataReader reader)
{
    var sourceLink = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    foreach (var handle in reader.CustomDebugInformation)
    {
        var information = reader.GetCustomDebugInformation(handle);
        if (reader.GetGuid(information.Kind) != sourceLink) continue;
        var json = System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
        if (json.Contains("https://", StringComparison.Ordinal)) return true;
    }
    return false;
}
