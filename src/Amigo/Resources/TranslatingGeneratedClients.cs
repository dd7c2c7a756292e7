using Amigo.Generated;

namespace Amigo;

// The generated clients, with their response bodies read by the client's ResponseDecoder: tolerant or strict as the
// client is configured, and an undecodable body as AmigoDecodeException (never the generated ApiException). Error
// statuses never reach them: the HTTP pipeline maps those first. Each generated client has its own base class and
// result type, so each needs its own one-line override.

internal sealed class TranslatingConversationClient(HttpClient httpClient, ResponseDecoder decoder) : ConversationClient(httpClient)
{
    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken) =>
        new(await decoder.ReadAsync<T>(response, quoteParser: true, cancellationToken).ConfigureAwait(false), string.Empty);
}

internal sealed class TranslatingDynamicBehaviorSetClient(HttpClient httpClient, ResponseDecoder decoder) : DynamicBehaviorSetClient(httpClient)
{
    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken) =>
        new(await decoder.ReadAsync<T>(response, quoteParser: true, cancellationToken).ConfigureAwait(false), string.Empty);
}

internal sealed class TranslatingMetricClient(HttpClient httpClient, ResponseDecoder decoder) : MetricClient(httpClient)
{
    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken) =>
        new(await decoder.ReadAsync<T>(response, quoteParser: true, cancellationToken).ConfigureAwait(false), string.Empty);
}

internal sealed class TranslatingUserClient(HttpClient httpClient, ResponseDecoder decoder) : UserClient(httpClient)
{
    // The sign-in body holds a token: the parser's message (which may quote it) never goes into the exception.
    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken) =>
        new(await decoder.ReadAsync<T>(response, quoteParser: false, cancellationToken).ConfigureAwait(false), string.Empty);
}
