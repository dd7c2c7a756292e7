using System.Reflection;
using System.Runtime.Loader;
using Amigo.SpecTool;
using Amigo.SpecTool.Merging;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests.Support;

/// <summary>
/// A client generated from a spec folder that a test wrote, exactly as the build does it: the spec tool's merge,
/// NSwag with the root nswag.json, the tool's polish, then compiled with Roslyn (and loadable, to read and write JSON).
/// </summary>
internal sealed class SyntheticClient
{
    public const string Namespace = "Synthetic.Generated";

    private SyntheticClient(JObject merged, CSharpCompilation compilation)
    {
        Merged = merged;
        Compilation = compilation;
    }

    /// <summary>The normalized spec NSwag read.</summary>
    public JObject Merged { get; }

    public CSharpCompilation Compilation { get; }

    public IReadOnlyList<Diagnostic> Errors => Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    public IReadOnlyList<string> TypeNames => Compilation.Assembly.TypeNames.Order(StringComparer.Ordinal).ToList();

    /// <summary>Generates and compiles the client of <paramref name="specFolder"/>; the merge must succeed.</summary>
    public static SyntheticClient Generate(string specFolder)
    {
        var work = Directory.CreateTempSubdirectory("amigo-synthetic-").FullName;
        try
        {
            var merged = Path.Combine(work, "merged.json");
            var support = Path.Combine(work, "Support.g.cs");
            var client = Path.Combine(work, "Client.g.cs");
            try { SpecPipeline.Run(specFolder, merged, support, Namespace); }
            catch (SpecToolException e) { Assert.Fail("amigo-spec merge: " + e.Message); }

            var nswagNamespace = Path.Combine(work, "nswag.json");
            var settings = JObject.Parse(File.ReadAllText(ProcessRunner.BuildValues["NSwagConfig"]!));
            settings["codeGenerators"]!["openApiToCSharpClient"]!["namespace"] = Namespace;
            File.WriteAllText(nswagNamespace, settings.ToString());
            ProcessRunner.Run(ProcessRunner.BuildValues["NSwagCommand"]!.Trim(), $"run \"{nswagNamespace}\" /variables:SpecPath=\"{merged}\",OutputPath=\"{client}\"");
            Assert.That(Cli.Run(["polish", client]), Is.EqualTo(0));
            return new SyntheticClient(JObject.Parse(File.ReadAllText(merged)), Compile(File.ReadAllText(client), File.ReadAllText(support)));
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    /// <summary>The compiled assembly, loaded into its own context (it resolves Newtonsoft.Json and JsonSubTypes to the test's).</summary>
    public Assembly Load()
    {
        Assert.That(Errors, Is.Empty, string.Join("\n", Errors.Take(10)));
        using var image = new MemoryStream();
        var result = Compilation.Emit(image);
        Assert.That(result.Success, Is.True, string.Join("\n", result.Diagnostics.Take(10)));
        image.Position = 0;
        return new AssemblyLoadContext("synthetic", isCollectible: true).LoadFromStream(image);
    }

    /// <summary>Reads <paramref name="json"/> as the generated type <paramref name="typeName"/> with the API's settings.</summary>
    public static object? Read(Assembly assembly, string typeName, string json) =>
        JsonConvert.DeserializeObject(json, Type(assembly, typeName), Settings(assembly));

    public static string Write(Assembly assembly, object? value) => JsonConvert.SerializeObject(value, Settings(assembly));

    public static Type Type(Assembly assembly, string name) =>
        assembly.GetType($"{Namespace}.{name}") ?? throw new AssertionException($"The synthetic client has no type '{name}'.");

    private static JsonSerializerSettings Settings(Assembly assembly) =>
        (JsonSerializerSettings)Type(assembly, "AmigoJsonSettings").GetMethod("Create")!.Invoke(null, null)!;

    public static CSharpCompilation Compile(params string[] sources)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted.Select(p => MetadataReference.CreateFromFile(p)).ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(JsonConvert).Assembly.Location));
        references.Add(MetadataReference.CreateFromFile(typeof(JsonSubTypes.JsonSubtypes).Assembly.Location));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        return CSharpCompilation.Create(
            "Synthetic.Generated",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, options)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
