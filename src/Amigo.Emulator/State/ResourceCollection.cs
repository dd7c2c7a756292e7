using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.State;

/// <summary>The items of one stateful resource (agents, API keys, metrics, roles, services, users…) as the spec's
/// item JSON, in creation order, with each item's versions. Call under the store's lock.</summary>
internal sealed class ResourceCollection
{
    private readonly List<JObject> _items = [];

    public IReadOnlyList<JObject> Items => _items;

    public Dictionary<JObject, List<JObject>> Versions { get; } = new(ReferenceEqualityComparer.Instance);

    public void Add(JObject item) => _items.Add(item);

    public bool Remove(JObject item)
    {
        Versions.Remove(item);
        return _items.Remove(item);
    }

    public JObject? Find(string field, string value) =>
        _items.FirstOrDefault(i => i[field] is JValue { Type: JTokenType.String } v && (string)v! == value);

    public List<JObject> VersionsOf(JObject item)
    {
        if (!Versions.TryGetValue(item, out var versions))
        {
            versions = [];
            Versions[item] = versions;
        }

        return versions;
    }
}
