using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.State;

/// <summary>
/// All in-memory state of one emulator. Every read or write of the collections happens under <see cref="Gate"/>;
/// streams never hold the lock while writing to the network.
/// </summary>
internal sealed class EmulatorStore(string organizationId, TimeProvider time)
{
    private long _sequence;

    public object Gate { get; } = new();
    public string OrganizationId { get; } = organizationId;
    public TimeProvider Time { get; } = time;

    public Dictionary<string, ServiceRecord> Services { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, UserRecord> Users { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> ApiKeys { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, TokenRecord> Tokens { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ConversationRecord> Conversations { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DynamicBehaviorSetRecord> Sets { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JToken> MetricValues { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, WebhookDestinationRecord> WebhookDestinations { get; } = new(StringComparer.Ordinal);

    /// <summary>The stateful resources kept as the spec's JSON, by resource name.</summary>
    public Dictionary<string, ResourceCollection> Resources { get; } = new(StringComparer.Ordinal);

    /// <summary>Set by delete-organization, cleared by create-organization.</summary>
    public bool OrganizationDeleted { get; set; }

    public ResourceCollection Resource(string name)
    {
        if (!Resources.TryGetValue(name, out var collection))
        {
            collection = new ResourceCollection();
            Resources[name] = collection;
        }

        return collection;
    }

    public DateTimeOffset Now => Time.GetUtcNow();

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public string NewId() => ObjectIds.New(Now);

    public string UserName(string userId) => Users.TryGetValue(userId, out var user) ? user.Name : userId;

    /// <summary>Formats a timestamp the way the API (pydantic) does: ISO 8601, UTC, microseconds, <c>Z</c>.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
