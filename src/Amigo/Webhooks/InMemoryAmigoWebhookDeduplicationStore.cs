namespace Amigo.Webhooks;

/// <summary>
/// An <see cref="IAmigoWebhookDeduplicationStore"/> in process memory: right for a single instance, lost on restart.
/// Expired claims and marks are swept as new keys arrive. Thread-safe.
/// </summary>
public sealed class InMemoryAmigoWebhookDeduplicationStore : IAmigoWebhookDeduplicationStore
{
    private const int SweepEvery = 256;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _claimsSinceSweep;

    /// <summary>A store on the system clock, or on <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock expiries are measured on; the system clock when null.</param>
    public InMemoryAmigoWebhookDeduplicationStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>How many keys are remembered (claimed or handled, expired ones not yet swept included).</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<AmigoWebhookClaim> TryClaimAsync(string idempotencyKey, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var now = _time.GetUtcNow();
        lock (_entries)
        {
            if (++_claimsSinceSweep >= SweepEvery)
            {
                Sweep(now);
            }

            if (_entries.TryGetValue(idempotencyKey, out var entry) && entry.ExpiresAt > now)
            {
                return ValueTask.FromResult(entry.Handled ? AmigoWebhookClaim.AlreadyHandled : AmigoWebhookClaim.InProgress);
            }

            _entries[idempotencyKey] = new Entry(Handled: false, now + lease);
            return ValueTask.FromResult(AmigoWebhookClaim.Claimed);
        }
    }

    /// <inheritdoc />
    public ValueTask MarkHandledAsync(string idempotencyKey, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var expiresAt = _time.GetUtcNow() + retention;
        lock (_entries)
        {
            _entries[idempotencyKey] = new Entry(Handled: true, expiresAt);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        lock (_entries)
        {
            if (_entries.TryGetValue(idempotencyKey, out var entry) && !entry.Handled)
            {
                _entries.Remove(idempotencyKey);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Sweep(DateTimeOffset now)
    {
        _claimsSinceSweep = 0;
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    private readonly record struct Entry(bool Handled, DateTimeOffset ExpiresAt);
}
