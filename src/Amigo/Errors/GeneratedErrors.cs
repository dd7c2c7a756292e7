using Amigo.Generated;
using Newtonsoft.Json;

namespace Amigo;

/// <summary>Translates failures raised inside generated clients into the façade's exception types.</summary>
internal static class GeneratedErrors
{
    /// <summary>The façade exception for <paramref name="exception"/>, or null if it needs no translation.</summary>
    public static Exception? Translate(Exception exception, string operation) => exception switch
    {
        AmigoException => null,
        ApiException { StatusCode: >= 200 and <= 299 } api => new AmigoDecodeException(
            operation, api.StatusCode, api.InnerException is JsonException json ? json.Message : "the response was not what the operation expects (unexpected status or body).", api.InnerException),
        ApiException api => FromStatus(api, operation),
        JsonException json => new AmigoDecodeException(operation, 200, json.Message, json),
        _ => null,
    };

    /// <summary>Runs a generated client's body read, turning its deserialization failure into <see cref="AmigoDecodeException"/>.</summary>
    public static async Task<TResult> DecodeAsync<TResult>(HttpResponseMessage response, Type expected, Func<Task<TResult>> read, bool includeDetail = true)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            throw Undecodable(response, expected, ex, includeDetail);
        }
    }

    public static AmigoDecodeException Undecodable(HttpResponseMessage response, Type expected, ApiException exception, bool includeDetail = true)
    {
        var operation = response.RequestMessage is { } request ? AmigoOperations.Resolve(request).Id : "unknown operation";
        var problem = $"it is not a valid {expected.Name}";
        if (includeDetail && exception.InnerException is JsonException json)
        {
            problem += $" ({json.Message})";
        }

        return new AmigoDecodeException(operation, (int)response.StatusCode, problem + ".", includeDetail ? exception.InnerException : null);
    }

    private static AmigoApiException FromStatus(ApiException api, string operation)
    {
        var headers = api.Headers.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        var (kind, detail, fieldErrors) = ErrorResponseReader.ParseBody(api.Response, null);
        var body = api.Response is { Length: > ErrorResponseReader.MaxBodyChars } long_ ? long_[..ErrorResponseReader.MaxBodyChars] : api.Response;
        var details = new AmigoErrorDetails(detail, fieldErrors, headers, null, operation, kind, string.IsNullOrEmpty(body) ? null : body);
        return AmigoApiException.Create(api.StatusCode, details, retryAfter: null, rateLimit: null);
    }
}
