using System.Globalization;
using System.Net.Http.Headers;

namespace Amigo;

/// <summary>Parses the <c>X-RateLimit-*</c> response headers.</summary>
internal static class RateLimitHeaders
{
    public static AmigoRateLimitInfo? Parse(HttpResponseHeaders headers, string operation)
    {
        var limit = ReadInt(headers, "X-RateLimit-Limit");
        var remaining = ReadInt(headers, "X-RateLimit-Remaining");
        var reset = ReadLong(headers, "X-RateLimit-Reset");
        if (limit is null && remaining is null && reset is null)
        {
            return null;
        }

        DateTimeOffset? resetAt = reset is { } seconds && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        return new AmigoRateLimitInfo(operation, limit, remaining, resetAt);
    }

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        ReadLong(headers, name) is { } value && value is >= 0 and <= int.MaxValue ? (int)value : null;

    private static long? ReadLong(HttpResponseHeaders headers, string name)
    {
        if (!headers.NonValidated.TryGetValues(name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var text = value.Trim();
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && real is >= 0 and < long.MaxValue)
            {
                return (long)real;
            }
        }

        return null;
    }
}
