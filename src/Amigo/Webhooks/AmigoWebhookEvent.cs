using Newtonsoft.Json.Linq;

namespace Amigo.Webhooks;

/// <summary>
/// A verified webhook delivery from Amigo, typed by its <c>type</c>: <see cref="ConversationPostProcessingCompleteEvent"/>,
/// or <see cref="UnknownAmigoWebhookEvent"/> for a type this SDK version does not know. Only
/// <see cref="AmigoWebhookVerifier"/> creates events, so an event in hand has passed verification.
/// </summary>
public abstract class AmigoWebhookEvent
{
    private protected AmigoWebhookEvent(string type, JObject rawJson, string idempotencyKey, DateTimeOffset timestamp)
    {
        Type = type;
        RawJson = rawJson;
        IdempotencyKey = idempotencyKey;
        Timestamp = timestamp;
    }

    /// <summary>The <c>type</c> of the event, for example <c>conversation-post-processing-complete</c> (empty when the
    /// body has none).</summary>
    public string Type { get; }

    /// <summary>The <c>x-amigo-idempotent-key</c> of the delivery: the same for every retry of it, so use it to act
    /// on each delivery once.</summary>
    public string IdempotencyKey { get; }

    /// <summary>When Amigo sent this attempt (the signed <c>x-amigo-request-timestamp</c>).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The whole body as JSON, including fields this SDK version does not model.</summary>
    public JObject RawJson { get; }

    /// <summary>The type and idempotency key.</summary>
    /// <returns>For example <c>conversation-post-processing-complete (key 1f2e...)</c>.</returns>
    public override string ToString() => $"{Type} (key {IdempotencyKey})";
}

/// <summary>Post-processing of a finished conversation completed one step (<c>conversation-post-processing-complete</c>).</summary>
public sealed class ConversationPostProcessingCompleteEvent : AmigoWebhookEvent
{
    /// <summary>The wire value of <see cref="AmigoWebhookEvent.Type"/>.</summary>
    public const string EventType = "conversation-post-processing-complete";

    internal ConversationPostProcessingCompleteEvent(JObject rawJson, string idempotencyKey, DateTimeOffset timestamp,
        PostProcessingType postProcessingType, string conversationId, string organizationId)
        : base(EventType, rawJson, idempotencyKey, timestamp)
    {
        PostProcessingType = postProcessingType;
        ConversationId = conversationId;
        OrganizationId = organizationId;
    }

    /// <summary>Which step finished (<c>post_processing_type</c>).</summary>
    public PostProcessingType PostProcessingType { get; }

    /// <summary>The conversation (<c>conversation_id</c>).</summary>
    public string ConversationId { get; }

    /// <summary>The organization (<c>org_id</c>).</summary>
    public string OrganizationId { get; }

    /// <summary>The step and conversation.</summary>
    /// <returns>For example <c>conversation-post-processing-complete extract-memories for 6650... (key ...)</c>.</returns>
    public override string ToString() => $"{Type} {PostProcessingType} for {ConversationId} (key {IdempotencyKey})";
}

/// <summary>
/// A verified event whose <c>type</c> this SDK version does not know (for example <c>api-key-expiration-soon</c>), or a
/// known type missing a field it needs. Its JSON is in <see cref="AmigoWebhookEvent.RawJson"/>.
/// </summary>
public sealed class UnknownAmigoWebhookEvent : AmigoWebhookEvent
{
    internal UnknownAmigoWebhookEvent(string type, JObject rawJson, string idempotencyKey, DateTimeOffset timestamp)
        : base(type, rawJson, idempotencyKey, timestamp)
    {
    }
}
