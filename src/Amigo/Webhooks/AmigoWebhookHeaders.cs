namespace Amigo.Webhooks;

/// <summary>
/// The three headers Amigo sends with every webhook delivery, as received. Build it from your framework's request
/// headers; a header that is absent is null. When a header arrived more than once, join the values with commas
/// (HTTP's own rule for repeated fields), which <see cref="From(Func{string, IEnumerable{string}?})"/> does.
/// </summary>
/// <param name="IdempotencyKey">The <c>x-amigo-idempotent-key</c> value: the same for every attempt of one delivery.</param>
/// <param name="Timestamp">The <c>x-amigo-request-timestamp</c> value: UNIX time in milliseconds of this attempt.</param>
/// <param name="Signature">The <c>x-amigo-request-signature</c> value: lowercase hex HMAC-SHA256 of
/// <c>v1:{timestamp}:{raw body}</c>; two, comma-separated, while a rotated secret is dual-signed.</param>
public readonly record struct AmigoWebhookHeaders(string? IdempotencyKey, string? Timestamp, string? Signature)
{
    /// <summary>The header that identifies one delivery across its retries.</summary>
    public const string IdempotencyKeyHeader = "x-amigo-idempotent-key";

    /// <summary>The header with the attempt's UNIX time in milliseconds.</summary>
    public const string TimestampHeader = "x-amigo-request-timestamp";

    /// <summary>The header with the attempt's signature(s).</summary>
    public const string SignatureHeader = "x-amigo-request-signature";

    /// <summary>Reads the three headers through <paramref name="lookup"/>, which returns a header's values (or null
    /// when absent) for a header name; repeated values are joined with commas.</summary>
    /// <param name="lookup">Returns the values of a header, matching its name case-insensitively.</param>
    /// <returns>The headers.</returns>
    public static AmigoWebhookHeaders From(Func<string, IEnumerable<string>?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return new AmigoWebhookHeaders(Join(lookup(IdempotencyKeyHeader)), Join(lookup(TimestampHeader)), Join(lookup(SignatureHeader)));
    }

    /// <summary>Reads the three headers from a header collection such as <see cref="System.Net.Http.Headers.HttpHeaders"/>
    /// (names compared case-insensitively; repeated values joined with commas).</summary>
    /// <param name="headers">The request headers.</param>
    /// <returns>The headers.</returns>
    public static AmigoWebhookHeaders From(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        List<string>? key = null, timestamp = null, signature = null;
        foreach (var (name, values) in headers)
        {
            var target = name switch
            {
                _ when name.Equals(IdempotencyKeyHeader, StringComparison.OrdinalIgnoreCase) => key ??= [],
                _ when name.Equals(TimestampHeader, StringComparison.OrdinalIgnoreCase) => timestamp ??= [],
                _ when name.Equals(SignatureHeader, StringComparison.OrdinalIgnoreCase) => signature ??= [],
                _ => null,
            };
            target?.AddRange(values);
        }

        return new AmigoWebhookHeaders(Join(key), Join(timestamp), Join(signature));
    }

    private static string? Join(IEnumerable<string>? values)
    {
        if (values is null)
        {
            return null;
        }

        var list = values.Where(v => v is not null).ToList();
        return list.Count switch
        {
            0 => null,
            1 => list[0],
            _ => string.Join(',', list),
        };
    }
}
