using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests.Support;

/// <summary>The normalized spec the generated assembly was built from (embedded in it by the build). Found through a
/// public type, so that suites without access to the generated internals can link this file.</summary>
internal static class MergedSpec
{
    private static readonly Lazy<JObject> Document = new(() =>
    {
        using var stream = typeof(CreateConversationRequest).Assembly.GetManifestResourceStream("Amigo.Generated.amigo.openapi.json")
            ?? throw new InvalidOperationException("The merged spec is not embedded in Amigo.Generated.");
        using var reader = new StreamReader(stream);
        return JObject.Parse(reader.ReadToEnd());
    });

    public static JObject Value => Document.Value;

    public static JObject Schemas => (JObject)Value["components"]!["schemas"]!;

    public static IEnumerable<(string BaseName, string Discriminator, IReadOnlyDictionary<string, string> Mapping, string Fallback)> Unions() =>
        Schemas.Properties()
            .Where(p => p.Value["x-amigo-union"] is not null)
            .Select(p =>
            {
                var union = p.Value["x-amigo-union"]!;
                var mapping = ((JObject)union["mapping"]!).Properties().ToDictionary(m => m.Name, m => (string)m.Value!);
                return (p.Name, (string)union["discriminator"]!, (IReadOnlyDictionary<string, string>)mapping, (string)union["fallback"]!);
            });

    public static Type GeneratedType(string name) =>
        typeof(CreateConversationRequest).Assembly.GetType("Amigo.Generated." + name)
        ?? throw new AssertionException($"The generated assembly has no type '{name}'.");
}
