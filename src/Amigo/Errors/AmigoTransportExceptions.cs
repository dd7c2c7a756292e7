using System.Net.Http;

namespace Amigo;

/// <summary>The request could not be completed because of a network failure (DNS, connect, TLS, connection reset...).</summary>
public sealed class AmigoNetworkException : AmigoException
{
    /// <summary>Creates the exception, for example in a test of code that handles it.</summary>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="error">The kind of network failure.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
#if NET8_0_OR_GREATER
    public
#else
    internal
#endif
    AmigoNetworkException(string operation, HttpRequestError error, Exception? innerException = null)
        : base($"Amigo operation {operation} failed because of a network error ({Describe(error)}).", innerException)
    {
        Operation = operation;
        Error = error;
    }

    /// <summary>The operation that failed, for example <c>get-conversations</c>.</summary>
    public string Operation { get; }

    /// <summary>The kind of network failure, as classified by <see cref="HttpClient"/> (.NET 8 and later).</summary>
#if NET8_0_OR_GREATER
    public HttpRequestError Error { get; }
#else
    internal HttpRequestError Error { get; }
#endif

    /// <summary>True if the request never reached the server (name resolution or connect failure).</summary>
    public bool RequestNeverSent => Error is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError;

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "the connection could not be established",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ResponseEnded => "the server closed the connection before the response ended",
        HttpRequestError.InvalidResponse => "the server sent an invalid HTTP response",
        HttpRequestError.ProxyTunnelError => "the proxy tunnel failed",
        _ => "the request could not be sent or the response could not be read",
    };
}

/// <summary>The request (one attempt, or a whole call including retries) took longer than the configured timeout.</summary>
public sealed class AmigoTimeoutException : AmigoException
{
    /// <summary>Creates the exception, for example in a test of code that handles it.</summary>
    /// <param name="operation">The operation that timed out.</param>
    /// <param name="timeout">The timeout that elapsed.</param>
    /// <param name="what">What did not complete, for example <c>the request</c>.</param>
    /// <param name="innerException">The underlying cancellation, if any.</param>
    public AmigoTimeoutException(string operation, TimeSpan timeout, string what = "the request", Exception? innerException = null)
        : base($"Amigo operation {operation} timed out: {what} did not complete within {timeout.TotalSeconds:0.###} s.", innerException)
    {
        Operation = operation;
        Timeout = timeout;
    }

    /// <summary>The operation that timed out.</summary>
    public string Operation { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>The server answered with a success status, but its body could not be decoded into the expected type.</summary>
public sealed class AmigoDecodeException : AmigoException
{
    /// <summary>Creates the exception, for example in a test of code that handles it.</summary>
    /// <param name="operation">The operation whose response could not be decoded.</param>
    /// <param name="statusCode">The status of the response.</param>
    /// <param name="problem">What was wrong with the body.</param>
    /// <param name="innerException">The parser's failure, if any.</param>
    public AmigoDecodeException(string operation, int statusCode, string problem, Exception? innerException = null)
        : this(operation, statusCode, innerException, $"Amigo operation {operation} returned HTTP {statusCode}, but the response body could not be decoded: {problem}")
    {
    }

    private AmigoDecodeException(string operation, int statusCode, Exception? innerException, string message)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
    }

    internal static AmigoDecodeException UnexpectedStatus(string operation, int statusCode, int documented) => new(
        operation, statusCode, null,
        $"Amigo operation {operation} returned HTTP {statusCode}, but the API documents HTTP {documented} for it, so the response cannot be interpreted.");

    /// <summary>The operation whose response could not be decoded.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status code of the undecodable response.</summary>
    public int StatusCode { get; }
}

/// <summary>A setting of <see cref="AmigoClientOptions"/> (or its environment variable) is missing or invalid.</summary>
public sealed class AmigoConfigurationException : AmigoException
{
    /// <summary>Creates the exception, for example in a test of code that handles it.</summary>
    /// <param name="setting">The offending setting, for example <c>OrganizationId</c>.</param>
    /// <param name="message">What is wrong with it.</param>
    public AmigoConfigurationException(string setting, string message) : base(message)
    {
        Setting = setting;
    }

    /// <summary>The name of the offending setting, for example <c>OrganizationId</c> or <c>AMIGO_API_KEY</c>.</summary>
    public string Setting { get; }
}

/// <summary>
/// The server answered with a redirect the client does not follow: any redirect of sign-in, or one that leaves the
/// configured origin (another host or port, or from https to http). Credentials are only ever sent to the configured
/// origin, so the request was not repeated at <see cref="TargetOrigin"/>.
/// </summary>
public sealed class AmigoRedirectException : AmigoException
{
    /// <summary>Creates the exception, for example in a test of code that handles it.</summary>
    /// <param name="operation">The operation that was redirected.</param>
    /// <param name="statusCode">The redirect status.</param>
    /// <param name="targetOrigin">The origin the redirect pointed to.</param>
    /// <param name="reason">Why the client did not follow it.</param>
    public AmigoRedirectException(string operation, int statusCode, string targetOrigin, string reason)
        : base($"Amigo operation {operation} answered HTTP {statusCode} with a redirect to {targetOrigin}, which the client does not follow: {reason}.")
    {
        Operation = operation;
        StatusCode = statusCode;
        TargetOrigin = targetOrigin;
    }

    /// <summary>The operation that was redirected.</summary>
    public string Operation { get; }

    /// <summary>The redirect status (301, 302, 303, 307 or 308).</summary>
    public int StatusCode { get; }

    /// <summary>The origin (scheme, host and port) the redirect pointed to; the rest of the target is left out.</summary>
    public string TargetOrigin { get; }
}

/// <summary>
/// A response body was larger than <see cref="AmigoClientOptions.MaxResponseBodySize"/>. The client stopped reading
/// it there and closed the connection.
/// </summary>
public sealed class AmigoResponseTooLargeException : AmigoException
{
    /// <summary>Creates the exception, for example in a test of code that handles it.</summary>
    /// <param name="operation">The operation whose response was too large.</param>
    /// <param name="statusCode">The status of the response.</param>
    /// <param name="limit">The limit, in bytes.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public AmigoResponseTooLargeException(string operation, int statusCode, long limit, Exception? innerException = null)
        : base($"Amigo operation {operation} returned HTTP {statusCode} with a body larger than {limit:N0} bytes, the limit set by AmigoClientOptions.MaxResponseBodySize; the client stopped reading it and closed the connection.", innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        Limit = limit;
    }

    /// <summary>The operation whose response was too large.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status code of the response.</summary>
    public int StatusCode { get; }

    /// <summary>The limit that was exceeded, in bytes.</summary>
    public long Limit { get; }
}
