using System.Reflection;

namespace Amigo.Tests.Resources;

/// <summary>
/// The hand-written façade methods: every operation in src/Amigo/HandWrittenOperations.txt (which the generator skips)
/// has the hand-written method the file names, marked with its operation id. (That every operation of the spec has
/// exactly one method is <see cref="Facade.GeneratedFacadeTests"/>.)
/// </summary>
[TestFixture]
public sealed class OperationCoverageTests
{
    [Test]
    public void EveryHandWrittenOperation_HasTheMethodTheListNames()
    {
        var listed = HandWrittenOperations();
        Assert.That(listed, Is.Not.Empty);
        var methods = typeof(AmigoClient).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(AmigoResource)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<AmigoOperationAttribute>() is not null)
            .ToLookup(m => m.GetCustomAttribute<AmigoOperationAttribute>()!.OperationId);

        foreach (var (operation, method) in listed)
        {
            Assert.That(methods[operation].Select(m => m.Name), Is.EqualTo(new[] { method }), operation);
            Assert.That(methods[operation].Single().GetParameters().Last().ParameterType, Is.EqualTo(typeof(CancellationToken)), operation);
        }
    }

    private static List<(string Operation, string Method)> HandWrittenOperations()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "src", "Amigo", "HandWrittenOperations.txt")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "src/Amigo/HandWrittenOperations.txt not found above the test directory");
        return File.ReadAllLines(Path.Combine(directory!.FullName, "src", "Amigo", "HandWrittenOperations.txt"))
            .Select(l => l.Split('#')[0].Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => (p[0], p[1]))
            .ToList();
    }
}
