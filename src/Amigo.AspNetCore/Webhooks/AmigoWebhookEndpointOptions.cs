using Amigo.Webhooks;

namespace Amigo.AspNetCore.Webhooks;

/// <summary>
/// How an endpoint mapped by <c>MapAmigoWebhooks</c> receives deliveries: the verification settings it inherits
/// (<see cref="AmigoWebhookOptions.Secrets"/> is required), the body size cap, and deduplication.
/// </summary>
public sealed class AmigoWebhookEndpointOptions : AmigoWebhookOptions
{
    /// <summary>The default <see cref="MaxBodySize"/>: 256 KiB (Amigo's events are well under 1 KiB).</summary>
    public const long DefaultMaxBodySize = 256 * 1024;

    /// <summary>The largest body read; a bigger one is answered 413 without being verified.</summary>
    public long MaxBodySize { get; set; } = DefaultMaxBodySize;

    /// <summary>Where handled idempotency keys are remembered; an <see cref="InMemoryAmigoWebhookDeduplicationStore"/>
    /// per endpoint when null. Use a shared store when several instances receive webhooks.</summary>
    public IAmigoWebhookDeduplicationStore? DeduplicationStore { get; set; }

    /// <summary>How long a handled key is remembered (24 hours by default; Amigo's retries span about a minute).</summary>
    public TimeSpan DeduplicationRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an unfinished claim blocks duplicates if the handler never finishes (5 minutes by default);
    /// keep it longer than your handler can take.</summary>
    public TimeSpan HandlerLease { get; set; } = TimeSpan.FromMinutes(5);
}
