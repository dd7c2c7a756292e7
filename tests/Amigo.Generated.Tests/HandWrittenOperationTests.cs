using Amigo.SpecTool;
using Amigo.SpecTool.Facade;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>
/// The hand-written operations are the files <c>Resources/&lt;Group&gt;/&lt;operation-id&gt;.cs</c>, on a synthetic spec and
/// folder: the generator skips those the spec has, reports those it lacks (not an error) and lists their files, and
/// every file of a group the spec lacks, for the build to leave out; only a real contradiction fails.
/// </summary>
[NonParallelizable]
public class HandWrittenOperationTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("amigo-hand-written-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    /// <summary>Two operations of the tag "Widget": get-widgets and delete-widget.</summary>
    private static JObject Spec() => JObject.Parse("""
        {"openapi":"3.0.1","info":{"title":"Synthetic","version":"1"},"paths":{
          "/v1/{organization}/widget/":{"get":{"tags":["Widget"],"operationId":"get-widgets","summary":"List widgets",
            "parameters":[{"name":"organization","in":"path","required":true,"schema":{"type":"string"}}],
            "responses":{"200":{"description":"Succeeded."}}}},
          "/v1/{organization}/widget/{widget_id}":{"delete":{"tags":["Widget"],"operationId":"delete-widget","summary":"Delete a widget",
            "parameters":[{"name":"organization","in":"path","required":true,"schema":{"type":"string"}}],
            "responses":{"204":{"description":"Succeeded."}}}}}}
        """);

    private string Write(string group, string file, string code)
    {
        var path = Path.Combine(_folder, group, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, code);
        return Path.GetFullPath(path);
    }

    private static string Operation(string group, string id, string method) => $$"""
        namespace Amigo;
        public partial class {{group}}Resource
        {
            [AmigoOperation("{{id}}")]
            public virtual System.Threading.Tasks.Task {{method}}(System.Threading.CancellationToken cancellationToken = default) => throw null!;
        }
        """;

    [Test]
    public void The_spec_s_hand_written_operations_are_skipped_the_others_reported_and_left_out_with_absent_groups()
    {
        Write("Widgets", "get-widgets.cs", Operation("Widgets", "get-widgets", "ListAsync"));
        var archive = Write("Widgets", "archive-widget.cs", Operation("Widgets", "archive-widget", "ArchiveAsync"));
        Write("Widgets", "WidgetChecks.cs", "namespace Amigo; internal static class WidgetChecks { }");
        var gadgets = Write("Gadgets", "get-gadgets.cs", Operation("Gadgets", "get-gadgets", "ListAsync"));
        var gadgetChecks = Write("Gadgets", "GadgetChecks.cs", "namespace Amigo; internal static class GadgetChecks { }");

        var handWritten = HandWrittenCode.Read(_folder);
        var spec = Spec();
        var group = FacadeModel.Build(spec, handWritten).Single();
        var groups = FacadeModel.Groups(spec);

        Assert.That(group.PropertyName, Is.EqualTo("Widgets"));
        Assert.That(group.Operations.Select(o => (o.Id, o.MethodName, o.HandWritten)),
            Is.EquivalentTo(new[] { ("get-widgets", "ListAsync", true), ("delete-widget", "DeleteWidgetAsync", false) }),
            "the method name of a hand-written operation is read from its file");
        Assert.That(handWritten.Excluded(groups), Is.EquivalentTo(new[] { archive, gadgets, gadgetChecks }));
        Assert.That(handWritten.Report(groups), Does.Contain("archive-widget").And.Contain("WidgetsResource.ArchiveAsync").And.Contain("left out of the build")
            .And.Contain("get-gadgets").And.Not.Contain("get-widgets"));
    }

    [Test]
    public void The_facade_command_writes_the_excluded_files_and_reports_them_without_failing()
    {
        var work = Directory.CreateTempSubdirectory("amigo-facade-skip-").FullName;
        try
        {
            var archive = Write("Widgets", "archive-widget.cs", Operation("Widgets", "archive-widget", "ArchiveAsync"));
            var merged = Path.Combine(work, "merged.json");
            var client = Path.Combine(work, "Client.g.cs");
            File.WriteAllText(merged, Spec().ToString());
            File.WriteAllText(client, """
                namespace Amigo.Generated;
                public partial class WidgetClient
                {
                    public virtual System.Threading.Tasks.Task GetWidgetsAsync(string organization, System.Threading.CancellationToken cancellationToken = default) => null!;
                    public virtual System.Threading.Tasks.Task DeleteWidgetAsync(string organization, System.Threading.CancellationToken cancellationToken = default) => null!;
                }
                """);
            var excluded = Path.Combine(work, "excluded.txt");
            var output = new StringWriter();
            var console = Console.Out;
            Console.SetOut(output);
            int exit;
            try { exit = Cli.Run(["facade", merged, client, _folder, Path.Combine(work, "Facade.g.cs"), excluded]); }
            finally { Console.SetOut(console); }

            Assert.That(exit, Is.EqualTo(0));
            Assert.That(File.ReadAllLines(excluded), Is.EqualTo(new[] { archive }));
            Assert.That(output.ToString(), Does.Contain("the spec has no operation archive-widget"));
            Assert.That(File.ReadAllText(Path.Combine(work, "Facade.g.cs")), Does.Contain("GetWidgetsAsync").And.Not.Contain("ArchiveAsync"));
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    [Test]
    public void An_operation_file_in_another_group_s_folder_fails_naming_the_file_and_the_group()
    {
        var file = Write("Gadgets", "get-widgets.cs", Operation("Gadgets", "get-widgets", "ListAsync"));

        var error = Assert.Throws<SpecToolException>(() => FacadeModel.Build(Spec(), HandWrittenCode.Read(_folder)));

        Assert.That(error!.Message, Does.Contain(file).And.Contain("Widgets/get-widgets.cs"));
    }

    [Test]
    public void A_file_whose_method_is_marked_with_another_operation_or_sits_in_a_shared_file_fails()
    {
        Write("Widgets", "get-widgets.cs", Operation("Widgets", "delete-widget", "DeleteAsync"));
        Assert.That(Assert.Throws<SpecToolException>(() => HandWrittenCode.Read(_folder))!.Message, Does.Contain("named after operation get-widgets"));

        File.Delete(Path.Combine(_folder, "Widgets", "get-widgets.cs"));
        Write("Widgets", "WidgetHelpers.cs", Operation("Widgets", "get-widgets", "ListAsync"));
        Assert.That(Assert.Throws<SpecToolException>(() => HandWrittenCode.Read(_folder))!.Message, Does.Contain("shared file").And.Contain("get-widgets.cs"));
    }

    [Test]
    public void An_operation_file_without_its_marked_method_or_in_another_class_fails()
    {
        Write("Widgets", "get-widgets.cs", "namespace Amigo; public partial class WidgetsResource { }");
        Assert.That(Assert.Throws<SpecToolException>(() => HandWrittenCode.Read(_folder))!.Message, Does.Contain("exactly one method marked [AmigoOperation(\"get-widgets\")]"));

        Write("Widgets", "get-widgets.cs", Operation("Gadgets", "get-widgets", "ListAsync"));
        Assert.That(Assert.Throws<SpecToolException>(() => HandWrittenCode.Read(_folder))!.Message, Does.Contain("GadgetsResource").And.Contain("WidgetsResource"));
    }
}
