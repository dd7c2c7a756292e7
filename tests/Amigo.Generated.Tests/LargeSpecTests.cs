using Amigo.Generated.Tests.Support;
using Amigo.SpecTool;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>The pipeline on a spec the size of the complete API: it must produce clean code that compiles.</summary>
public class LargeSpecTests
{
    [Test]
    public void A_spec_the_size_of_the_full_API_generates_clean_compiling_code()
    {
        var folder = Directory.CreateTempSubdirectory("amigo-large-").FullName;
        try
        {
            var specFolder = Path.Combine(folder, "openapi");
            LargeSpecBuilder.Write(specFolder);
            var merged = Path.Combine(folder, "merged.json");
            var support = Path.Combine(folder, "Support.g.cs");
            var client = Path.Combine(folder, "Client.g.cs");

            Assert.That(Cli.Run(["merge", specFolder, merged, support, "Amigo.Generated"]), Is.EqualTo(0));
            var spec = JObject.Parse(File.ReadAllText(merged));
            var schemas = (JObject)spec["components"]!["schemas"]!;
            Assert.That(schemas.Properties().Count(p => p.Value["x-amigo-union"] is not null), Is.EqualTo(LargeSpecBuilder.Unions));
            Assert.That(schemas.Properties().Count(p => p.Value["x-amigo-tuple"] is not null), Is.GreaterThanOrEqualTo(16));
            Assert.That(spec.ToString(), Does.Not.Contain("\"type\": \"null\""));

            RunNSwag(merged, client);
            Assert.That(Cli.Run(["polish", client]), Is.EqualTo(0));

            var compilation = Compile(File.ReadAllText(client), File.ReadAllText(support));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(10).ToList();
            Assert.That(errors, Is.Empty, string.Join("\n", errors) + "\nclasses: " + string.Join(", ", compilation.Assembly.TypeNames.Where(n => n.EndsWith("Client"))));

            var typeNames = compilation.Assembly.TypeNames.ToList();
            Assert.That(typeNames, Has.None.Contains("__"));
            Assert.That(typeNames.Where(n => char.IsDigit(n[^1]) && !n.Contains("Tuple")), Is.Empty, "numbered junk types");
            Assert.That(typeNames, Does.Contain("DoThing0Response").And.Contain("Module0Action").And.Contain("UnknownModule0Action").And.Contain("TimeZone"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static void RunNSwag(string spec, string output) =>
        ProcessRunner.Run(ProcessRunner.BuildValues["NSwagCommand"]!.Trim(), $"run \"{ProcessRunner.BuildValues["NSwagConfig"]}\" /variables:SpecPath=\"{spec}\",OutputPath=\"{output}\"");

    private static CSharpCompilation Compile(params string[] sources)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted.Select(p => MetadataReference.CreateFromFile(p)).ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location));
        references.Add(MetadataReference.CreateFromFile(typeof(JsonSubTypes.JsonSubtypes).Assembly.Location));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        return CSharpCompilation.Create(
            "Large.Generated",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, options)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
