using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.State;

internal sealed class ServiceRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> VersionSets { get; init; }
    public required string AgentId { get; init; }
    public required string StateMachineId { get; init; }
}

internal sealed class UserRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
}

internal sealed class TokenRecord
{
    public required string OrganizationId { get; init; }
    public required string UserId { get; init; }
    public required DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class ConversationRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string UserId { get; init; }
    public required string ServiceId { get; init; }
    public required string VersionSetName { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public bool IsFinished { get; set; }
    public bool IsAnalyzed { get; set; }
    public bool StreamInFlight { get; set; }
    public Dictionary<string, string?> Tags { get; init; } = new(StringComparer.Ordinal);
    public List<MessageRecord> Messages { get; } = [];
    public List<InteractionRecord> Interactions { get; } = [];
}

internal sealed class MessageRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string InteractionId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Sender { get; init; }
    public required string Text { get; init; }
    public required string Format { get; init; }
    public required string MessageType { get; init; }
}

internal sealed class InteractionRecord
{
    public required string Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string AgentMessageId { get; init; }
    public required string StateName { get; init; }
    public required IReadOnlyList<JObject> Actions { get; init; }
    public (string SetId, int Version)? TriggeredSet { get; init; }
}

internal sealed class DynamicBehaviorSetRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string Name { get; set; }
    public bool IsActive { get; set; }
    public List<string> AppliedToServices { get; set; } = [];
    public Dictionary<string, string?> Tags { get; set; } = new(StringComparer.Ordinal);
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatorUserId { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedByUserId { get; set; }
    public List<DynamicBehaviorSetVersionRecord> Versions { get; } = [];
    public List<InvocationRecord> Invocations { get; } = [];
    public DynamicBehaviorSetVersionRecord Latest => Versions[^1];
}

internal sealed class DynamicBehaviorSetVersionRecord
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required IReadOnlyList<string> ConversationTriggers { get; init; }
    public required JArray Actions { get; init; }
    public required string CreatorUserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

internal sealed class InvocationRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string ConversationId { get; init; }
    public required string ServiceId { get; init; }
    public required string UserId { get; init; }
    public required string InitialMessageId { get; init; }
    public required string? AgentMessageId { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset InvokedAt { get; init; }
    public IReadOnlyList<string> ExternalEventMessageIds { get; init; } = [];
}

internal sealed class WebhookDestinationRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required Uri Url { get; init; }
    public required string Secret { get; set; }
    public required DateTimeOffset SecretGeneratedAt { get; set; }
    public string? PreviousSecret { get; set; }
    public DateTimeOffset? DualSigningStopsAt { get; set; }
    public required int RetryAttempts { get; set; }
    public required List<string> AcceptedTypes { get; set; }
    public List<WebhookDeliveryRecord> Deliveries { get; } = [];
}

internal sealed class WebhookDeliveryRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string DestinationId { get; init; }
    public required string IdempotencyKey { get; init; }
    public required string Type { get; init; }
    public required JObject Content { get; init; }
    public required byte[] Body { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = WebhookDeliveryRecord.Failed;
    public bool DualSigned { get; set; }
    public bool Finished { get; set; }
    public List<(DateTimeOffset DeliveryTime, int StatusCode)> Attempts { get; } = [];

    public const string Succeeded = "success";
    public const string Failed = "failed";
}
