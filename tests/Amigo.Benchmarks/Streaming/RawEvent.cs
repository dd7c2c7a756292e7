using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amigo.Benchmarks.Streaming;

/// <summary>
/// What a hand-written System.Text.Json client reads each event into: one flat class with every field of the events
/// in the benchmark mixes, the action and alignment left as <see cref="JsonElement"/>s.
/// </summary>
public sealed class RawEvent
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("message_id")] public string? MessageId { get; set; }
    [JsonPropertyName("stop")] public bool Stop { get; set; }
    [JsonPropertyName("sequence_number")] public int SequenceNumber { get; set; }
    [JsonPropertyName("transcript_alignment")] public List<JsonElement[]>? TranscriptAlignment { get; set; }
    [JsonPropertyName("user_message")] public string? UserMessage { get; set; }
    [JsonPropertyName("interaction_id")] public string? InteractionId { get; set; }
    [JsonPropertyName("full_message")] public string? FullMessage { get; set; }
    [JsonPropertyName("conversation_completed")] public bool ConversationCompleted { get; set; }
    [JsonPropertyName("action")] public JsonElement? Action { get; set; }
}

/// <summary>
/// The raw client's metadata, generated at compile time: what a NativeAOT build of it uses, where System.Text.Json's
/// reflection-based serializer is off.
/// </summary>
[JsonSerializable(typeof(RawEvent))]
public sealed partial class RawEventContext : JsonSerializerContext;
