using Amigo.SpecTool.Merging;
using Amigo.SpecTool.NameLock;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests.Support;

/// <summary>A whole published spec that a test writes, as the API publishes it: every operation and every schema in one document.</summary>
internal sealed class PublishedSpec
{
    private readonly JObject _document = JObject.Parse("""
        {"openapi":"3.1.0","info":{"title":"Synthetic","version":"1"},"servers":[{"url":"https://api.example.com"}],
         "security":[{"Bearer":[]}],"paths":{},"components":{"schemas":{},"securitySchemes":{"Bearer":{"type":"http","scheme":"bearer"}}}}
        """);

    /// <summary>Adds an operation (JSON of the operation object) under <c>/v1/{organization}</c> + <paramref name="path"/>.</summary>
    public PublishedSpec Operation(string method, string path, string operationId, string tag, string operation)
    {
        var body = JObject.Parse(operation);
        body["tags"] = new JArray(tag);
        body["operationId"] = operationId;
        var paths = (JObject)_document["paths"]!;
        var key = "/v1/{organization}" + path;
        if (paths[key] is not JObject item) paths[key] = item = new JObject();
        item[method] = body;
        return this;
    }

    /// <summary>Adds components: <paramref name="json"/> is an object of kinds (<c>{"schemas": {...}}</c>).</summary>
    public PublishedSpec Components(string json)
    {
        foreach (var kind in JObject.Parse(json).Properties())
        {
            if (_document["components"]![kind.Name] is not JObject bucket) _document["components"]![kind.Name] = bucket = new JObject();
            foreach (var component in ((JObject)kind.Value).Properties()) bucket[component.Name] = component.Value;
        }
        return this;
    }

    public JObject Document => (JObject)_document.DeepClone();

    /// <summary>The C# type names a spec folder generates (the build's names: the normalized schemas, through the lock).</summary>
    public static IReadOnlyList<string> TypeNames(string specFolder)
    {
        var document = SpecPipeline.Load(specFolder);
        SpecPipeline.Normalize(document, LockFile.Read(specFolder));
        return ((JObject)document["components"]!["schemas"]!).Properties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
    }
}
