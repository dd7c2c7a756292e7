using System.Net;

namespace Amigo;

/// <summary>The raw response of a successful call: status, headers, request id and rate-limit information.</summary>
public class AmigoResponse
{
    private static readonly string[] RequestIdHeaders = ["x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id"];

    /// <summary>Creates a response (for tests and mocks).</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response and content headers, by name (case-insensitive).</param>
    /// <param name="rateLimit">The rate-limit headers of the response, if it had any.</param>
    public AmigoResponse(HttpStatusCode status, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, AmigoRateLimitInfo? rateLimit)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Status = status;
        Headers = headers;
        RateLimit = rateLimit;
        RequestId = RequestIdHeaders.Select(h => headers.TryGetValue(h, out var v) ? v.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) : null)
            .FirstOrDefault(v => v is not null);
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The response and content headers, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The request id the server assigned (<c>x-request-id</c> and similar headers), if present.</summary>
    public string? RequestId { get; }

    /// <summary>The rate-limit headers of the response (limit, remaining, reset), if it had any.</summary>
    public AmigoRateLimitInfo? RateLimit { get; }

    /// <summary>This response with <paramref name="value"/> as its body (for a hand-written method that decodes further).</summary>
    internal AmigoResponse<TValue> WithValue<TValue>(TValue value) => new(Status, Headers, RateLimit, value);

    /// <summary>Describes the response without its headers.</summary>
    public override string ToString() => $"AmigoResponse({(int)Status}, RequestId={RequestId ?? "none"})";
}

/// <summary>The raw response of a successful call, with its decoded body.</summary>
/// <typeparam name="T">The body type.</typeparam>
public sealed class AmigoResponse<T> : AmigoResponse
{
    /// <summary>Creates a response (for tests and mocks).</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response and content headers, by name (case-insensitive).</param>
    /// <param name="rateLimit">The rate-limit headers of the response, if it had any.</param>
    /// <param name="value">The decoded body.</param>
    public AmigoResponse(HttpStatusCode status, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, AmigoRateLimitInfo? rateLimit, T value)
        : base(status, headers, rateLimit)
    {
        Value = value;
    }

    /// <summary>The decoded body.</summary>
    public T Value { get; }
}

/// <summary>Unwraps what the generated <c>…WithResponseAsync</c> methods return, for their plain variants.</summary>
internal static class AmigoResponses
{
    public static async Task<T> ValueAsync<T>(Task<AmigoResponse<T>> response) => (await response.ConfigureAwait(false)).Value;

    public static async Task DiscardAsync(Task<AmigoResponse> response) => await response.ConfigureAwait(false);
}
