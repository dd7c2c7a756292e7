using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Webhooks;

/// <summary>Turns a verified body into a typed event. Internal: the only way in is through the verifier.</summary>
internal static class AmigoWebhookEventReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses <paramref name="body"/>; null with <paramref name="problem"/> set when it is not a JSON object.</summary>
    public static AmigoWebhookEvent? Read(ReadOnlySpan<byte> body, string idempotencyKey, DateTimeOffset timestamp, out string? problem)
    {
        JObject json;
        try
        {
            using var reader = new JsonTextReader(new StringReader(StrictUtf8.GetString(body)))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = 64,
            };
            if (JToken.ReadFrom(reader) is not JObject parsed)
            {
                problem = "The body is JSON but not an object.";
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    problem = "The body has content after its JSON object.";
                    return null;
                }
            }

            json = parsed;
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            problem = e is DecoderFallbackException ? "The body is not valid UTF-8." : $"The body is not valid JSON: {e.Message}";
            return null;
        }

        problem = null;
        var type = json["type"] is JValue { Type: JTokenType.String } value ? (string)value! : "";
        return type switch
        {
            ConversationPostProcessingCompleteEvent.EventType when
                Text(json, "post_processing_type") is { } step &&
                Text(json, "conversation_id") is { } conversationId &&
                Text(json, "org_id") is { } organizationId =>
                new ConversationPostProcessingCompleteEvent(json, idempotencyKey, timestamp, new PostProcessingType(step), conversationId, organizationId),
            _ => new UnknownAmigoWebhookEvent(type, json, idempotencyKey, timestamp),
        };
    }

    private static string? Text(JObject json, string name) => json[name] is JValue { Type: JTokenType.String } value ? (string)value! : null;
}
