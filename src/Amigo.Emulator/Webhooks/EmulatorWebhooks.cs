using System.Text;
using Amigo.Emulator.Operations;
using Amigo.Emulator.State;
using Amigo.Emulator.Webhooks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator;

/// <summary>
/// The emulator's webhook destinations and deliveries (<see cref="AmigoEmulator.Webhooks"/>): the state behind the
/// spec's Webhook Destination operations, driven directly. After finish-conversation, every destination that accepts
/// <c>conversation-post-processing-complete</c> receives one signed event per post-processing step
/// (<see cref="EmulatorWebhookOptions.PostProcessingTypes"/>), retried on failure. Thread-safe.
/// </summary>
/// <remarks>
/// Methods fail like the API would: <see cref="ArgumentException"/> for what the API answers 422,
/// <see cref="KeyNotFoundException"/> for 404, and <see cref="InvalidOperationException"/> (with the API's message) for 400.
/// Unlike the API, plain <c>http://</c> URLs are accepted, so a local receiver needs no TLS certificate.
/// </remarks>
public sealed class EmulatorWebhooks
{
    private readonly EmulatorStore _store;
    private readonly AmigoEmulatorOptions _options;
    private readonly WebhookDeliveryEngine _engine;

    internal EmulatorWebhooks(EmulatorStore store, AmigoEmulatorOptions options, FaultInjector faults)
    {
        _store = store;
        _options = options;
        _engine = new WebhookDeliveryEngine(store, options, faults);
    }

    /// <summary>How many deliveries are still being attempted or waiting to retry.</summary>
    public int ActiveDeliveries => _engine.Active;

    /// <summary>Registers a destination (create-webhook-destination) and returns its id and secret.</summary>
    /// <param name="url">Where deliveries are POSTed: an absolute <c>https://</c> or <c>http://</c> URL.</param>
    /// <param name="acceptedTypes">The webhook types it receives, from <see cref="EmulatorWebhookTypes"/>.</param>
    /// <param name="retryAttempts">How many times a failed delivery is retried, 1 to 5 (3 by default).</param>
    /// <returns>The id and the secret deliveries are signed with.</returns>
    /// <exception cref="ArgumentException">The URL, a type, or the retry count is invalid.</exception>
    /// <exception cref="InvalidOperationException">The organization already has the maximum number of destinations.</exception>
    public EmulatorWebhookSecret CreateDestination(Uri url, IEnumerable<string> acceptedTypes, int retryAttempts = 3)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The webhook destination URL must be an absolute https:// (or, in the emulator, http://) URL.", nameof(url));
        }

        var types = CheckTypes(acceptedTypes);
        CheckRetryAttempts(retryAttempts);
        lock (_store.Gate)
        {
            if (_store.WebhookDestinations.Count >= _options.Webhooks.MaxDestinations)
            {
                throw new InvalidOperationException("The organization already has the maximum amount of webhook destinations defined.");
            }

            var destination = new WebhookDestinationRecord
            {
                Id = _store.NewId(),
                Sequence = _store.NextSequence(),
                Url = url,
                Secret = WebhookSigner.NewSecret(),
                SecretGeneratedAt = _store.Now,
                RetryAttempts = retryAttempts,
                AcceptedTypes = types,
            };
            _store.WebhookDestinations[destination.Id] = destination;
            return new EmulatorWebhookSecret(destination.Id, destination.Secret);
        }
    }

    /// <summary>The destinations (get_webhook_destinations), oldest first.</summary>
    /// <param name="ids">Only these ids, or all when null or empty.</param>
    /// <returns>The destinations.</returns>
    public IReadOnlyList<EmulatorWebhookDestination> ListDestinations(IEnumerable<string>? ids = null)
    {
        var wanted = ids?.ToHashSet(StringComparer.Ordinal);
        lock (_store.Gate)
        {
            return [.. _store.WebhookDestinations.Values
                .Where(d => wanted is null || wanted.Count == 0 || wanted.Contains(d.Id))
                .OrderBy(d => d.Sequence)
                .Select(d => new EmulatorWebhookDestination(d.Id, d.Url, d.SecretGeneratedAt, d.RetryAttempts, [.. d.AcceptedTypes]))];
        }
    }

    /// <summary>Changes a destination (update-webhook-destination); a null argument leaves its field as it is.
    /// Deliveries created afterwards use the new settings.</summary>
    /// <param name="id">The destination id.</param>
    /// <param name="retryAttempts">The new retry count, 1 to 5.</param>
    /// <param name="acceptedTypes">The new accepted types.</param>
    /// <exception cref="ArgumentException">A type or the retry count is invalid.</exception>
    /// <exception cref="KeyNotFoundException">No such destination.</exception>
    public void UpdateDestination(string id, int? retryAttempts = null, IEnumerable<string>? acceptedTypes = null)
    {
        var types = acceptedTypes is null ? null : CheckTypes(acceptedTypes);
        if (retryAttempts is int retries)
        {
            CheckRetryAttempts(retries);
        }

        lock (_store.Gate)
        {
            var destination = Find(id);
            destination.RetryAttempts = retryAttempts ?? destination.RetryAttempts;
            destination.AcceptedTypes = types ?? destination.AcceptedTypes;
        }
    }

    /// <summary>Removes a destination (delete-webhook-destination); its pending retries stop.</summary>
    /// <param name="id">The destination id.</param>
    /// <exception cref="KeyNotFoundException">No such destination.</exception>
    public void DeleteDestination(string id)
    {
        lock (_store.Gate)
        {
            _store.WebhookDestinations.Remove(Find(id).Id);
        }
    }

    /// <summary>Replaces a destination's secret (rotate-webhook-destination-secret). Until
    /// <see cref="EmulatorRotatedWebhookSecret.DualSigningStopsAt"/> (<see cref="EmulatorWebhookOptions.DualSigningPeriod"/>
    /// from now) every attempt carries two signatures, comma-separated in <c>x-amigo-request-signature</c>: the new
    /// secret's first, then the old one's.</summary>
    /// <param name="id">The destination id.</param>
    /// <returns>The new secret and when dual signing stops.</returns>
    /// <exception cref="KeyNotFoundException">No such destination.</exception>
    /// <exception cref="InvalidOperationException">The secret was generated less than
    /// <see cref="EmulatorWebhookOptions.MinimumRotationInterval"/> ago.</exception>
    public EmulatorRotatedWebhookSecret RotateSecret(string id)
    {
        lock (_store.Gate)
        {
            var destination = Find(id);
            var now = _store.Now;
            if (now - destination.SecretGeneratedAt < _options.Webhooks.MinimumRotationInterval)
            {
                throw new InvalidOperationException("The frequency of secret rotation is limited to once per hour.");
            }

            destination.PreviousSecret = destination.Secret;
            destination.Secret = WebhookSigner.NewSecret();
            destination.SecretGeneratedAt = now;
            destination.DualSigningStopsAt = now + _options.Webhooks.DualSigningPeriod;
            return new EmulatorRotatedWebhookSecret(destination.Secret, destination.DualSigningStopsAt.Value);
        }
    }

    /// <summary>A destination's deliveries (get-webhook-deliveries), oldest first.</summary>
    /// <param name="destinationId">The destination id.</param>
    /// <returns>The deliveries and their attempts so far.</returns>
    /// <exception cref="KeyNotFoundException">No such destination.</exception>
    public IReadOnlyList<EmulatorWebhookDelivery> GetDeliveries(string destinationId)
    {
        lock (_store.Gate)
        {
            return [.. Find(destinationId).Deliveries.Select(d => new EmulatorWebhookDelivery(
                d.Id, d.DestinationId, d.IdempotencyKey, d.Type, (JObject)d.Content.DeepClone(), d.Status,
                [.. d.Attempts.Select(a => new EmulatorWebhookDeliveryAttempt(a.DeliveryTime, a.StatusCode))],
                d.DualSigned, d.CreatedAt, d.Finished))];
        }
    }

    /// <summary>Sends an event to every destination that accepts its <c>type</c>, as the API does when something
    /// happens (for example an <c>api-key-expiration-soon</c> event).</summary>
    /// <param name="content">The body; its <c>type</c> picks the destinations.</param>
    /// <returns>The ids of the deliveries created, one per destination.</returns>
    public IReadOnlyList<string> Publish(JObject content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var type = TypeOf(content);
        lock (_store.Gate)
        {
            return [.. _store.WebhookDestinations.Values
                .Where(d => d.AcceptedTypes.Contains(type, StringComparer.Ordinal))
                .OrderBy(d => d.Sequence)
                .ToList()
                .Select(d => Deliver(d, content))];
        }
    }

    /// <summary>Sends any JSON object to one destination, whatever its accepted types: for testing how a receiver
    /// handles types it does not know.</summary>
    /// <param name="destinationId">The destination id.</param>
    /// <param name="content">The body.</param>
    /// <returns>The delivery id.</returns>
    /// <exception cref="KeyNotFoundException">No such destination.</exception>
    public string Send(string destinationId, JObject content)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_store.Gate)
        {
            return Deliver(Find(destinationId), content);
        }
    }

    /// <summary>Completes when no delivery is being attempted or waiting to retry (at once if none is).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when <see cref="ActiveDeliveries"/> is zero.</returns>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default) => _engine.Idle.WaitAsync(cancellationToken);

    /// <summary>The get_webhook_destinations response body.</summary>
    internal JObject ListDestinationsJson(IReadOnlyCollection<string> ids)
    {
        lock (_store.Gate)
        {
            return new JObject
            {
                ["webhook_destinations"] = new JArray(_store.WebhookDestinations.Values
                    .Where(d => ids.Count == 0 || ids.Contains(d.Id))
                    .OrderBy(d => d.Sequence)
                    .Select(Views.WebhookDestination)),
            };
        }
    }

    /// <summary>The get-webhook-deliveries response body: the destination's deliveries filtered, sorted (by
    /// <c>created_at</c> when <paramref name="sortBy"/> is empty) and paged; null when there is no such destination.</summary>
    internal JObject? GetDeliveriesJson(string destinationId, string? status, string? type, DateTimeOffset? createdAfter,
        DateTimeOffset? createdBefore, IReadOnlyList<(string Field, bool Descending)> sortBy, int continuationToken, int limit)
    {
        lock (_store.Gate)
        {
            if (!_store.WebhookDestinations.TryGetValue(destinationId, out var destination))
            {
                return null;
            }

            var matching = destination.Deliveries.Where(d =>
                (status is null || d.Status == status) &&
                (type is null || d.Type == type) &&
                (createdAfter is null || d.CreatedAt >= createdAfter) &&
                (createdBefore is null || d.CreatedAt <= createdBefore));
            var sorted = Views.Sort(matching, sortBy, (d, field) => field switch
            {
                "type" => d.Type,
                "status" => d.Status,
                _ => d.CreatedAt,
            }, ("created_at", false), d => d.Sequence);
            return Views.Page("webhook_deliveries", sorted, continuationToken, limit, Views.WebhookDelivery);
        }
    }

    /// <summary>The create-webhook-destination response body.</summary>
    internal static JObject CreatedJson(EmulatorWebhookSecret created) =>
        new() { ["webhook_destination_id"] = created.WebhookDestinationId, ["secret"] = created.Secret };

    /// <summary>The rotate-webhook-destination-secret response body.</summary>
    internal static JObject RotatedJson(EmulatorRotatedWebhookSecret rotated) =>
        new() { ["secret"] = rotated.Secret, ["dual_signing_stops_at"] = EmulatorStore.Iso(rotated.DualSigningStopsAt) };

    /// <summary>Stops every delivery (pending retries included) and releases the delivery connections.</summary>
    internal ValueTask StopAsync() => _engine.DisposeAsync();

    /// <summary>Announces the post-processing steps of a finished conversation.</summary>
    internal void ConversationFinished(string conversationId)
    {
        foreach (var step in _options.Webhooks.PostProcessingTypes)
        {
            Publish(new JObject
            {
                ["type"] = EmulatorWebhookTypes.ConversationPostProcessingComplete,
                ["post_processing_type"] = step,
                ["conversation_id"] = conversationId,
                ["org_id"] = _store.OrganizationId,
            });
        }
    }

    /// <summary>Creates a delivery and starts it. Call under the store's lock.</summary>
    private string Deliver(WebhookDestinationRecord destination, JObject content)
    {
        var copy = (JObject)content.DeepClone();
        var delivery = new WebhookDeliveryRecord
        {
            Id = _store.NewId(),
            Sequence = _store.NextSequence(),
            DestinationId = destination.Id,
            IdempotencyKey = Guid.NewGuid().ToString(),
            Type = TypeOf(copy),
            Content = copy,
            Body = Encoding.UTF8.GetBytes(copy.ToString(Formatting.None)),
            CreatedAt = _store.Now,
        };
        destination.Deliveries.Add(delivery);
        _engine.Start(delivery);
        return delivery.Id;
    }

    private WebhookDestinationRecord Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _store.WebhookDestinations.TryGetValue(id, out var destination)
            ? destination
            : throw new KeyNotFoundException($"Webhook destination '{id}' not found.");
    }

    private static string TypeOf(JObject content) => content["type"] is JValue { Type: JTokenType.String } type ? (string)type! : "";

    private static List<string> CheckTypes(IEnumerable<string> acceptedTypes)
    {
        ArgumentNullException.ThrowIfNull(acceptedTypes);
        var types = acceptedTypes.ToList();
        foreach (var type in types)
        {
            if (!EmulatorWebhookTypes.All.Contains(type, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Unknown webhook type '{type}'. Expected one of: {string.Join(", ", EmulatorWebhookTypes.All)}.", nameof(acceptedTypes));
            }
        }

        return types;
    }

    private static void CheckRetryAttempts(int retryAttempts)
    {
        if (retryAttempts is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(retryAttempts), retryAttempts, "The retry attempts must be between 1 and 5.");
        }
    }
}
