using System.Globalization;
using System.Net.Http.Headers;

namespace Amigo;

/// <summary>
/// Parses <c>Retry-After</c> in both its forms: delay in seconds, or an HTTP-date. A value that is neither (including
/// <c>NaN</c> or <c>Infinity</c>) counts as absent.
/// </summary>
internal static class RetryAfter
{
    public static TimeSpan? Parse(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        if (!headers.NonValidated.TryGetValues("Retry-After", out var values))
        {
            return null;
        }

        foreach (var raw in values)
        {
            var text = raw.Trim();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                if (!double.IsFinite(seconds))
                {
                    continue;
                }

                return seconds <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
            }

            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                var wait = date - timeProvider.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return null;
    }
}
