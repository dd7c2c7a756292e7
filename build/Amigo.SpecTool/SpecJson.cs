using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool;

/// <summary>Reads and writes the spec's JSON exactly: strings that look like dates stay strings, files are LF UTF-8.</summary>
public static class SpecJson
{
    public static JObject Parse(string json, string origin)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader) as JObject ?? throw new SpecToolException($"'{origin}' is not a JSON object.");
        }
        catch (JsonReaderException e)
        {
            throw new SpecToolException($"'{origin}' is not valid JSON: {e.Message}");
        }
    }

    /// <summary>A JSON pointer segment as the name it stands for (<c>a~1b</c> → <c>a/b</c>), URL-decoded.</summary>
    public static string PointerSegment(string escaped) => Uri.UnescapeDataString(escaped).Replace("~1", "/").Replace("~0", "~");

    public static JObject ReadFile(string path, string origin) => Parse(File.ReadAllText(path), origin);

    /// <summary>The form every file under openapi/ is written in.</summary>
    public static string Format(JToken value) => value.ToString(Formatting.Indented).Replace("\r\n", "\n") + "\n";

    /// <summary>Writes <paramref name="content"/> only if it differs, so an unchanged file keeps its timestamp; true if written.</summary>
    public static bool WriteIfChanged(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        if (File.Exists(path) && File.ReadAllText(path) == content) return false;
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return true;
    }
}
