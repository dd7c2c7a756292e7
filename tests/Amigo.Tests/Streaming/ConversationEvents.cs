using Amigo.Generated;
using Newtonsoft.Json;

namespace Amigo.Tests.Streaming;

/// <summary>Realistic conversation event lines, as the API streams them.</summary>
internal static class ConversationEvents
{
    public const string MessageId = "65f1c0ffee0123456789abc2";
    public const string InteractionId = "65f1c0ffee0123456789abc3";

    public static string Created(string conversationId) =>
        $$"""{"type":"conversation-created","conversation_id":"{{conversationId}}"}""";

    public static string UserMessage(string text) =>
        JsonConvert.SerializeObject(new { type = "user-message-available", message_id = "65f1c0ffee0123456789abc1", user_message = text });

    public static string ActionTooLong(string filler) =>
        JsonConvert.SerializeObject(new
        {
            type = "current-agent-action",
            action = new { type = "action-too-long", filler, previously_started_event = new { type = "tool-call-started" } },
        });

    public const string FragmentAction =
        """{"type":"current-agent-action","action":{"type":"engage-user-message-fragment-generated","index":0,"fragment":"Hel","is_final":false}}""";

    public const string UnknownAction =
        """{"type":"current-agent-action","action":{"type":"dance-started","style":"salsa"}}""";

    public const string UnknownEvent =
        """{"type":"agent-mood-changed","mood":"cheerful","at":"2024-05-01T12:30:00Z"}""";

    public static string TextPiece(string text, int sequence, bool stop = false) =>
        JsonConvert.SerializeObject(new
        {
            type = "new-message", message = text, transcript_alignment = (object?)null, stop, sequence_number = sequence,
            message_id = MessageId,
        });

    public static string VoicePiece(byte[] pcm, object[][]? alignment, int sequence, bool stop = false) =>
        JsonConvert.SerializeObject(new
        {
            type = "new-message", message = Convert.ToBase64String(pcm), transcript_alignment = alignment, stop,
            sequence_number = sequence, message_id = MessageId,
        });

    public static string Complete(string fullMessage, bool conversationCompleted = false) =>
        JsonConvert.SerializeObject(new
        {
            type = "interaction-complete", message_id = MessageId, interaction_id = InteractionId, full_message = fullMessage,
            conversation_completed = conversationCompleted,
        });

    public static string Error(int code, string description) =>
        JsonConvert.SerializeObject(new { type = "error", http_error_code = code, error_description = description });

    public static ConversationEventStream Stream(
        HttpClient client, Format responseFormat = Format.Text, AmigoStreamOptions? options = null) =>
        ConversationEventStream.Create(
            "interact-with-conversation",
            responseFormat,
            token => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "interact"), HttpCompletionOption.ResponseHeadersRead, token),
            options ?? new AmigoStreamOptions(),
            CancellationToken.None);
}
