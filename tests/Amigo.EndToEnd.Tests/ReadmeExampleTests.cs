using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Amigo.EndToEnd.Tests;

/// <summary>Every C# example in README.md compiles against the SDK and the emulator as they are.</summary>
public partial class ReadmeExampleTests
{
    /// <summary>Names the examples use without declaring them, as a reader would have them at hand.</summary>
    private static readonly (string Type, string Name)[] Context =
    [
        ("AmigoClient", "client"),
        ("Microsoft.Extensions.DependencyInjection.IServiceCollection", "services"),
        ("Microsoft.Extensions.Configuration.IConfiguration", "configuration"),
        ("string", "conversationId"),
        ("string", "interactionId"),
        ("string", "serviceId"),
        ("string", "dynamicBehaviorSetId"),
        ("string", "setId"),
        ("string", "politenessId"),
        ("string", "resolvedId"),
        ("System.IO.Stream", "audio"),
        ("CancellationToken", "cancellationToken"),
    ];

    private static readonly string[] Usings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Threading", "System.Threading.Tasks",
        "Amigo", "Amigo.Generated", "Amigo.Emulator", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Configuration",
    ];

    public static IEnumerable<TestCaseData> Examples()
    {
        var readme = File.ReadAllText(ReadmePath);
        var blocks = CSharpBlock().Matches(readme).Select(m => m.Groups["code"].Value).ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            var firstLine = blocks[i].Split('\n').First(l => l.Trim().Length > 0).Trim();
            yield return new TestCaseData(blocks[i]).SetName($"README example {i + 1}: {firstLine[..Math.Min(60, firstLine.Length)]}");
        }
    }

    [Test]
    public void The_readme_has_csharp_examples() => Assert.That(Examples().Count(), Is.GreaterThanOrEqualTo(6));

    [TestCaseSource(nameof(Examples))]
    public void Example_compiles(string example)
    {
        var source = Wrap(example);
        var compilation = CSharpCompilation.Create(
            "ReadmeExample",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, string.Join("\n", errors) + "\n\n" + source);
    }

    private static string Wrap(string example)
    {
        var lines = example.Split('\n');
        var usings = Usings.Select(u => $"using {u};").ToList();
        usings.AddRange(lines.Where(l => UsingDirective().IsMatch(l)).Select(l => l.Trim()));
        var body = string.Join('\n', lines.Where(l => !UsingDirective().IsMatch(l)));
        if (TypeDeclaration().IsMatch(body))
            return string.Join('\n', usings.Distinct()) + "\nnamespace ReadmeExample;\n" + body;

        var prelude = Context
            .Where(c => !Regex.IsMatch(body, $@"(\bvar|[\w.<>?\]\[]+)\s+{c.Name}\s*(=|;|\bin\b)"))
            .Select(c => $"{c.Type} {c.Name} = default!; _ = {c.Name};");
        return string.Join('\n', usings.Distinct()) + $$"""

            namespace ReadmeExample;
            internal static class Example
            {
                public static async Task RunAsync()
                {
                    {{string.Join("\n        ", prelude)}}
            {{body}}
                    await Task.CompletedTask;
                }
            }
            """;
    }

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
            byName[Path.GetFileName(path)] = path;
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            byName[Path.GetFileName(path)] = path;
        var references = new List<MetadataReference>();
        foreach (var path in byName.Values)
        {
            try
            {
                AssemblyName.GetAssemblyName(path);
                references.Add(MetadataReference.CreateFromFile(path));
            }
            catch (BadImageFormatException)
            {
                // a native library
            }
        }
        return references;
    });

    private static string ReadmePath =>
        typeof(ReadmeExampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Readme").Value!;

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^\s*using\s+[\w.]+\s*;\s*$")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^\s*(public |internal |sealed |static |partial )*(class|record|interface|struct)\s+\w+", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
