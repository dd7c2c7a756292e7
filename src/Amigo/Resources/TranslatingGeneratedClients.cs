using Amigo.Generated;

namespace Amigo;

// The generated clients, with their one remaining source of Amigo.Generated.ApiException (a 2xx body that cannot be
// deserialized) turned into AmigoDecodeException. Error statuses never reach them: the HTTP pipeline maps those first.
// Each generated client has its own base class and result type, so each needs its own one-line override.

internal sealed class TranslatingConversationClient(HttpClient httpClient) : ConversationClient(httpClient)
{
    protected override Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken) =>
        GeneratedErrors.DecodeAsync(response, typeof(T), () => base.ReadObjectResponseAsync<T>(response, headers, cancellationToken));
}

internal sealed class TranslatingDynamicBehaviorSetClient(HttpClient httpClient) : DynamicBehaviorSetClient(httpClient)
{
    protected override Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken) =>
        GeneratedErrors.DecodeAsync(response, typeof(T), () => base.ReadObjectResponseAsync<T>(response, headers, cancellationToken));
}

internal sealed class TranslatingMetricClient(HttpClient httpClient) : MetricClient(httpClient)
{
    protected override Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken) =>
        GeneratedErrors.DecodeAsync(response, typeof(T), () => base.ReadObjectResponseAsync<T>(response, headers, cancellationToken));
}

internal sealed class TranslatingUserClient(HttpClient httpClient) : UserClient(httpClient)
{
    // The sign-in body holds a token: its text never goes into the exception.
    protected override Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken) =>
        GeneratedErrors.DecodeAsync(response, typeof(T), () => base.ReadObjectResponseAsync<T>(response, headers, cancellationToken), includeDetail: false);
}
