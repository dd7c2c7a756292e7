using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Extraction;

/// <summary>
/// Pulls the per-operation OpenAPI documents out of the API's published docs: every "## " section of a
/// docs page embeds one OpenAPI document in a fenced json block. Each is written to
/// <c>&lt;out&gt;/&lt;tag&gt;/&lt;operationId&gt;.json</c>.
/// </summary>
public static partial class DocsExtractor
{
    [GeneratedRegex(@"^```json[ \t]*\r?\n(?<json>.*?)\r?\n```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex JsonFence();

    public static IReadOnlyList<string> Extract(string docsDirectory, string outputDirectory)
    {
        if (!Directory.Exists(docsDirectory))
            throw new SpecToolException($"The docs folder '{docsDirectory}' does not exist.");

        var written = new List<string>();
        foreach (var file in Directory.EnumerateFiles(docsDirectory, "*.txt").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var sections = Regex.Split(text, @"^## ", RegexOptions.Multiline).Skip(1);
            foreach (var section in sections)
            {
                var title = section.Split('\n', 2)[0].Trim();
                var match = JsonFence().Match(section);
                if (!match.Success) continue;

                JObject document;
                try
                {
                    document = JObject.Parse(match.Groups["json"].Value);
                }
                catch (JsonReaderException e)
                {
                    throw new SpecToolException($"{Path.GetFileName(file)}, section '{title}': the embedded OpenAPI document is not valid JSON ({e.Message}).");
                }

                foreach (var (tag, operationId) in Operations(document, file, title))
                {
                    var folder = Path.Combine(outputDirectory, Naming.Kebab(tag));
                    Directory.CreateDirectory(folder);
                    var path = Path.Combine(folder, operationId + ".json");
                    File.WriteAllText(path, document.ToString(Formatting.Indented) + "\n", new UTF8Encoding(false));
                    written.Add(path);
                }
            }
        }
        return written;
    }

    private static IEnumerable<(string Tag, string OperationId)> Operations(JObject document, string file, string title)
    {
        if (document["paths"] is not JObject paths || !paths.HasValues)
            throw new SpecToolException($"{Path.GetFileName(file)}, section '{title}': the embedded document has no paths.");
        foreach (var path in paths.Properties())
        foreach (var operation in ((JObject)path.Value).Properties())
        {
            var operationId = (string?)operation.Value["operationId"]
                ?? throw new SpecToolException($"{Path.GetFileName(file)}, section '{title}': {operation.Name.ToUpperInvariant()} {path.Name} has no operationId.");
            var tag = (string?)operation.Value["tags"]?.FirstOrDefault() ?? "default";
            yield return (tag, operationId);
        }
    }
}
