#if !NET5_0_OR_GREATER
using System.Diagnostics.CodeAnalysis;

namespace Amigo.Compatibility;

/// <summary>netstandard2.0: the key of a typed entry in <see cref="HttpRequestMessage.Properties"/>.</summary>
internal readonly struct HttpRequestOptionsKey<TValue>(string key)
{
    public string Key { get; } = key;
}

/// <summary>netstandard2.0: a typed view of <see cref="HttpRequestMessage.Properties"/>, as <c>Options</c> is on .NET 5+.</summary>
internal readonly struct HttpRequestOptionsView(IDictionary<string, object> properties)
{
    public bool TryGetValue<TValue>(HttpRequestOptionsKey<TValue> key, [MaybeNullWhen(false)] out TValue value)
    {
        if (properties.TryGetValue(key.Key, out var stored) && stored is TValue typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }

    public void Set<TValue>(HttpRequestOptionsKey<TValue> key, TValue value) => properties[key.Key] = value!;
}

internal static class RequestOptionsCompatibility
{
    extension(HttpRequestMessage request)
    {
        /// <summary>The request's typed options, kept in its <see cref="HttpRequestMessage.Properties"/>.</summary>
        public HttpRequestOptionsView Options => new(request.Properties);
    }
}
#endif
