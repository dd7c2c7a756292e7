using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// Removes header parameters that belong to the HTTP transport rather than to the API (Content-Type,
/// WebSocket negotiation, ...): HttpClient sets them itself, and exposing them lets callers break the request
/// (a caller-set Content-Type drops the multipart boundary).
/// </summary>
public static class TransportHeaders
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "content-length", "accept", "accept-encoding", "authorization", "host", "connection",
        "transfer-encoding", "upgrade", "user-agent", "cookie",
    };

    public static void Run(JObject document)
    {
        foreach (var (operation, _, _, _) in SchemaWalker.Operations(document))
        {
            if (operation["parameters"] is not JArray parameters) continue;
            foreach (var parameter in parameters.Children<JObject>().ToList())
            {
                if ((string?)parameter["in"] != "header") continue;
                var name = (string?)parameter["name"] ?? "";
                if (Reserved.Contains(name) || name.StartsWith("sec-websocket-", StringComparison.OrdinalIgnoreCase))
                    parameter.Remove();
            }
        }
    }
}
