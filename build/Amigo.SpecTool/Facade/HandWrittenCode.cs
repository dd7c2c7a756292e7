using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Amigo.SpecTool.Facade;

/// <summary>One hand-written façade operation: its file <c>&lt;Group&gt;/&lt;operation-id&gt;.cs</c> and the method in it marked with its id.</summary>
public sealed record HandWrittenOperation(string Id, string Group, string MethodName, string File);

/// <summary>
/// The hand-written façade code, read from its folder (src/Amigo/Resources): one folder per resource group, named as
/// the group's property (<c>Conversations</c>). A file named in lowercase is one operation, <c>&lt;operation-id&gt;.cs</c>,
/// with the one method marked <c>[AmigoOperation("&lt;operation-id&gt;")]</c>; any other file holds code shared by the
/// group's hand-written operations (and references no operation's generated members). The file names are the one list
/// of hand-written operations: the generator skips them, and the build leaves out the files of operations, or groups,
/// the spec does not have.
/// </summary>
public sealed class HandWrittenCode
{
    private HandWrittenCode(IReadOnlyList<HandWrittenOperation> operations, IReadOnlyList<(string Group, string File)> sharedFiles)
    {
        Operations = operations;
        SharedFiles = sharedFiles;
    }

    /// <summary>No hand-written code: every operation is generated.</summary>
    public static HandWrittenCode None { get; } = new([], []);

    public IReadOnlyList<HandWrittenOperation> Operations { get; }

    /// <summary>The files of code shared by a group's hand-written operations.</summary>
    public IReadOnlyList<(string Group, string File)> SharedFiles { get; }

    /// <summary>Reads every <c>*.cs</c> file one level below <paramref name="folder"/> (files directly in it are the façade's own code).</summary>
    public static HandWrittenCode Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new SpecToolException($"The hand-written façade folder {folder} does not exist.");
        var operations = new List<HandWrittenOperation>();
        var shared = new List<(string, string)>();
        foreach (var groupFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var group = Path.GetFileName(groupFolder);
            foreach (var file in Directory.EnumerateFiles(groupFolder, "*.cs").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var marked = MarkedMethods(file);
                if (!char.IsLower(name[0]))
                {
                    if (marked.Count > 0)
                        throw new SpecToolException($"{file}: a shared file marks {string.Join(", ", marked.Select(m => $"{m.Method} [AmigoOperation(\"{m.Id}\")]"))}; a hand-written operation lives in its own file, {Path.Combine(groupFolder, marked[0].Id + ".cs")}.");
                    shared.Add((group, file));
                    continue;
                }
                var methods = marked.Where(m => m.Id == name).ToList();
                var others = marked.Where(m => m.Id != name).ToList();
                if (others.Count > 0)
                    throw new SpecToolException($"{file} is named after operation {name} but marks {string.Join(", ", others.Select(m => $"{m.Method} [AmigoOperation(\"{m.Id}\")]"))}.");
                if (methods.Count != 1)
                    throw new SpecToolException($"{file} must hold exactly one method marked [AmigoOperation(\"{name}\")]; it holds {methods.Count}.");
                if (methods[0].Class != group + "Resource")
                    throw new SpecToolException($"{file}: {methods[0].Method} is declared in {methods[0].Class}, but the folder {group}/ is the group {group}Resource.");
                operations.Add(new HandWrittenOperation(name, group, methods[0].Method, file));
            }
        }
        foreach (var twice in operations.GroupBy(o => o.Id).Where(g => g.Count() > 1))
            throw new SpecToolException($"The hand-written operation {twice.Key} has two files: {string.Join(" and ", twice.Select(o => o.File))}.");
        return new HandWrittenCode(operations, shared);
    }

    /// <summary>A hand-written set made in memory (for tests): each operation with its group and method name.</summary>
    public static HandWrittenCode Of(params HandWrittenOperation[] operations) => new(operations, []);

    /// <summary>
    /// The hand-written operations the spec has, by id. A contradiction fails, naming the file: an operation whose
    /// file sits in another group's folder than its tag gives.
    /// </summary>
    public IReadOnlyDictionary<string, HandWrittenOperation> In(IReadOnlyDictionary<string, string> groupOfOperation)
    {
        var result = new Dictionary<string, HandWrittenOperation>(StringComparer.Ordinal);
        foreach (var operation in Operations)
        {
            if (!groupOfOperation.TryGetValue(operation.Id, out var group)) continue;
            if (group != operation.Group)
                throw new SpecToolException($"{operation.File} is in the group folder {operation.Group}/, but the spec puts operation {operation.Id} in the group {group}: move it to {group}/{operation.Id}.cs.");
            result.Add(operation.Id, operation);
        }
        return result;
    }

    /// <summary>The hand-written operations the spec does not have.</summary>
    public IReadOnlyList<HandWrittenOperation> Absent(IReadOnlyDictionary<string, string> groupOfOperation) =>
        Operations.Where(o => !groupOfOperation.ContainsKey(o.Id)).ToList();

    /// <summary>The files the build leaves out: those of operations the spec lacks, and every file of a group it lacks.</summary>
    public IReadOnlyList<string> Excluded(IReadOnlyDictionary<string, string> groupOfOperation)
    {
        var groups = groupOfOperation.Values.ToHashSet(StringComparer.Ordinal);
        return Absent(groupOfOperation).Select(o => o.File)
            .Concat(SharedFiles.Where(f => !groups.Contains(f.Group)).Select(f => f.File))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The message that says which hand-written operations this spec lacks ("" when it has them all).</summary>
    public string Report(IReadOnlyDictionary<string, string> groupOfOperation) =>
        string.Concat(Absent(groupOfOperation).Select(o =>
            $"amigo-spec facade: the spec has no operation {o.Id}; its hand-written {o.Group}Resource.{o.MethodName} ({Path.GetFileName(Path.GetDirectoryName(o.File))}/{Path.GetFileName(o.File)}) is left out of the build.\n"));

    private static List<(string Id, string Method, string Class)> MarkedMethods(string file)
    {
        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file).GetRoot();
        // An id may be a string constant of the file: [AmigoOperation(UpdateOperation)] with const string UpdateOperation = "…".
        var constants = root.DescendantNodes().OfType<FieldDeclarationSyntax>()
            .Where(f => f.Modifiers.Any(m => m.IsKind(SyntaxKind.ConstKeyword)))
            .SelectMany(f => f.Declaration.Variables)
            .Where(v => v.Initializer?.Value is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression })
            .GroupBy(v => v.Identifier.Text)
            .ToDictionary(g => g.Key, g => ((LiteralExpressionSyntax)g.First().Initializer!.Value).Token.ValueText);
        return root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .SelectMany(m => m.AttributeLists.SelectMany(a => a.Attributes)
                .Where(a => a.Name.ToString() is "AmigoOperation" or "AmigoOperationAttribute" or "Amigo.AmigoOperation" or "Amigo.AmigoOperationAttribute")
                .Select(a => (Id: OperationId(file, m, a, constants), Method: m.Identifier.Text, Class: (m.Parent as TypeDeclarationSyntax)?.Identifier.Text ?? "")))
            .ToList();
    }

    private static string OperationId(string file, MethodDeclarationSyntax method, AttributeSyntax attribute, Dictionary<string, string> constants) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression switch
        {
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal => literal.Token.ValueText,
            IdentifierNameSyntax name when constants.TryGetValue(name.Identifier.Text, out var value) => value,
            _ => throw new SpecToolException($"{file}: {method.Identifier.Text} names its operation with neither a string literal nor a string constant of the file."),
        };
}
