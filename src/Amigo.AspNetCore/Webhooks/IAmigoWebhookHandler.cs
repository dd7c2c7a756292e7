using Amigo.Webhooks;

namespace Amigo.AspNetCore.Webhooks;

/// <summary>Handles verified Amigo webhook events; registered with dependency injection and mapped with
/// <c>MapAmigoWebhooks&lt;THandler&gt;</c>. Resolved from the request's scope for each delivery.</summary>
public interface IAmigoWebhookHandler
{
    /// <summary>Acts on one verified, not-yet-handled event. Return to have the delivery answered 2xx; throw to have
    /// it answered 500 and retried by Amigo.</summary>
    /// <param name="webhookEvent">The event: switch on <see cref="ConversationPostProcessingCompleteEvent"/>, and let
    /// <see cref="UnknownAmigoWebhookEvent"/> through (or log it).</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    Task HandleAsync(AmigoWebhookEvent webhookEvent, CancellationToken cancellationToken);
}
