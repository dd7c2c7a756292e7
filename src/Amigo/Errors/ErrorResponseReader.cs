using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo;

/// <summary>Turns a non-success <see cref="HttpResponseMessage"/> into the matching <see cref="AmigoApiException"/>.</summary>
internal static class ErrorResponseReader
{
    internal const int MaxBodyChars = 16 * 1024;
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] RequestIdHeaders = ["x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id"];
    private static readonly HashSet<string> HiddenHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Set-Cookie", "Authorization", "Proxy-Authorization", "Cookie",
    };

    public static async Task<AmigoApiException> ReadAsync(
        HttpResponseMessage response, string operation, TimeProvider timeProvider, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var headers = CollectHeaders(response, redactor);
        var details = CreateDetails(body, response.Content?.Headers.ContentType?.MediaType, headers, operation, redactor);
        var status = (int)response.StatusCode;
        return AmigoApiException.Create(
            status,
            details,
            RetryAfter.Parse(response.Headers, timeProvider),
            RateLimitHeaders.Parse(response.Headers, operation, timeProvider));
    }

    private static async Task<string?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return null;
        }

        try
        {
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            // A UTF-8 byte order mark is not part of the text.
            var start = buffer.AsSpan(0, total).StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            return total == start ? null : Encoding.UTF8.GetString(buffer, start, total - start);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
        {
            // The status code alone still gives a typed error; a body that cannot be read is treated as absent.
            return null;
        }
    }

    /// <summary>
    /// The details of an error body, with the client's secrets redacted from every decoded value (so that a JSON-escaped
    /// secret is caught) and from the raw body.
    /// </summary>
    internal static AmigoErrorDetails CreateDetails(
        string? body, string? mediaType, Dictionary<string, IReadOnlyList<string>> headers, string operation, SecretRedactor redactor)
    {
        var (kind, detail, fieldErrors) = ParseBody(body, mediaType);
        var redactedBody = body is null ? null : redactor.RedactBody(body);
        return new AmigoErrorDetails(
            redactor.RedactOrNull(detail),
            fieldErrors.Select(e => new AmigoFieldError(e.Location.Select(redactor.Redact).ToArray(), redactor.Redact(e.Message), redactor.RedactOrNull(e.Type))).ToArray(),
            headers,
            FindRequestId(headers),
            operation,
            kind,
            redactedBody is { Length: > MaxBodyChars } ? redactedBody[..MaxBodyChars] : redactedBody);
    }

    private static Dictionary<string, IReadOnlyList<string>> CollectHeaders(HttpResponseMessage response, SecretRedactor redactor)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        Add(response.Headers);
        if (response.Content is not null)
        {
            Add(response.Content.Headers);
        }

        return headers;

        void Add(HttpHeaders source)
        {
            foreach (var header in source.NonValidated)
            {
                if (!HiddenHeaders.Contains(header.Key))
                {
                    headers[header.Key] = header.Value.Select(redactor.Redact).ToArray();
                }
            }
        }
    }

    private static string? FindRequestId(Dictionary<string, IReadOnlyList<string>> headers)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (headers.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]))
            {
                return values[0];
            }
        }

        return null;
    }

    internal static (AmigoErrorBodyKind Kind, string? Detail, IReadOnlyList<AmigoFieldError> FieldErrors) ParseBody(string? body, string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (AmigoErrorBodyKind.Empty, null, []);
        }

        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('<') || string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase))
        {
            return (AmigoErrorBodyKind.Html, null, []);
        }

        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('['))
        {
            var line = trimmed.Split('\n', 2)[0].Trim();
            return (AmigoErrorBodyKind.Text, line.Length is > 0 and <= 300 ? line : null, []);
        }

        JToken token;
        try
        {
            token = JToken.Parse(body);
        }
        catch (JsonException)
        {
            return (AmigoErrorBodyKind.Text, null, []);
        }

        if (token is not JObject obj)
        {
            return (AmigoErrorBodyKind.Json, null, []);
        }

        var detailToken = obj["detail"] ?? obj["message"] ?? obj["error"];
        return detailToken switch
        {
            JValue { Type: JTokenType.String } value => (AmigoErrorBodyKind.Json, (string?)value, []),
            JArray array => (AmigoErrorBodyKind.Json, null, ParseFieldErrors(array)),
            JObject nested when nested["message"] is JValue { Type: JTokenType.String } message => (AmigoErrorBodyKind.Json, (string?)message, []),
            _ => (AmigoErrorBodyKind.Json, null, []),
        };
    }

    private static List<AmigoFieldError> ParseFieldErrors(JArray array)
    {
        var errors = new List<AmigoFieldError>(array.Count);
        foreach (var item in array)
        {
            if (item is not JObject error)
            {
                if (item is JValue { Type: JTokenType.String } text)
                {
                    errors.Add(new AmigoFieldError([], (string)text!, null));
                }

                continue;
            }

            var location = error["loc"] is JArray loc
                ? loc.Select(part => part.Type == JTokenType.String ? (string)part! : part.ToString(Formatting.None)).ToArray()
                : [];
            var message = error["msg"]?.Type == JTokenType.String ? (string)error["msg"]! : "invalid value";
            var type = error["type"]?.Type == JTokenType.String ? (string?)error["type"] : null;
            errors.Add(new AmigoFieldError(location, message, type));
        }

        return errors;
    }
}
