using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// Newline-delimited JSON responses carry many events, but a generator reads a response body as one value.
/// Such responses become a raw binary stream (NSwag's FileResponse, read unbuffered) and keep the event schema
/// under <c>x-amigo-stream-item</c> for the façade and the docs.
/// </summary>
public static class StreamingResponses
{
    private static readonly string[] StreamingMediaTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "text/event-stream"];

    public static void Run(JObject document)
    {
        foreach (var (operation, _, _, _) in SchemaWalker.Operations(document))
        foreach (var response in (operation["responses"] as JObject)?.Properties() ?? [])
        foreach (var media in (response.Value["content"] as JObject)?.Properties() ?? [])
        {
            if (!StreamingMediaTypes.Contains(media.Name, StringComparer.OrdinalIgnoreCase)) continue;
            var content = (JObject)media.Value;
            var item = content["schema"];
            content["schema"] = new JObject { ["type"] = "string", ["format"] = "binary" };
            if (item is JObject itemSchema)
            {
                itemSchema.Remove("type");
                content["x-amigo-stream-item"] = itemSchema;
            }
            operation["x-amigo-streaming"] = media.Name;
        }
    }
}
