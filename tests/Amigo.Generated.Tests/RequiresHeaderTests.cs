using Amigo.Generated.Tests.Support;
using Amigo.SpecTool.Requires;

namespace Amigo.Generated.Tests;

/// <summary>
/// The <c>// Requires:</c> header of test files (amigo-spec requires): how it is parsed, which headers are malformed,
/// and which symbols a built assembly's public surface has, against a small assembly compiled here.
/// </summary>
public class RequiresHeaderTests
{
    private const string Api = """
        namespace Synthetic.Api
        {
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Base { public string Inherited { get; set; } = ""; }

            public class Conversation : Base
            {
                public IDictionary<string, string?> Tags { get; set; } = new Dictionary<string, string?>();
                public int? Count;
                internal string Hidden = "";
                public string ReadOnly { get; private set; } = "";
                internal string InternalProperty { get; set; } = "";
                public Task<Conversation> RefreshAsync() => Task.FromResult(this);
                protected void Guarded() { }
                public event System.EventHandler? Changed;
                public class Nested { public List<Nested> Children { get; } = []; }
                private class Private { }
                internal void Raise() => Changed?.Invoke(this, System.EventArgs.Empty);
            }

            public enum Kind { Text, Voice }

            public static class Generic<T> { public static T? Default() => default; }

            internal class Secret { public int X; }
        }
        """;

    private static PublicSurface _surface = null!;

    [OneTimeSetUp]
    public static void CompileTheAssembly()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("amigo-requires-").FullName, "Synthetic.Api.dll");
        Emit(path);
        _surface = PublicSurface.Read([path]);
    }

    [Test]
    public void A_file_without_a_header_requires_nothing()
    {
        Assert.That(RequiresHeader.Parse("a.cs", "using Amigo;\n\nnamespace X;\n"), Is.Empty);
        Assert.That(RequiresHeader.Parse("a.cs", "// A comment.\nclass C { }\n// Requires: Later\n"), Is.Empty, "only the leading comments are the header");
    }

    [Test]
    public void A_header_lists_types_members_and_members_of_a_type_over_one_or_more_lines()
    {
        var symbols = RequiresHeader.Parse("a.cs", """
            // Copyright.
            // Requires: Conversation, Amigo.Generated.Conversation.Tags,   Conversation.RefreshAsync -> Task<Conversation>
            //Requires: Kind.Voice
            using Amigo;
            """.Replace("\r\n", "\n"));

        Assert.That(symbols.Select(s => (s.Path, s.ResultType, s.Line)), Is.EqualTo(new (string, string?, int)[]
        {
            ("Conversation", null, 2),
            ("Amigo.Generated.Conversation.Tags", null, 2),
            ("Conversation.RefreshAsync", "Task<Conversation>", 2),
            ("Kind.Voice", null, 3),
        }));
        Assert.That(symbols[2].ToString(), Is.EqualTo("Conversation.RefreshAsync -> Task<Conversation>"));
    }

    [TestCase("// Requires:", TestName = "Malformed_NoSymbol")]
    [TestCase("// Requires: A,,B", TestName = "Malformed_EmptyEntry")]
    [TestCase("// Requires: A,", TestName = "Malformed_TrailingComma")]
    [TestCase("// Requires: Conversation-Tags", TestName = "Malformed_NotAName")]
    [TestCase("// Requires: Conversation -> string", TestName = "Malformed_ResultTypeWithoutMember")]
    [TestCase("// Requires: A.B -> ", TestName = "Malformed_NoResultType")]
    [TestCase("// Requires: A.B -> C -> D", TestName = "Malformed_TwoArrows")]
    [TestCase("// requires: Conversation", TestName = "Malformed_Lowercase")]
    public void A_malformed_header_is_an_error_at_its_file_and_line(string header)
    {
        var error = Assert.Throws<RequiresHeaderException>(() => RequiresHeader.Parse("tests/A.cs", "// Tests of A.\n" + header + "\nusing Amigo;\n"));

        Assert.That(error!.Line, Is.EqualTo(2));
        Assert.That(error.BuildError, Does.StartWith("tests/A.cs(2): error AMIGO002: "));
    }

    [TestCase("Conversation")]
    [TestCase("Synthetic.Api.Conversation")]
    [TestCase("Api.Conversation")]
    [TestCase("Conversation.Tags")]
    [TestCase("Conversation.Count")]
    [TestCase("Conversation.ReadOnly")]
    [TestCase("Conversation.RefreshAsync")]
    [TestCase("Conversation.Guarded")]
    [TestCase("Conversation.Changed")]
    [TestCase("Conversation.Inherited")]
    [TestCase("Conversation.Nested")]
    [TestCase("Conversation.Nested.Children")]
    [TestCase("Kind.Voice")]
    [TestCase("Generic")]
    [TestCase("Generic.Default")]
    [TestCase("Conversation.RefreshAsync -> Task<Conversation>")]
    [TestCase("Conversation.Tags -> IDictionary<string, string?>")]
    [TestCase("Conversation.Count -> int?")]
    [TestCase("Conversation.Inherited -> string")]
    [TestCase("Conversation.Nested.Children -> List<Nested>")]
    [TestCase("Conversation.Changed -> EventHandler")]
    public void The_public_surface_has(string symbol) =>
        Assert.That(_surface.Has(Symbol(symbol)), Is.True);

    [TestCase("Missing")]
    [TestCase("Secret")]
    [TestCase("Secret.X")]
    [TestCase("Conversation.Private")]
    [TestCase("Conversation.Hidden")]
    [TestCase("Conversation.InternalProperty")]
    [TestCase("Conversation.Raise")]
    [TestCase("Conversation.Missing")]
    [TestCase("Other.Api.Conversation")]
    [TestCase("Kind.Video")]
    [TestCase("Conversation.RefreshAsync -> Task<string>")]
    [TestCase("Conversation.Tags -> IDictionary<string, int>")]
    [TestCase("Conversation.Missing -> string")]
    public void The_public_surface_has_not(string symbol) =>
        Assert.That(_surface.Has(Symbol(symbol)), Is.False);

    [Test]
    public void The_check_leaves_out_the_files_whose_symbols_are_missing_and_names_them()
    {
        var folder = Directory.CreateTempSubdirectory("amigo-requires-check-").FullName;
        try
        {
            var present = Write(folder, "Present.cs", "// Requires: Conversation.Tags, Kind\nclass P { }\n");
            var absent = Write(folder, "Absent.cs", "// Requires: Conversation.Tags, Conversation.Archive, Secret\nclass A { }\n");
            var plain = Write(folder, "Plain.cs", "class Q { }\n");
            var sources = Write(folder, "sources.txt", string.Join("\n", present, absent, plain, Path.Combine(folder, "Deleted.cs")));
            var assembly = Path.Combine(folder, "Synthetic.Api.dll");
            Emit(assembly);

            var leftOut = RequiresCheck.Run(sources, Path.Combine(folder, "excluded.txt"), Path.Combine(folder, "report.txt"), [assembly]);

            Assert.That(leftOut.Select(l => l.File), Is.EqualTo(new[] { absent }));
            Assert.That(File.ReadAllLines(Path.Combine(folder, "excluded.txt")), Is.EqualTo(new[] { absent }));
            Assert.That(File.ReadAllText(Path.Combine(folder, "report.txt")), Is.EqualTo(
                $"amigo-spec: left out {absent}: the built public surface has no Conversation.Archive, Secret (its // Requires: header)\n"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <summary>
    /// A header naming a symbol the committed spec's build lacks (misspelled, or renamed since) would leave its file's
    /// tests out silently, and a shared test's <c>partial void</c> hook in it would do nothing: on the committed spec,
    /// every test file is compiled. (After importing an older release this fails by design, as the spec-table tests do.)
    /// </summary>
    [Test]
    public void On_the_committed_spec_no_test_file_is_left_out()
    {
        var tests = Path.Combine(Path.GetDirectoryName(ProcessRunner.BuildValues["NSwagConfig"]!)!, "tests");
        var sources = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(tests, f).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .ToList();
        var surface = PublicSurface.Read([typeof(AmigoJsonSettings).Assembly.Location, ProcessRunner.BuildValues["AmigoAssembly"]!]);

        Assert.That(sources.Count(f => RequiresHeader.Parse(f, File.ReadAllText(f)).Count > 0), Is.GreaterThanOrEqualTo(10));
        Assert.That(RequiresCheck.Check(sources, surface).Select(l => l.ToString()), Is.Empty);
    }

    private static void Emit(string path)
    {
        using var file = File.Create(path);
        var emitted = SyntheticClient.Compile(Api).Emit(file);
        Assert.That(emitted.Success, Is.True, string.Join("\n", emitted.Diagnostics));
    }

    private static RequiredSymbol Symbol(string text) => RequiredSymbol.Parse(text, 1) ?? throw new AssertionException($"'{text}' does not parse.");

    private static string Write(string folder, string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
