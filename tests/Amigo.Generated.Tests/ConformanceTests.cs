using System.Reflection;
using System.Text.RegularExpressions;
using Amigo.Generated.Tests.Support;
using Amigo.SpecTool;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>The generated assembly matches the merged spec, one to one, with clean names.</summary>
public partial class ConformanceTests
{
    private static readonly Assembly Generated = typeof(ConversationClient).Assembly;

    [Test]
    public void Every_operation_has_a_generated_method_on_its_tag_client()
    {
        var operations = 0;
        foreach (var path in ((JObject)MergedSpec.Value["paths"]!).Properties())
        foreach (var method in ((JObject)path.Value).Properties())
        {
            var operation = method.Value;
            var client = MergedSpec.GeneratedType((string)operation["tags"]![0]! + "Client");
            var name = Naming.Pascal((string)operation["operationId"]!) + "Async";
            Assert.That(client.GetMethod(name), Is.Not.Null, $"{method.Name.ToUpperInvariant()} {path.Name}: {client.Name}.{name}");
            operations++;
        }
        var files = Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(ProcessRunner.BuildValues["NSwagConfig"]!)!, "openapi"), "*.json", SearchOption.AllDirectories)
            .Sum(f => JObject.Parse(File.ReadAllText(f))["paths"] is JObject paths ? paths.Properties().Sum(p => ((JObject)p.Value).Count) : 0);
        Assert.That(operations, Is.EqualTo(files), "the merged spec holds every operation of openapi/ (116 of the newest release)");
    }

    [Test]
    public void Every_schema_has_a_generated_type()
    {
        var missing = MergedSpec.Schemas.Properties().Select(p => p.Name)
            .Where(name => Generated.GetType("Amigo.Generated." + name) is null)
            .ToList();
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void Public_type_and_member_names_are_clean_PascalCase()
    {
        var types = Generated.GetExportedTypes();
        var badTypes = types.Select(t => t.Name.Split('`')[0]).Where(n => !CleanName().IsMatch(n) || n.Contains("__")).ToList();
        Assert.That(badTypes, Is.Empty, "type names");

        var badMembers = types
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => $"{t.Name}.{p.Name}"))
            .Where(n => n.Contains('_'))
            .ToList();
        Assert.That(badMembers, Is.Empty, "property names");

        // The clients are internal (the façade's plumbing), and their parameters are named by the same rule.
        var badParameters = Generated.GetTypes().Where(t => !t.IsNested && t.Name.EndsWith("Client"))
            .SelectMany(t => t.GetMethods().Where(m => !m.IsSpecialName).SelectMany(m => m.GetParameters().Select(p => $"{t.Name}.{m.Name}({p.Name})")))
            .Where(n => n.Contains('_'))
            .ToList();
        Assert.That(badParameters, Is.Empty, "parameter names");
    }

    [Test]
    public void Nothing_uses_NSwags_inheritance_converter()
    {
        Assert.That(Generated.GetTypes().Select(t => t.Name), Has.None.Contains("JsonInheritance"));
    }

    [Test]
    public void Streaming_operations_return_the_unbuffered_response_stream()
    {
        var create = typeof(ConversationClient).GetMethod("CreateConversationAsync")!;
        var interact = typeof(ConversationClient).GetMethod("InteractWithConversationAsync")!;
        Assert.That(create.ReturnType, Is.EqualTo(typeof(Task<FileResponse>)));
        Assert.That(interact.ReturnType, Is.EqualTo(typeof(Task<FileResponse>)));
    }

    [Test]
    public void File_responses_return_the_unbuffered_response_stream()
    {
        var files = ((JObject)MergedSpec.Value["paths"]!).Properties()
            .SelectMany(path => ((JObject)path.Value).Properties().Select(m => (JObject)m.Value))
            .Where(o => o["x-amigo-binary"] is not null)
            .ToList();

        Assert.That(files.Select(o => (string)o["x-amigo-binary"]!), Is.EquivalentTo(new[] { "application/zip", "application/gzip" }));
        foreach (var operation in files)
        {
            var client = MergedSpec.GeneratedType((string)operation["tags"]![0]! + "Client");
            var method = client.GetMethod(Naming.Pascal((string)operation["operationId"]!) + "Async")!;
            Assert.That(method.ReturnType, Is.EqualTo(typeof(Task<FileResponse>)), method.Name);
        }
    }

    [Test]
    public void The_interact_body_is_form_fields_and_transport_headers_are_not_exposed()
    {
        var parameters = typeof(ConversationClient).GetMethod("InteractWithConversationAsync")!.GetParameters().Select(p => p.Name).ToList();
        Assert.That(parameters, Is.SupersetOf(new[] { "initialMessageType", "recordedMessage", "externalEventMessageContent", "externalEventMessageTimestamp", "requestAudioConfig", "xMongoClusterName" }));
        Assert.That(parameters, Has.None.Contains("contentType").And.None.Contains("secWebSocketProtocol"));
        Assert.That(typeof(ConversationClient).GetMethod("InteractWithConversationAsync")!.GetParameters().Single(p => p.Name == "xMongoClusterName").ParameterType, Is.EqualTo(typeof(string)));
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*[A-Za-z]$|^[A-Z][A-Za-z0-9]*(Tuple)$")]
    private static partial Regex CleanName();
}
