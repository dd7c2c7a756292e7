using Amigo.Generated;
using Newtonsoft.Json;

namespace Amigo;

/// <summary>Translates failures raised inside generated clients into the façade's exception types.</summary>
internal static class GeneratedErrors
{
    /// <summary>The façade exception for <paramref name="exception"/>, or null if it needs no translation.</summary>
    public static Exception? Translate(Exception exception, string operation, SecretRedactor redactor) => exception switch
    {
        AmigoException => null,
        ApiException { StatusCode: >= 200 and <= 299 } api => new AmigoDecodeException(
            operation, api.StatusCode,
            api.InnerException is JsonException json ? redactor.Redact(json.Message) : "the response was not what the operation expects (unexpected status or body).",
            redactor.Sanitize(api.InnerException)),
        ApiException api => FromStatus(api, operation, redactor),
        JsonException json => new AmigoDecodeException(operation, 200, redactor.Redact(json.Message), redactor.Sanitize(json)),
        _ => null,
    };

    private static AmigoApiException FromStatus(ApiException api, string operation, SecretRedactor redactor)
    {
        var headers = api.Headers.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)h.Value.Select(redactor.Redact).ToArray(), StringComparer.OrdinalIgnoreCase);
        var details = ErrorResponseReader.CreateDetails(string.IsNullOrEmpty(api.Response) ? null : api.Response, null, headers, operation, redactor);
        return AmigoApiException.Create(api.StatusCode, details, retryAfter: null, rateLimit: null);
    }
}
