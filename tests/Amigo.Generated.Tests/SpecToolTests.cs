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
