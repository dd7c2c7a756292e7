using Amigo.Generated;
using Newtonsoft.Json;

namespace Amigo;

/// <summary>
/// The two ways the client reads the API's JSON: tolerant (the default: values that do not match the spec are
/// decoded anyway and reported, see <see cref="AmigoDecodeIssues"/>) and strict (<see cref="AmigoClientOptions.StrictDecoding"/>:
/// any mismatch fails). Both use the generated <see cref="AmigoJsonSettings"/>; the tolerant serializer adds the error
/// handler of <see cref="DecodeIssueCollector"/>.
/// </summary>
internal static class AmigoJsonDecoding
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializer, object> TolerantSerializers = new();

    public static JsonSerializer Strict { get; } = JsonSerializer.Create(AmigoJsonSettings.Create());

    public static JsonSerializer Tolerant { get; } = CreateTolerant(AmigoJsonSettings.Create());

    public static JsonSerializer For(bool strict) => strict ? Strict : Tolerant;

    /// <summary>A serializer with <paramref name="settings"/> that decodes tolerantly while a <see cref="DecodeIssueCollector"/> is active.</summary>
    public static JsonSerializer CreateTolerant(JsonSerializerSettings settings)
    {
        settings.Error += DecodeIssueCollector.OnError;
        var serializer = JsonSerializer.Create(settings);
        TolerantSerializers.Add(serializer, TolerantSerializers);
        return serializer;
    }

    /// <summary>Whether <paramref name="serializer"/> was made by <see cref="CreateTolerant"/>.</summary>
    public static bool IsTolerant(JsonSerializer serializer) => TolerantSerializers.TryGetValue(serializer, out _);
}
