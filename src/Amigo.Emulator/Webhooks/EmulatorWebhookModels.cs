using Newtonsoft.Json.Linq;

namespace Amigo.Emulator;

/// <summary>The <c>WebhookType</c> values of the spec: what a destination can accept.</summary>
public static class EmulatorWebhookTypes
{
    /// <summary><c>conversation-post-processing-complete</c>: sent after finish-conversation, once per post-processing step.</summary>
    public const string ConversationPostProcessingComplete = "conversation-post-processing-complete";

    /// <summary><c>api-key-expiration-soon</c> (the emulator sends it only through <see cref="EmulatorWebhooks.Publish"/>).</summary>
    public const string ApiKeyExpirationSoon = "api-key-expiration-soon";

    /// <summary><c>agent-framework-resource-updated</c> (the emulator sends it only through <see cref="EmulatorWebhooks.Publish"/>).</summary>
    public const string AgentFrameworkResourceUpdated = "agent-framework-resource-updated";

    /// <summary>All three.</summary>
    public static IReadOnlyList<string> All { get; } = [ConversationPostProcessingComplete, ApiKeyExpirationSoon, AgentFrameworkResourceUpdated];
}

/// <summary>A webhook destination (the spec's <c>WebhookDestination</c>). The secret is never part of it.</summary>
/// <param name="Id">The destination id (24 hex characters).</param>
/// <param name="Url">Where deliveries are POSTed.</param>
/// <param name="SecretGeneratedAt">When the current secret was generated.</param>
/// <param name="RetryAttempts">How many times a failed delivery is retried (after the first attempt).</param>
/// <param name="AcceptedTypes">The webhook types it receives.</param>
public sealed record EmulatorWebhookDestination(string Id, Uri Url, DateTimeOffset SecretGeneratedAt, int RetryAttempts,
    IReadOnlyList<string> AcceptedTypes);

/// <summary>A created destination and its secret (the create-webhook-destination response).</summary>
/// <param name="WebhookDestinationId">The new destination's id.</param>
/// <param name="Secret">The secret deliveries are signed with; shown once.</param>
public sealed record EmulatorWebhookSecret(string WebhookDestinationId, string Secret)
{
    /// <summary>Keeps the secret out of logs and test output.</summary>
    /// <returns>The destination id only.</returns>
    public override string ToString() => $"EmulatorWebhookSecret {{ WebhookDestinationId = {WebhookDestinationId}, Secret = *** }}";
}

/// <summary>A rotated secret (the rotate-webhook-destination-secret response).</summary>
/// <param name="Secret">The new secret.</param>
/// <param name="DualSigningStopsAt">Until then, deliveries carry signatures under both the old and the new secret.</param>
public sealed record EmulatorRotatedWebhookSecret(string Secret, DateTimeOffset DualSigningStopsAt)
{
    /// <summary>Keeps the secret out of logs and test output.</summary>
    /// <returns>The end of dual signing only.</returns>
    public override string ToString() => $"EmulatorRotatedWebhookSecret {{ Secret = ***, DualSigningStopsAt = {DualSigningStopsAt:O} }}";
}

/// <summary>One webhook delivery and its attempts (the spec's <c>WebhookDeliveryInstance</c>, plus the destination and
/// the idempotency key).</summary>
/// <param name="Id">The delivery id.</param>
/// <param name="WebhookDestinationId">The destination it goes to.</param>
/// <param name="IdempotencyKey">The <c>x-amigo-idempotent-key</c> every attempt carries.</param>
/// <param name="Type">The webhook type.</param>
/// <param name="WebhookContent">The body (a copy).</param>
/// <param name="Status"><c>success</c> once an attempt got a 2xx; <c>failed</c> until then (the spec has no pending
/// state) and for good when the attempts are used up.</param>
/// <param name="DeliveryAttempts">The attempts so far, oldest first.</param>
/// <param name="DualSigned">Whether an attempt was signed with two secrets.</param>
/// <param name="CreatedAt">When the delivery was created.</param>
/// <param name="IsFinished">Whether the emulator is done with it (delivered, attempts used up, or destination deleted).</param>
public sealed record EmulatorWebhookDelivery(string Id, string WebhookDestinationId, string IdempotencyKey, string Type,
    JObject WebhookContent, string Status, IReadOnlyList<EmulatorWebhookDeliveryAttempt> DeliveryAttempts, bool DualSigned,
    DateTimeOffset CreatedAt, bool IsFinished);

/// <summary>One attempt of a delivery (the spec's <c>DeliveryAttempt</c>).</summary>
/// <param name="DeliveryTime">When it was made.</param>
/// <param name="StatusCode">The receiver's HTTP status, or 0 when no response arrived (connection failed, timed out,
/// or lost by a <see cref="WebhookDeliveryFaultKind.ResponseLost"/> fault).</param>
public sealed record EmulatorWebhookDeliveryAttempt(DateTimeOffset DeliveryTime, int StatusCode);
