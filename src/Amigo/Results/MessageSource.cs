using Newtonsoft.Json.Linq;

namespace Amigo;

/// <summary>
/// The raw source of a message that did not originate as text (for example the audio of a voice message), as
/// returned by <see cref="ConversationsResource.GetMessageSourceAsync"/>. The spec does not describe the body's shape, so
/// it is kept as <see cref="Json"/>; <see cref="Url"/> reads the source URL out of the usual shapes.
/// </summary>
public sealed class MessageSource
{
    internal MessageSource(JToken json)
    {
        Json = json;
        Url = FindUrl(json);
    }

    /// <summary>The response body as the server sent it.</summary>
    public JToken Json { get; }

    /// <summary>
    /// The URL of the source, if the body is an absolute URL string or an object with an absolute URL in a
    /// <c>url</c> property; null otherwise. Short-lived unless <c>longLived</c> was requested (12 hours).
    /// </summary>
    public Uri? Url { get; }

    /// <summary>Describes the source without its signed URL (which grants access).</summary>
    public override string ToString() => Url is null ? $"MessageSource({Json.Type})" : $"MessageSource({Url.GetLeftPart(UriPartial.Path)})";

    private static Uri? FindUrl(JToken json)
    {
        var candidate = json switch
        {
            JValue { Type: JTokenType.String } value => (string?)value,
            JObject obj => obj["url"] is JValue { Type: JTokenType.String } url ? (string?)url : null,
            _ => null,
        };

        return candidate is not null && Uri.TryCreate(candidate, UriKind.Absolute, out var uri) ? uri : null;
    }
}
