#if !NET8_0_OR_GREATER
using System.Net.Sockets;
using System.Reflection;
using System.Security.Authentication;

namespace Amigo.Compatibility;

/// <summary>netstandard2.0: the values of .NET 8's <c>System.Net.Http.HttpRequestError</c>, same names and numbers.</summary>
internal enum HttpRequestError
{
    Unknown = 0,
    NameResolutionError,
    ConnectionError,
    SecureConnectionError,
    HttpProtocolError,
    ExtendedConnectNotSupported,
    VersionNegotiationError,
    UserAuthenticationError,
    ProxyTunnelError,
    InvalidResponse,
    ResponseEnded,
    ConfigurationLimitExceeded,
}

internal static class HttpRequestErrorCompatibility
{
    // On .NET 8+ (a netstandard2.0 build loaded there) the runtime classifies the failure itself.
    private static readonly PropertyInfo? RuntimeProperty = typeof(HttpRequestException).GetProperty("HttpRequestError");

    extension(HttpRequestException exception)
    {
        /// <summary>The kind of failure: the runtime's when it has one, else read from the inner exception.</summary>
        public HttpRequestError HttpRequestError => RuntimeProperty?.GetValue(exception) is { } value
            ? (HttpRequestError)Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
            : Classify(exception.InnerException);
    }

    private static HttpRequestError Classify(Exception? inner)
    {
        for (var current = inner; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return HttpRequestError.NameResolutionError;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut }:
                    return HttpRequestError.ConnectionError;
                case AuthenticationException:
                    return HttpRequestError.SecureConnectionError;
                case IOException or SocketException:
                    return HttpRequestError.ResponseEnded;
            }
        }

        return HttpRequestError.Unknown;
    }
}
#endif
