namespace Amigo;

/// <summary>The SDK's default transport, and what it requires of a custom one.</summary>
internal static partial class AmigoTransport
{
    /// <summary>
    /// The default transport (per framework, in Compatibility/Transport.cs): pooled connections recycled every few minutes so DNS changes are picked up; redirects
    /// are left to <see cref="RedirectHandler"/>. A response disposed before its end closes its connection at once
    /// instead of draining it: non-streamed bodies are always read whole, so only a failure leaves one unread (a
    /// stream that was abandoned, a body over the size limit, compression that broke), and reading on would keep the
    /// connection busy for nothing.
    /// </summary>
    public static HttpMessageHandler CreateDefault() => CreatePlatformDefault();

    /// <summary>
    /// Refuses a transport (or the handler at the end of a chain of delegating handlers) that follows redirects
    /// itself: it would send the sign-in headers to wherever a redirect points.
    /// </summary>
    /// <exception cref="AmigoConfigurationException">The transport follows redirects.</exception>
    public static void RequireNoAutoRedirect(HttpMessageHandler? transport)
    {
        var handler = transport;
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        var follows = FollowsRedirects(handler);
        if (follows)
        {
            throw new AmigoConfigurationException("Transport",
                $"The transport ({handler!.GetType().Name}) follows redirects itself. Set AllowAutoRedirect = false: the client follows " +
                "redirects on its own, and only within the configured origin, so that credentials never leave it.");
        }
    }

    /// <summary>The origin of <paramref name="uri"/>: scheme, host and port, for example <c>https://api.amigo.ai</c>.</summary>
    public static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    /// <summary>Whether <paramref name="uri"/> has the same scheme, host and port as <paramref name="origin"/>.</summary>
    public static bool SameOrigin(Uri uri, Uri origin) =>
        uri.IsAbsoluteUri
        && string.Equals(uri.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == origin.Port;
}
