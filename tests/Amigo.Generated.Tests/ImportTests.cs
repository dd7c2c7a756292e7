using Amigo.Generated.Tests.Support;
using Amigo.SpecTool;
using Amigo.SpecTool.Importing;
using Amigo.SpecTool.Merging;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary><c>amigo-spec import</c>: a published spec becomes openapi/, one document per operation, as the docs publish them.</summary>
public class ImportTests
{
    private static PublishedSpec Api() => new PublishedSpec()
        .Operation("get", "/widgets/", "list-widgets", "Widget Shop", """
            {"parameters":[{"$ref":"#/components/parameters/Limit"}],
             "responses":{"200":{"$ref":"#/components/responses/Widgets"},"429":{"description":"The user has exceeded the rate limit of 7 requests per minute for this endpoint."}}}
            """)
        .Operation("post", "/widgets/", "create_widget_v1__organization__widgets__post", "Widget Shop", """
            {"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/NewWidget"}}}},"responses":{"201":{"description":"Created."}},
             "security":[{"ApiKey":[]}]}
            """)
        .Components("""
            {"parameters":{"Limit":{"name":"limit","in":"query","schema":{"type":"integer"}}},
             "responses":{"Widgets":{"description":"The widgets.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/WidgetList"}}}}},
             "schemas":{
               "WidgetList":{"type":"object","properties":{"widgets":{"type":"array","items":{"$ref":"#/components/schemas/Widget"}}}},
               "Widget":{"type":"object","properties":{"id":{"type":"string"}}},
               "NewWidget":{"type":"object","properties":{"name":{"type":"string"}}},
               "Unused":{"type":"object","properties":{"x":{"type":"string"}}}},
             "securitySchemes":{"ApiKey":{"type":"apiKey","in":"header","name":"X-API-KEY"}}}
            """);

    [Test]
    public void Each_operation_gets_a_document_under_its_tag_with_exactly_the_components_it_uses()
    {
        using var folder = new SpecFolder();
        SpecImporter.Import(Api().Document, folder.Path);

        var files = Directory.EnumerateFiles(folder.Path, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder.Path, f).Replace('\\', '/')).Order();
        Assert.That(files, Is.EqualTo(new[] { "widget-shop/create-widget.json", "widget-shop/list-widgets.json" }));

        var list = Read(folder, "widget-shop/list-widgets.json");
        Assert.That(Names(list["components"]!), Is.EqualTo(new[] { "parameters/Limit", "responses/Widgets", "schemas/Widget", "schemas/WidgetList", "securitySchemes/Bearer" }));
        Assert.That(list["servers"]![0]!["url"]!.ToString(), Is.EqualTo("https://api.example.com"));
        var create = Read(folder, "widget-shop/create-widget.json");
        Assert.That(Names(create["components"]!), Is.EqualTo(new[] { "schemas/NewWidget", "securitySchemes/ApiKey" }));
        Assert.That((string?)create["paths"]!["/v1/{organization}/widgets/"]!["post"]!["operationId"], Is.EqualTo("create_widget_v1__organization__widgets__post"), "the document is the spec as published");
    }

    [Test]
    public void The_documents_merge_back_into_the_operations_of_the_spec()
    {
        using var folder = new SpecFolder();
        SpecImporter.Import(Api().Document, folder.Path);

        var merged = SpecPipeline.Load(folder.Path);
        SpecPipeline.Normalize(merged, []);

        var list = merged["paths"]!["/v1/{organization}/widgets/"]!["get"]!;
        Assert.That(list["parameters"]!.Select(p => (string?)p["name"]), Does.Contain("limit"));
        Assert.That(list["responses"]!["200"]!.ToString(), Does.Contain("#/components/schemas/WidgetList"));
        Assert.That((string?)merged["paths"]!["/v1/{organization}/widgets/"]!["post"]!["operationId"], Is.EqualTo("create-widget"));
        Assert.That(merged["components"]!["schemas"]!["Unused"], Is.Null);
    }

    [Test]
    public void A_later_release_removes_the_files_of_operations_it_no_longer_has_and_keeps_hand_written_ones()
    {
        using var folder = new SpecFolder();
        SpecImporter.Import(Api().Document, folder.Path);
        var handWritten = JObject.Parse("""
            {"openapi":"3.1.0","info":{"title":"t","version":"1"},"x-amigo-hand-written":"The ApiKey scheme as the docs describe it.","paths":{},
             "components":{"securitySchemes":{"ApiKey":{"type":"apiKey","in":"header","name":"X-API-KEY","description":"From the docs."},"Extra":{"type":"http","scheme":"basic"}}}}
            """);
        folder.Write("components/security.json", handWritten);

        var next = Api().Document;
        ((JObject)next["paths"]!["/v1/{organization}/widgets/"]!).Remove("get");
        ((JObject)next["paths"]!)["/v1/{organization}/gadgets"] = JObject.Parse("""{"get":{"tags":["Gadget"],"operationId":"get-gadgets","responses":{"204":{"description":"None."}}}}""");
        ((JObject)next["components"]!["schemas"]!)["NewWidget"]!["properties"]!["size"] = new JObject { ["type"] = "integer" };
        var summary = SpecImporter.Import(next, folder.Path);

        Assert.That(File.Exists(Path.Combine(folder.Path, "widget-shop", "list-widgets.json")), Is.False);
        Assert.That(File.Exists(Path.Combine(folder.Path, "gadget", "get-gadgets.json")), Is.True);
        Assert.That(JToken.DeepEquals(Read(folder, "components/security.json"), handWritten), Is.True, "hand-written fragments are never touched");
        Assert.That(summary.OperationsAdded, Is.EqualTo(new[] { "gadget/get-gadgets.json (GET /v1/{organization}/gadgets)" }));
        Assert.That(summary.OperationsRemoved, Is.EqualTo(new[] { "widget-shop/list-widgets.json (GET /v1/{organization}/widgets/)" }));
        Assert.That(summary.OperationsChanged, Is.EqualTo(new[] { "widget-shop/create-widget.json (POST /v1/{organization}/widgets/)" }));
        Assert.That(summary.SchemasRemoved, Is.EqualTo(new[] { "Widget", "WidgetList" }));
        Assert.That(summary.SchemasChanged, Is.EqualTo(new[] { "NewWidget" }));
        Assert.That(summary.Superseded, Has.One.Contains("components/security.json").And.Contains("securitySchemes/ApiKey"));

        // At merge time, the published ApiKey wins over the hand-written one; Extra, which the spec lacks, is kept.
        var merged = SpecPipeline.Load(folder.Path);
        Assert.That(merged["components"]!["securitySchemes"]!["ApiKey"]!["description"], Is.Null);
        Assert.That(merged["components"]!["securitySchemes"]!["Extra"], Is.Not.Null);
    }

    [Test]
    public void Importing_the_same_release_again_changes_no_file()
    {
        using var folder = new SpecFolder();
        SpecImporter.Import(Api().Document, folder.Path);
        var stamps = Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        foreach (var file in stamps.Keys) File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var summary = SpecImporter.Import(Api().Document, folder.Path);

        Assert.That(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc), Is.All.EqualTo(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(summary.OperationsAdded.Concat(summary.OperationsChanged).Concat(summary.OperationsRemoved).Concat(summary.NameLockChanges), Is.Empty);
        Assert.That(summary.ToString(), Does.StartWith("amigo-spec import: 2 operations (0 added, 0 removed, 0 changed)"));
    }

    [TestCase("get_roles_v1__organization__role__get", "get", "/v1/{organization}/role/", "get-roles")]
    [TestCase("get_webhook_destinations", "get", "/v1/{organization}/webhook_destination/", "get-webhook-destinations")]
    [TestCase("get-conversations", "get", "/v1/{organization}/conversation/", "get-conversations")]
    [TestCase("recommend_responses_v1__organization__c__id__recommend_get", "get", "/v1/{organization}/c/{id}/recommend", "recommend-responses")]
    public void Operation_names_are_clean_kebab_case(string operationId, string method, string path, string expected) =>
        Assert.That(Naming.OperationName(operationId, method, path), Is.EqualTo(expected));

    [Test]
    public void A_derived_operation_name_that_another_operation_has_keeps_its_method()
    {
        var names = Naming.OperationNames([
            ("recommend_responses_for_interaction_v1__organization__c_recommend_responses_get", "get", "/v1/{organization}/c/recommend_responses"),
            ("recommend-responses-for-interaction", "post", "/v1/{organization}/c/recommend_responses"),
        ]);

        Assert.That(names, Is.EqualTo(new[] { "recommend-responses-for-interaction-get", "recommend-responses-for-interaction" }));
    }

    [Test]
    public void Only_https_urls_are_downloaded()
    {
        var error = Assert.ThrowsAsync<SpecToolException>(() => SpecImporter.ImportAsync("http://example.com/openapi.json", Path.GetTempPath()));

        Assert.That(error!.Message, Does.Contain("only https"));
    }

    private static JObject Read(SpecFolder folder, string relative) => JObject.Parse(File.ReadAllText(Path.Combine(folder.Path, relative)));

    private static IEnumerable<string> Names(JToken components) =>
        ((JObject)components).Properties().SelectMany(k => ((JObject)k.Value).Properties().Select(c => $"{k.Name}/{c.Name}")).Order(StringComparer.Ordinal);
}
