using System.Net;

namespace Amigo;

internal static partial class AmigoTransport
{
#if NET5_0_OR_GREATER
    private static HttpMessageHandler CreatePlatformDefault() => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AllowAutoRedirect = false,
        MaxResponseDrainSize = 0,
    };

    private static bool FollowsRedirects(HttpMessageHandler? handler) => handler switch
    {
        SocketsHttpHandler sockets => sockets.AllowAutoRedirect,
        HttpClientHandler client => client.AllowAutoRedirect,
        _ => false,
    };
#else
    // netstandard2.0: HttpClientHandler (on .NET it wraps SocketsHttpHandler; on .NET Framework it is the platform's).
    private static HttpMessageHandler CreatePlatformDefault() => new HttpClientHandler
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        AllowAutoRedirect = false,
    };

    // A SocketsHttpHandler (when this build runs on .NET) is not visible at compile time: read its property.
    private static bool FollowsRedirects(HttpMessageHandler? handler) => handler switch
    {
        HttpClientHandler client => client.AllowAutoRedirect,
        null => false,
        _ => handler.GetType().GetProperty(nameof(HttpClientHandler.AllowAutoRedirect))?.GetValue(handler) is true,
    };
#endif

    /// <summary>Content types the runtime makes that hold their bytes, so they can be sent again.</summary>
    internal static bool IsBufferedContent(HttpContent content) => content switch
    {
        ByteArrayContent => true,
#if NET5_0_OR_GREATER
        ReadOnlyMemoryContent => true,
        System.Net.Http.Json.JsonContent => true,
        _ => false,
#else
        // Made by the runtime this build runs on (.NET), not visible to netstandard2.0 at compile time.
        _ => content.GetType().FullName is "System.Net.Http.ReadOnlyMemoryContent" or "System.Net.Http.Json.JsonContent",
#endif
    };
}
