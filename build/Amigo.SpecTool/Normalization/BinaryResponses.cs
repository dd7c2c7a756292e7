using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// A response body whose media type is not JSON (not <c>application/json</c> nor <c>+json</c>) and whose schema is a
/// string, or absent, is a file (an archive, for example), even when the spec leaves out <c>format: binary</c>; read as
/// JSON text it cannot decode. Such a schema becomes <c>format: binary</c>, so the generator reads the body as an
/// unbuffered stream (NSwag's FileResponse), and the operation is marked <c>x-amigo-binary</c> with the media type,
/// for the façade (which returns it as an <c>AmigoFileResponse</c>) and the pipeline (which does not buffer it).
/// Runs after <see cref="StreamingResponses"/>, whose event streams are not files.
/// </summary>
public static class BinaryResponses
{
    public static void Run(JObject document)
    {
        foreach (var (operation, _, _, _) in SchemaWalker.Operations(document))
        {
            if (operation["x-amigo-streaming"] is not null) continue;
            foreach (var response in (operation["responses"] as JObject)?.Properties() ?? [])
            foreach (var media in (response.Value["content"] as JObject)?.Properties() ?? [])
            {
                if (IsJson(media.Name) || media.Value is not JObject content) continue;
                if (content["schema"] is JObject schema && ((string?)schema["type"] != "string" || schema["$ref"] is not null || schema["enum"] is not null)) continue;
                content["schema"] = new JObject { ["type"] = "string", ["format"] = "binary" };
                if (response.Name.StartsWith('2'))
                    operation["x-amigo-binary"] = media.Name;
            }
        }
    }

    /// <summary>Whether a media type carries JSON: <c>application/json</c>, or any <c>…+json</c> type.</summary>
    public static bool IsJson(string mediaType)
    {
        var bare = mediaType.Split(';')[0].Trim();
        return bare.Equals("application/json", StringComparison.OrdinalIgnoreCase) || bare.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
