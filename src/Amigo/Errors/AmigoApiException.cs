using System.Net;

namespace Amigo;

/// <summary>
/// The Amigo API answered with an error status (or reported one inside an event stream).
/// Catch a subclass for a specific status, or this type for any API error.
/// </summary>
public class AmigoApiException : AmigoException
{
    /// <summary>Creates an API exception. Prefer <see cref="Create(int, string?, string?)"/>, which picks the subclass matching the status.</summary>
    public AmigoApiException(int statusCode, string message, AmigoErrorDetails? details = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Details = details ?? AmigoErrorDetails.Empty;
    }

    /// <summary>The HTTP status code of the failed response (or the <c>http_error_code</c> of an in-stream error).</summary>
    public int StatusCode { get; }

    /// <summary>Everything known about the failed response: parsed body, headers, request id and operation.</summary>
    public AmigoErrorDetails Details { get; }

    /// <summary>The <c>detail</c> message from the error body, or the description of an in-stream error, if any.</summary>
    public string? Detail => Details.Detail;

    /// <summary>The validation errors from a FastAPI-style <c>{"detail":[{"loc":..,"msg":..,"type":..}]}</c> body (empty if none).</summary>
    public IReadOnlyList<AmigoFieldError> FieldErrors => Details.FieldErrors;

    /// <summary>The response headers (empty for in-stream errors).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers => Details.Headers;

    /// <summary>The request id the server assigned (<c>x-request-id</c> and similar headers), if present.</summary>
    public string? RequestId => Details.RequestId;

    /// <summary>The operation that failed, for example <c>get-conversations</c>.</summary>
    public string? Operation => Details.Operation;

    /// <summary>
    /// Creates the <see cref="AmigoApiException"/> subclass that matches <paramref name="statusCode"/>. Used for
    /// in-stream error events (<c>http_error_code</c> and <c>error_description</c>) and by custom transports.
    /// </summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="description">A human-readable description of the error, if any.</param>
    /// <param name="operation">The operation that failed, for example <c>interact-with-conversation</c>.</param>
    public static AmigoApiException Create(int statusCode, string? description, string? operation = null)
    {
        var details = new AmigoErrorDetails(
            detail: string.IsNullOrWhiteSpace(description) ? null : description,
            fieldErrors: [],
            headers: AmigoErrorDetails.Empty.Headers,
            requestId: null,
            operation: operation,
            bodyKind: AmigoErrorBodyKind.InStreamEvent,
            body: null);
        return Create(statusCode, details, retryAfter: null, rateLimit: null);
    }

    internal static AmigoApiException Create(int statusCode, AmigoErrorDetails details, TimeSpan? retryAfter, AmigoRateLimitInfo? rateLimit)
    {
        var message = BuildMessage(statusCode, details);
        return statusCode switch
        {
            400 => new AmigoBadRequestException(message, details),
            401 => new AmigoAuthenticationException(message, details),
            403 => new AmigoPermissionDeniedException(message, details),
            404 => new AmigoNotFoundException(message, details),
            408 => new AmigoRequestTimeoutException(message, details),
            409 => new AmigoConflictException(message, details),
            415 => new AmigoUnsupportedMediaTypeException(message, details),
            422 => new AmigoValidationException(message, details),
            429 => new AmigoRateLimitedException(message, details, retryAfter, rateLimit),
            503 => new AmigoServiceUnavailableException(message, details),
            >= 500 and <= 599 => new AmigoServerException(statusCode, message, details),
            _ => new AmigoApiException(statusCode, message, details),
        };
    }

    private static string BuildMessage(int statusCode, AmigoErrorDetails details)
    {
        var reason = Enum.IsDefined(typeof(HttpStatusCode), statusCode)
            ? " " + ReasonPhrase((HttpStatusCode)statusCode)
            : string.Empty;
        var where = details.Operation is null ? "The Amigo API" : $"Amigo operation {details.Operation}";
        var text = details.BodyKind == AmigoErrorBodyKind.InStreamEvent
            ? $"{where} reported HTTP {statusCode}{reason} inside the event stream"
            : $"{where} failed with HTTP {statusCode}{reason}";

        if (details.Detail is not null)
        {
            text += ": " + details.Detail;
        }
        else if (details.FieldErrors.Count == 0)
        {
            text += details.BodyKind switch
            {
                AmigoErrorBodyKind.Empty => " (empty response body)",
                AmigoErrorBodyKind.Html => " (the body was an HTML page, likely from a proxy or gateway)",
                AmigoErrorBodyKind.Text => " (the body was not JSON)",
                AmigoErrorBodyKind.Json => " (the JSON body had no 'detail')",
                _ => string.Empty,
            };
        }

        if (details.FieldErrors.Count > 0)
        {
            text += (details.Detail is null ? ": " : "; ") + string.Join("; ", details.FieldErrors.Select(e => e.ToString()));
        }

        if (details.RequestId is not null)
        {
            text += $" (request id {details.RequestId})";
        }

        return text.EndsWith('.') ? text : text + ".";
    }

    private static string ReasonPhrase(HttpStatusCode code)
    {
        var name = code.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append(' ');
            }

            builder.Append(name[i]);
        }

        return builder.ToString();
    }
}

/// <summary>HTTP 400: the request was malformed or not acceptable to the operation.</summary>
public sealed class AmigoBadRequestException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it (see <see cref="AmigoModelFactory.ErrorDetails"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    public AmigoBadRequestException(string message, AmigoErrorDetails? details = null) : base(400, message, details) { }
}

/// <summary>HTTP 401: the credentials were missing, invalid or expired (after one automatic refresh where possible).</summary>
public sealed class AmigoAuthenticationException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it (see <see cref="AmigoModelFactory.ErrorDetails"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    public AmigoAuthenticationException(string message, AmigoErrorDetails? details = null) : base(401, message, details) { }
}

/// <summary>HTTP 403: the user lacks the permissions the operation requires.</summary>
public sealed class AmigoPermissionDeniedException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it (see <see cref="AmigoModelFactory.ErrorDetails"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    public AmigoPermissionDeniedException(string message, AmigoErrorDetails? details = null) : base(403, message, details) { }
}

/// <summary>HTTP 404: the organization or resource does not exist.</summary>
public sealed class AmigoNotFoundException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it (see <see cref="AmigoModelFactory.ErrorDetails"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    public AmigoNotFoundException(string message, AmigoErrorDetails? details = null) : base(404, message, details) { }
}

/// <summary>HTTP 408: the server timed out waiting for the request (for example an upload stream that stalled).</summary>
public sealed class AmigoRequestTimeoutException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it (see <see cref="AmigoModelFactory.ErrorDetails"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    public AmigoRequestTimeoutException(string message, AmigoErrorDetails? details = null) : base(408, message, details) { }
}

/// <summary>HTTP 409: the resource is in a state that conflicts with the request (for example a finished conversation).</summary>
public sealed class AmigoConflictException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it (see <see cref="AmigoModelFactory.ErrorDetails"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    public AmigoConflictException(string message, AmigoErrorDetails? details = null) : base(409, message, details) { }
}

/// <summary>HTTP 415: the media type of the request (for example an audio format) is not supported.</summary>
public sealed class AmigoUnsupportedMediaTypeException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it (see <see cref="AmigoModelFactory.ErrorDetails"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    public AmigoUnsupportedMediaTypeException(string message, AmigoErrorDetails? details = null) : base(415, message, details) { }
}

/// <summary>HTTP 422: a path parameter, query parameter or body field failed validation. See <see cref="AmigoApiException.FieldErrors"/>.</summary>
public sealed class AmigoValidationException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it (see <see cref="AmigoModelFactory.ErrorDetails"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    public AmigoValidationException(string message, AmigoErrorDetails? details = null) : base(422, message, details) { }
}

/// <summary>HTTP 429: a rate limit was exceeded. <see cref="RetryAfter"/> says how long the server asked to wait.</summary>
public sealed class AmigoRateLimitedException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    /// <param name="retryAfter">How long the server asked to wait, if it said.</param>
    /// <param name="rateLimit">The <c>X-RateLimit-*</c> values, if any (see <see cref="AmigoModelFactory.RateLimitInfo"/>).</param>
    public AmigoRateLimitedException(string message, AmigoErrorDetails? details = null, TimeSpan? retryAfter = null, AmigoRateLimitInfo? rateLimit = null)
        : base(429, message, details)
    {
        RetryAfter = retryAfter;
        RateLimit = rateLimit;
    }

    /// <summary>How long the server asked to wait (<c>Retry-After</c>, seconds or HTTP-date form), if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The <c>X-RateLimit-*</c> values of the response, if the server sent any.</summary>
    public AmigoRateLimitInfo? RateLimit { get; }
}

/// <summary>HTTP 5xx: the server failed. <see cref="AmigoServiceUnavailableException"/> is the 503 case.</summary>
public class AmigoServerException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it.</summary>
    /// <param name="statusCode">The 5xx status.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    public AmigoServerException(int statusCode, string message, AmigoErrorDetails? details = null) : base(statusCode, message, details) { }
}

/// <summary>HTTP 503: the service is temporarily unavailable (for example during maintenance).</summary>
public sealed class AmigoServiceUnavailableException : AmigoServerException
{
    /// <summary>Creates the exception, for example in a test of code that handles it (see <see cref="AmigoModelFactory.ErrorDetails"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="details">The parsed response; null for none.</param>
    public AmigoServiceUnavailableException(string message, AmigoErrorDetails? details = null) : base(503, message, details) { }
}
