using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amigo.SpecTool.Normalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.CodeEmission;

/// <summary>
/// Writes the internal table of every operation (id, method, path template, success status, the per-minute rate
/// limit its 429 response documents, whether its body streams), so the façade's pipeline never keeps a hand-written copy.
/// </summary>
public static partial class OperationTableWriter
{
    [GeneratedRegex(@"rate limit of (?<limit>\d+) requests? per minute", RegexOptions.IgnoreCase)]
    private static partial Regex RateLimit();

    public static string Write(JObject document)
    {
        var code = new StringBuilder();
        code.AppendLine("""
            /// <summary>One operation of the spec, as the façade's HTTP pipeline needs it.</summary>
            /// <param name="Id">The operation's stable name (see the spec tool's operation naming).</param>
            /// <param name="Method">The HTTP method, upper case.</param>
            /// <param name="PathTemplate">The path with its {parameters}.</param>
            /// <param name="SuccessStatus">The success status the spec documents (the lowest, if several).</param>
            /// <param name="RequestsPerMinute">The per-minute rate limit its 429 response documents, if any.</param>
            /// <param name="StreamsResponse">True when the success body is read as it arrives, never buffered: a stream of events, or a file.</param>
            internal readonly record struct AmigoOperationInfo(string Id, string Method, string PathTemplate, int? SuccessStatus, int? RequestsPerMinute, bool StreamsResponse);

            /// <summary>Every operation of the spec, generated from it.</summary>
            internal static class AmigoOperationTable
            {
                public static readonly AmigoOperationInfo[] All =
                [
            """);
        foreach (var (operation, id, path, method) in SchemaWalker.Operations(document).OrderBy(o => o.OperationId, StringComparer.Ordinal))
        {
            var responses = (operation["responses"] as JObject)?.Properties().Select(p => p.Name).ToList() ?? [];
            var success = responses.Where(r => r.Length == 3 && r[0] == '2' && int.TryParse(r, out _)).Select(int.Parse).Order().Cast<int?>().FirstOrDefault();
            var limit = RequestsPerMinute(operation);
            var streams = operation["x-amigo-streaming"] is not null || operation["x-amigo-binary"] is not null;
            code.AppendLine($"        new({Literal(id)}, {Literal(method.ToUpperInvariant())}, {Literal(path)}, {Number(success)}, {Number(limit)}, {(streams ? "true" : "false")}),");
        }
        code.AppendLine("    ];");
        code.AppendLine("}");
        return code.ToString();
    }

    /// <summary>The per-minute rate limit the operation's 429 response documents, if any.</summary>
    public static int? RequestsPerMinute(JObject operation) =>
        RateLimit().Match((string?)operation["responses"]?["429"]?["description"] ?? "") is { Success: true } match
            ? int.Parse(match.Groups["limit"].Value, CultureInfo.InvariantCulture)
            : null;

    private static string Literal(string value) => JsonConvert.ToString(value);

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";
}
