using System.Text;

namespace Amigo.SpecTool;

/// <summary>Turns spec names (snake_case, kebab-case, Title Case, dotted module paths) into C# and file names.</summary>
public static partial class Naming
{
    /// <summary>"Dynamic Behavior Set" → "dynamic-behavior-set".</summary>
    public static string Kebab(string text) =>
        string.Join('-', Words(text).Select(w => w.ToLowerInvariant()));

    /// <summary>
    /// The stable kebab-case name of an operation, from its operationId: <c>get-conversations</c> stays,
    /// <c>get_webhook_destinations</c> becomes <c>get-webhook-destinations</c>, and FastAPI's default ids, which append
    /// the path and method to the route function's name (<c>get_roles_v1__organization__role__get</c> for
    /// GET /v1/{organization}/role/), lose that suffix: <c>get-roles</c>. File names, generated method names
    /// (<c>GetRolesAsync</c>) and the operation table all use this name, so a moved route keeps its name.
    /// </summary>
    public static string OperationName(string operationId, string method, string path)
    {
        var suffix = FastApiNonWord().Replace(path, "_") + "_" + method.ToLowerInvariant();
        var name = operationId.Length > suffix.Length && operationId.EndsWith(suffix, StringComparison.Ordinal)
            ? operationId[..^suffix.Length]
            : operationId;
        var kebab = Kebab(name);
        return kebab.Length == 0 ? Kebab(method + " " + path) : kebab;
    }

    /// <summary>
    /// <see cref="OperationName"/> for every operation of a document, in order. Where two operations would share a
    /// name (a FastAPI default id next to an explicit one), an operation whose id already is that name keeps it and
    /// the others add their HTTP method (<c>recommend-responses-for-interaction-get</c>); if that is not enough,
    /// their whole id, as kebab-case.
    /// </summary>
    public static IReadOnlyList<string> OperationNames(IReadOnlyList<(string OperationId, string Method, string Path)> operations)
    {
        var names = operations.Select(o => OperationName(o.OperationId, o.Method, o.Path)).ToArray();
        foreach (var clash in Clashes(names))
        {
            var owner = clash.Where(i => operations[i].OperationId == names[i]).ToList();
            foreach (var i in clash.Where(i => owner.Count != 1 || owner[0] != i))
                names[i] += "-" + operations[i].Method.ToLowerInvariant();
        }
        foreach (var clash in Clashes(names))
        foreach (var i in clash)
            names[i] = Kebab(operations[i].OperationId + " " + operations[i].Method);
        foreach (var clash in Clashes(names))
            throw new SpecToolException($"The operations {string.Join(" and ", clash.Select(i => $"{operations[i].Method.ToUpperInvariant()} {operations[i].Path}"))} would both be named '{names[clash[0]]}'.");
        return names;
    }

    private static List<List<int>> Clashes(string[] names) =>
        Enumerable.Range(0, names.Length).GroupBy(i => names[i]).Where(g => g.Count() > 1).Select(g => g.ToList()).ToList();

    [System.Text.RegularExpressions.GeneratedRegex(@"\W")]
    private static partial System.Text.RegularExpressions.Regex FastApiNonWord();

    /// <summary>"create_conversation" / "interaction-complete" / "LLMConfig" → "CreateConversation" / "InteractionComplete" / "LlmConfig".</summary>
    public static string Pascal(string text)
    {
        var builder = new StringBuilder();
        foreach (var word in Words(text))
        {
            builder.Append(char.ToUpperInvariant(word[0]));
            builder.Append(word.AsSpan(1).ToString().ToLowerInvariant());
        }
        if (builder.Length == 0) return "Value";
        if (char.IsDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }

    /// <summary>
    /// Splits on any non-alphanumeric character and on case changes ("LLMConfig" → "LLM", "Config";
    /// "GenerateToolParams" → "Generate", "Tool", "Params"); digits stay attached to the word before them.
    /// </summary>
    public static IEnumerable<string> Words(string text)
    {
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (current.Length > 0) { yield return current.ToString(); current.Clear(); }
                continue;
            }
            if (current.Length > 0 && char.IsUpper(c))
            {
                var previous = current[^1];
                var nextIsLower = i + 1 < text.Length && char.IsLower(text[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }
            current.Append(c);
        }
        if (current.Length > 0) yield return current.ToString();
    }
}

/// <summary>Naming helpers that keep the casing a spec author chose.</summary>
public static class TypeNaming
{
    /// <summary>"create_conversation" → "CreateConversation"; "LLMConfig" stays "LLMConfig"; "ChangeToolCandidatesAction-Output" → "ChangeToolCandidatesActionOutput".</summary>
    public static string PascalKeepCase(string text)
    {
        var words = Naming.Words(text).Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
        var joined = string.Concat(words);
        if (joined.Length == 0) return "Value";
        return char.IsDigit(joined[0]) ? "_" + joined : joined;
    }

    /// <summary>"actions" → "Action", "queries" → "Query"; naive, for naming the item type of a list.</summary>
    public static string Singular(string word) =>
        word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.EndsWith("ses", StringComparison.Ordinal) ? word[..^2]
        : word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;
}
