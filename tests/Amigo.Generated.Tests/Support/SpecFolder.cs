using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests.Support;

/// <summary>A temporary openapi/ folder that a test fills with per-operation fragments.</summary>
internal sealed class SpecFolder : IDisposable
{
    public SpecFolder() => Path = Directory.CreateTempSubdirectory("amigo-spec-").FullName;

    public string Path { get; }

    /// <summary>
    /// Writes a fragment with one operation: <paramref name="operation"/> (JSON of the operation object; tags and
    /// the organization path parameter are added) and <paramref name="components"/> (JSON of the components object).
    /// </summary>
    public SpecFolder Operation(string method, string path, string operationId, string operation, string components = "{}", string tag = "Thing")
    {
        var body = JObject.Parse(operation);
        body["tags"] ??= new JArray(tag);
        body["operationId"] ??= operationId;
        var parameters = body["parameters"] as JArray ?? new JArray();
        parameters.Insert(0, JObject.Parse("""{"name":"organization","in":"path","required":true,"schema":{"type":"string"}}"""));
        body["parameters"] = parameters;
        var document = new JObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JObject { ["title"] = "Synthetic", ["version"] = "1" },
            ["paths"] = new JObject { ["/v1/{organization}" + path] = new JObject { [method] = body } },
            ["components"] = JObject.Parse(components),
        };
        return Write($"{Amigo.SpecTool.Naming.Kebab(tag)}/{operationId}.json", document);
    }

    public SpecFolder Write(string relativePath, JObject document)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, document.ToString());
        return this;
    }

    /// <summary>An operation that answers 200 with <paramref name="schema"/>.</summary>
    public static string Returning(string schema) =>
        """{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":""" + schema + "}}}}}";

    /// <summary>An operation that takes <paramref name="body"/> and answers 200 with <paramref name="response"/>.</summary>
    public static string Taking(string body, string response) =>
        """{"requestBody":{"required":true,"content":{"application/json":{"schema":""" + body + """}}},"responses":{"200":{"description":"ok","content":{"application/json":{"schema":""" + response + "}}}}}";

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
