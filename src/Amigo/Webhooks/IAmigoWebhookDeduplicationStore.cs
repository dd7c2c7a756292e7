namespace Amigo.Webhooks;

/// <summary>
/// Remembers which deliveries (by <c>x-amigo-idempotent-key</c>) were handled, so a retried delivery is acted on once.
/// A receiver claims a key before handling, marks it handled after, and releases it when handling failed so the next
/// retry can succeed. <see cref="InMemoryAmigoWebhookDeduplicationStore"/> serves one process; implement this over a
/// shared store (a database row with a unique key, Redis <c>SET NX PX</c>) when several instances receive webhooks.
/// Implementations must be thread-safe and make <see cref="TryClaimAsync"/> atomic.
/// </summary>
public interface IAmigoWebhookDeduplicationStore
{
    /// <summary>Claims a key for handling, atomically.</summary>
    /// <param name="idempotencyKey">The delivery's idempotency key.</param>
    /// <param name="lease">How long the claim blocks duplicates if it is never marked handled nor released (a crashed
    /// receiver); afterwards the key can be claimed again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="AmigoWebhookClaim.Claimed"/> when the caller should handle the delivery now; otherwise
    /// whether it was already handled or is being handled.</returns>
    ValueTask<AmigoWebhookClaim> TryClaimAsync(string idempotencyKey, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks a claimed key handled: duplicates are answered without handling for <paramref name="retention"/>.</summary>
    /// <param name="idempotencyKey">The delivery's idempotency key.</param>
    /// <param name="retention">How long to remember it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the mark is stored.</returns>
    ValueTask MarkHandledAsync(string idempotencyKey, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>Releases a claim whose handling failed, so a retry of the delivery is handled.</summary>
    /// <param name="idempotencyKey">The delivery's idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the claim is released.</returns>
    ValueTask ReleaseAsync(string idempotencyKey, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of <see cref="IAmigoWebhookDeduplicationStore.TryClaimAsync"/>.</summary>
public enum AmigoWebhookClaim
{
    /// <summary>The key is now claimed by the caller: handle the delivery, then mark it handled or release it.</summary>
    Claimed,

    /// <summary>Another request holds the claim and has not finished: answer with a non-2xx status so Amigo retries
    /// later, when the outcome is known.</summary>
    InProgress,

    /// <summary>The delivery was handled already: answer 2xx without handling it again.</summary>
    AlreadyHandled,
}
