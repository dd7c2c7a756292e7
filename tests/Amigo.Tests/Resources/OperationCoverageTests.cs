using System.Reflection;
using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo.Tests.Resources;

/// <summary>
/// The hand-written façade methods: each file src/Amigo/Resources/&lt;Group&gt;/&lt;operation-id&gt;.cs (the generator skips
/// those operations) whose operation the built spec has is one public method of &lt;Group&gt;Resource, marked with its
/// operation id; the files of operations the spec lacks are not compiled. (That every operation of the spec has exactly
/// one method is <see cref="Facade.GeneratedFacadeTests"/>.)
/// </summary>
[TestFixture]
public sealed class OperationCoverageTests
{
    [Test]
    public void EveryHandWrittenOperationFile_IsOneMarkedMethodOfItsGroup_WhenTheSpecHasTheOperation()
    {
        var files = HandWrittenOperationFiles();
        var specIds = SpecOperationIds();
        Assert.That(files.Where(f => specIds.Contains(f.Operation)), Is.Not.Empty);
        var methods = typeof(AmigoClient).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(AmigoResource)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<AmigoOperationAttribute>() is not null)
            .ToLookup(m => m.GetCustomAttribute<AmigoOperationAttribute>()!.OperationId);

        foreach (var (group, operation, path) in files)
        {
            if (!specIds.Contains(operation))
            {
                Assert.That(methods[operation], Is.Empty, $"{path}: the spec has no {operation}, so its file is not compiled");
                continue;
            }
            var method = methods[operation].ToList();
            Assert.That(method, Has.Count.EqualTo(1), operation);
            Assert.That(method[0].DeclaringType!.Name, Is.EqualTo(group + "Resource"), path);
            Assert.That(File.ReadAllText(path), Does.Contain($" {method[0].Name}("), $"{path} declares {method[0].Name}");
            Assert.That(method[0].GetParameters().Last().ParameterType, Is.EqualTo(typeof(CancellationToken)), operation);
        }
    }

    private static HashSet<string> SpecOperationIds()
    {
        using var stream = typeof(ConversationClient).Assembly.GetManifestResourceStream("Amigo.Generated.amigo.openapi.json")!;
        using var reader = new StreamReader(stream);
        return ((JObject)JObject.Parse(reader.ReadToEnd())["paths"]!).Properties()
            .SelectMany(p => ((JObject)p.Value).Properties().Select(m => (string?)m.Value["operationId"]))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The files named in lowercase one level below src/Amigo/Resources: one hand-written operation each.</summary>
    private static List<(string Group, string Operation, string Path)> HandWrittenOperationFiles()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "src", "Amigo", "Resources")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "src/Amigo/Resources not found above the test directory");
        return Directory.EnumerateDirectories(Path.Combine(directory!.FullName, "src", "Amigo", "Resources"))
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs").Select(file => (Group: Path.GetFileName(folder), File: file)))
            .Where(f => char.IsLower(Path.GetFileName(f.File)[0]))
            .Select(f => (f.Group, Path.GetFileNameWithoutExtension(f.File), f.File))
            .ToList();
    }
}
