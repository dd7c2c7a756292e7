using System.Globalization;
using System.Net.Http.Headers;

namespace Amigo;

/// <summary>
/// Parses the <c>X-RateLimit-*</c> response headers. <c>X-RateLimit-Reset</c> comes in two forms: seconds until the
/// window resets (what the emulator and many gateways send) or the reset time in Unix epoch seconds; a value below
/// <see cref="EpochThreshold"/> (September 2001) is read as a delay.
/// </summary>
internal static class RateLimitHeaders
{
    /// <summary>Values below this are seconds from now; from it on, Unix epoch seconds.</summary>
    public const long EpochThreshold = 1_000_000_000;

    public static AmigoRateLimitInfo? Parse(HttpResponseHeaders headers, string operation, TimeProvider timeProvider)
    {
        var limit = ReadInt(headers, "X-RateLimit-Limit");
        var remaining = ReadInt(headers, "X-RateLimit-Remaining");
        var reset = ReadLong(headers, "X-RateLimit-Reset");
        if (limit is null && remaining is null && reset is null)
        {
            return null;
        }

        DateTimeOffset? resetAt = reset switch
        {
            >= 0 and < EpochThreshold and var delay => timeProvider.GetUtcNow().AddSeconds(delay),
            >= EpochThreshold and <= 253402300799 and var epoch => DateTimeOffset.FromUnixTimeSeconds(epoch),
            _ => null,
        };
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

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) && real is >= 0 and < long.MaxValue)
            {
                return (long)real;
            }
        }

        return null;
    }
}
