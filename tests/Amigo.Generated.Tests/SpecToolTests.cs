using Amigo.SpecTool;
using Amigo.SpecTool.Merging;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

public class SpecToolTests
{
    private static JObject Fragment(string path, string method, string schemaName, JObject schema) => new()
    {
        ["openapi"] = "3.1.0",
        ["info"] = new JObject { ["title"] = "t", ["version"] = "1" },
        ["paths"] = new JObject { [path] = new JObject { [method] = new JObject { ["operationId"] = method + path.Replace("/", "-"), ["responses"] = new JObject { ["204"] = new JObject { ["description"] = "ok" } } } } },
        ["components"] = new JObject { ["schemas"] = new JObject { [schemaName] = schema } },
    };

    [Test]
    public void A_schema_defined_differently_in_two_fragments_fails_naming_both_files_and_the_schema()
    {
        var a = Fragment("/a", "get", "Thing", new JObject { ["type"] = "object", ["properties"] = new JObject { ["x"] = new JObject { ["type"] = "string" } } });
        var b = Fragment("/b", "get", "Thing", new JObject { ["type"] = "object", ["properties"] = new JObject { ["x"] = new JObject { ["type"] = "integer" } } });

        var error = Assert.Throws<SpecToolException>(() => FragmentMerger.Merge([("conversation/a.json", a), ("metric/b.json", b)]));

        Assert.That(error!.Message, Does.Contain("conversation/a.json").And.Contain("metric/b.json").And.Contain("'Thing'"));
    }

    [Test]
    public void The_same_path_and_method_in_two_fragments_fails_naming_both_files()
    {
        var a = Fragment("/same", "post", "A", new JObject { ["type"] = "string" });
        var b = Fragment("/same", "post", "B", new JObject { ["type"] = "string" });

        var error = Assert.Throws<SpecToolException>(() => FragmentMerger.Merge([("x/one.json", a), ("y/two.json", b)]));

        Assert.That(error!.Message, Does.Contain("x/one.json").And.Contain("y/two.json").And.Contain("POST /same"));
    }

    [Test]
    public void Identical_repeated_schemas_merge_quietly()
    {
        var schema = new JObject { ["type"] = "object", ["properties"] = new JObject { ["x"] = new JObject { ["type"] = "string" } } };
        var merged = FragmentMerger.Merge([("a.json", Fragment("/a", "get", "Thing", schema)), ("b.json", Fragment("/b", "get", "Thing", schema))]);

        Assert.That(merged["components"]!["schemas"]!["Thing"], Is.Not.Null);
        Assert.That(((JObject)merged["paths"]!).Count, Is.EqualTo(2));
    }

    [Test]
    public void A_non_JSON_string_or_schemaless_body_is_a_file_and_JSON_and_event_streams_are_not()
    {
        JObject Content(string media, JObject? schema) => new() { [media] = schema is null ? new JObject() : new JObject { ["schema"] = schema } };
        JObject Operation(string id, JObject content) => new()
        {
            ["operationId"] = id,
            ["responses"] = new JObject { ["200"] = new JObject { ["description"] = "ok", ["content"] = content } },
        };
        var text = new JObject { ["type"] = "string" };
        var document = new JObject
        {
            ["paths"] = new JObject
            {
                ["/zip"] = new JObject { ["get"] = Operation("zip", Content("application/zip", text)) },
                ["/csv"] = new JObject { ["get"] = Operation("csv", Content("text/csv; charset=utf-8", null)) },
                ["/json-text"] = new JObject { ["get"] = Operation("json-text", Content("application/json", (JObject)text.DeepClone())) },
                ["/problem"] = new JObject { ["get"] = Operation("problem", Content("application/problem+json", (JObject)text.DeepClone())) },
                ["/events"] = new JObject { ["get"] = Operation("events", Content("application/x-ndjson", new JObject { ["type"] = "object" })) },
                ["/object"] = new JObject { ["get"] = Operation("object", Content("application/xml", new JObject { ["type"] = "object" })) },
            },
        };

        Amigo.SpecTool.Normalization.StreamingResponses.Run(document);
        Amigo.SpecTool.Normalization.BinaryResponses.Run(document);

        string? Binary(string path) => (string?)document["paths"]![path]!["get"]!["x-amigo-binary"];
        JToken Schema(string path, string media) => document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]![media]!["schema"]!;
        Assert.That(Binary("/zip"), Is.EqualTo("application/zip"));
        Assert.That((string?)Schema("/zip", "application/zip")["format"], Is.EqualTo("binary"));
        Assert.That(Binary("/csv"), Is.EqualTo("text/csv; charset=utf-8"));
        Assert.That((string?)Schema("/csv", "text/csv; charset=utf-8")["format"], Is.EqualTo("binary"));
        Assert.That(new[] { Binary("/json-text"), Binary("/problem"), Binary("/events"), Binary("/object") }, Is.All.Null);
        Assert.That(Schema("/json-text", "application/json")["format"], Is.Null);
        Assert.That(Schema("/object", "application/xml")["format"], Is.Null, "a described non-JSON object is left to the generator");
    }

    [Test]
    public void The_command_line_reports_a_conflict_as_a_build_error()
    {
        var folder = Directory.CreateTempSubdirectory("amigo-spec-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "one"));
            Directory.CreateDirectory(Path.Combine(folder, "two"));
            File.WriteAllText(Path.Combine(folder, "one", "a.json"), Fragment("/a", "get", "Thing", new JObject { ["type"] = "object" }).ToString());
            File.WriteAllText(Path.Combine(folder, "two", "b.json"), Fragment("/b", "get", "Thing", new JObject { ["type"] = "array" }).ToString());
            var error = new StringWriter();
            var original = Console.Error;
            Console.SetError(error);
            int exit;
            try { exit = Cli.Run(["merge", folder, Path.Combine(folder, "out.json")]); }
            finally { Console.SetError(original); }

            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error.ToString(), Does.Contain("error AMIGO001").And.Contain("one/a.json").And.Contain("two/b.json"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
