using Amigo.Generated.Tests.Support;
using Amigo.SpecTool;
using Amigo.SpecTool.Facade;
using Amigo.SpecTool.Normalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>
/// The façade follows the spec with no hand-written code: a modified copy of the merged spec, with a new list
/// operation on an existing tag and a new tag, goes through NSwag and <c>amigo-spec facade</c>, and the result
/// compiles against Amigo.dll with both operations as paged, documented methods with options and checks.
/// </summary>
public class FacadeGenerationTests
{
    private static JObject ModifiedSpec()
    {
        var spec = (JObject)MergedSpec.Value.DeepClone();
        var schemas = (JObject)spec["components"]!["schemas"]!;
        schemas["Gadget"] = JObject.Parse("""{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}},"required":["id"]}""");
        schemas["GetGadgetsResponse"] = JObject.Parse("""
            {"type":"object","required":["gadgets","has_more"],"properties":{
              "gadgets":{"type":"array","items":{"$ref":"#/components/schemas/Gadget"}},
              "has_more":{"type":"boolean"},
              "continuation_token":{"type":"integer","nullable":true}}}
            """);
        schemas["GetServiceWidgetsResponse"] = JObject.Parse("""
            {"type":"object","required":["widgets","has_more"],"properties":{
              "widgets":{"type":"array","items":{"type":"string"}},
              "has_more":{"type":"boolean"},
              "continuation_token":{"type":"integer","nullable":true}}}
            """);
        ((JArray)spec["tags"]!).Add(JObject.Parse("""{"name":"Gadget","description":"Gadget"}"""));
        var paths = (JObject)spec["paths"]!;
        paths["/v1/{organization}/gadget/"] = JObject.Parse("""
            {"get":{"tags":["Gadget"],"summary":"List gadgets","operationId":"get-gadgets",
              "description":"Lists the gadgets of the organization.\n\n#### Permissions\n* `Gadget:GetGadget` on each gadget.",
              "parameters":[
                {"name":"organization","in":"path","required":true,"schema":{"type":"string"}},
                {"name":"name","in":"query","required":false,"schema":{"type":"string","minLength":2,"maxLength":40},"description":"Only gadgets with this name."},
                {"name":"limit","in":"query","required":false,"schema":{"type":"integer","minimum":1,"maximum":50}},
                {"name":"continuation_token","in":"query","required":false,"schema":{"type":"integer"}},
                {"name":"x-mongo-cluster-name","in":"header","required":false,"schema":{"type":"string","nullable":true}}],
              "responses":{
                "200":{"description":"Succeeded.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/GetGadgetsResponse"}}}},
                "429":{"description":"The user has exceeded the rate limit of 7 requests per minute for this endpoint."}}}}
            """);
        paths["/v1/{organization}/service/{service_id}/widget/"] = JObject.Parse("""
            {"get":{"tags":["Service"],"summary":"List the widgets of a service","operationId":"get-service-widgets",
              "parameters":[
                {"name":"organization","in":"path","required":true,"schema":{"type":"string"}},
                {"name":"service_id","in":"path","required":true,"schema":{"type":"string","pattern":"^[a-f0-9]{24}$"}},
                {"name":"limit","in":"query","required":false,"schema":{"type":"integer","minimum":1,"maximum":10}},
                {"name":"continuation_token","in":"query","required":false,"schema":{"type":"integer"}}],
              "responses":{"200":{"description":"Succeeded.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/GetServiceWidgetsResponse"}}}}}}}
            """);
        return spec;
    }

    [Test]
    public void ANewListOperation_AndANewTag_AppearOnTheFacade_WithPagingOptionsAndDocs()
    {
        var work = Directory.CreateTempSubdirectory("amigo-facade-").FullName;
        try
        {
            var merged = Path.Combine(work, "merged.json");
            var client = Path.Combine(work, "Client.g.cs");
            var facade = Path.Combine(work, "Facade.g.cs");
            // The repository's own hand-written operations, unchanged: the new operations need no hand-written code. (The
            // streamed operations among them return NSwag's internal FileResponse, which only a hand-written method can wrap.)
            var handWritten = Path.Combine(Path.GetDirectoryName(ProcessRunner.BuildValues["NSwagConfig"]!)!, "src", "Amigo", "Resources");
            File.WriteAllText(merged, ModifiedSpec().ToString());
            ProcessRunner.Run(ProcessRunner.BuildValues["NSwagCommand"]!.Trim(), $"run \"{ProcessRunner.BuildValues["NSwagConfig"]}\" /variables:SpecPath=\"{merged}\",OutputPath=\"{client}\"");
            Assert.That(Cli.Run(["polish", client]), Is.EqualTo(0));
            Assert.That(Cli.Run(["facade", merged, client, handWritten, facade, Path.Combine(work, "excluded.txt"), "Synthetic", "Amigo.Generated"]), Is.EqualTo(0));
            Assert.That(File.ReadAllText(Path.Combine(work, "excluded.txt")), Is.Empty, "the spec has every hand-written operation");

            var compilation = Compile(File.ReadAllText(client), File.ReadAllText(ProcessRunner.BuildValues["GeneratedSupport"]!), File.ReadAllText(facade));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.That(errors, Is.Empty, string.Join("\n", errors.Take(10)));

            var amigoClient = compilation.GetTypeByMetadataName("Synthetic.AmigoClient")!;
            Assert.That(amigoClient.GetMembers("Gadgets").OfType<IPropertySymbol>().Single().Type.Name, Is.EqualTo("GadgetsResource"), "the new tag is a group");

            var gadgets = (IMethodSymbol)compilation.GetTypeByMetadataName("Synthetic.GadgetsResource")!.GetMembers("GetGadgetsAsync").Single();
            Assert.That(gadgets.ReturnType.ToDisplayString(), Is.EqualTo("Amigo.AmigoPageable<Amigo.Generated.Gadget, Amigo.Generated.GetGadgetsResponse>"));
            Assert.That(gadgets.GetAttributes().Single(a => a.AttributeClass!.Name == "AmigoOperationAttribute").ConstructorArguments[0].Value, Is.EqualTo("get-gadgets"));
            Assert.That(gadgets.Parameters.Select(p => p.Type.Name), Is.EqualTo(new[] { "GetGadgetsOptions", "AmigoCallOptions", "CancellationToken" }));
            var docs = gadgets.GetDocumentationCommentXml();
            Assert.That(docs, Does.Contain("List gadgets").And.Contain("Gadget:GetGadget").And.Contain("Rate limit: 7 requests per minute."));

            var options = compilation.GetTypeByMetadataName("Synthetic.GetGadgetsOptions")!;
            Assert.That(options.GetMembers().OfType<IPropertySymbol>().Select(p => p.Name), Is.EquivalentTo(new[] { "Name", "PageSize" }));
            var body = gadgets.DeclaringSyntaxReferences.Single().GetSyntax().ToString();
            Assert.That(body, Does.Contain("AmigoArguments.Length(queryValues.Name, \"options.Name\", 2, 40)"));

            var file = (IMethodSymbol)compilation.GetTypeByMetadataName("Synthetic.AdminResource")!.GetMembers("GetPromptLogsAsync").Single();
            Assert.That(file.ReturnType.ToDisplayString(), Is.EqualTo("System.Threading.Tasks.Task<Amigo.AmigoFileResponse>"), "a file body is a file, by shape");

            var widgets = (IMethodSymbol)compilation.GetTypeByMetadataName("Synthetic.ServicesResource")!.GetMembers("GetServiceWidgetsAsync").Single();
            Assert.That(widgets.ReturnType.ToDisplayString(), Is.EqualTo("Amigo.AmigoPageable<string, Amigo.Generated.GetServiceWidgetsResponse>"));
            Assert.That(widgets.DeclaringSyntaxReferences.Single().GetSyntax().ToString(), Does.Contain("AmigoArguments.Pattern(serviceId, nameof(serviceId), \"^[a-f0-9]{24}$\")")
                .And.Contain("AmigoArguments.Range(queryValues.PageSize, \"options.PageSize\", 1, false, 10, false)"), "the page size is checked before the first page too");

            // A hand-written operation gets no method, but the spec's checks of its path parameters, for its hand-written method to run.
            var conversations = compilation.GetTypeByMetadataName("Synthetic.ConversationsResource")!;
            Assert.That(conversations.GetMembers("InteractAsync"), Is.Empty);
            var check = (IMethodSymbol)conversations.GetMembers("CheckInteractWithConversation").Single();
            Assert.That(check.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "conversationId" }));
            Assert.That(check.DeclaringSyntaxReferences.Single().GetSyntax().ToString(), Does.Contain("AmigoArguments.Pattern(conversationId, nameof(conversationId), \"^[a-f0-9]{24}$\")"));
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    [Test]
    public void TagsBecomePluralGroupNames()
    {
        Assert.That(new[] { "Conversation", "DynamicBehaviorSet", "Admin", "WebhookDestination", "Policy", "Box" }.Select(FacadeModel.GroupName),
            Is.EqualTo(new[] { "Conversations", "DynamicBehaviorSets", "Admin", "WebhookDestinations", "Policies", "Boxes" }));
    }

    private static CSharpCompilation Compile(params string[] sources)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted.Where(p => !Path.GetFileName(p).StartsWith("Amigo", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        references.Add(MetadataReference.CreateFromFile(ProcessRunner.BuildValues["AmigoAssembly"]!));
        var stub = """
            namespace Synthetic;
            public partial class AmigoClient
            {
                internal global::Amigo.AmigoClientContext Context => throw new global::System.InvalidOperationException();
            }
            """;
        var options = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        return CSharpCompilation.Create(
            "Amigo.Facade.Synthetic",
            sources.Append(stub).Select(s => CSharpSyntaxTree.ParseText(s, options)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}

/// <summary>The README's operation table is generated (<c>amigo-spec readme</c>) and must match the spec the build used.</summary>
public class ReadmeOperationTableTests
{
    private static string RepoRoot => Path.GetDirectoryName(ProcessRunner.BuildValues["NSwagConfig"]!)!;

    [Test]
    public void TheReadmeOperationTable_MatchesTheSpec()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
        var handWritten = HandWrittenCode.Read(Path.Combine(RepoRoot, "src", "Amigo", "Resources"));

        var expected = ReadmeTableWriter.Rewrite(readme, MergedSpec.Value, handWritten);

        Assert.That(readme, Is.EqualTo(expected),
            "README.md's operation table is stale: run dotnet build/Amigo.SpecTool/bin/Release/net10.0/amigo-spec.dll readme src/Amigo.Generated/obj/openapi/amigo.openapi.json src/Amigo/Resources README.md");
        var table = readme[readme.IndexOf(ReadmeTableWriter.Start, StringComparison.Ordinal)..readme.IndexOf(ReadmeTableWriter.End, StringComparison.Ordinal)];
        Assert.That(table.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal)), Is.EqualTo(SchemaWalker.Operations(MergedSpec.Value).Count()));
        Assert.That(table, Does.Contain("#### `client.Services`").And.Contain("`get-services`"));
    }
}
