using Amigo.Generated;

namespace Amigo;

// The generated clients, with their one remaining source of Amigo.Generated.ApiException (a 2xx body that cannot be
// deserialized) turned into AmigoDecodeException. Error statuses never reach them: the HTTP pipeline maps those first.

internal sealed class TranslatingConversationClient(HttpClient httpClient) : ConversationClient(httpClient)
{
    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken)
    {
        try
        {
            return await base.ReadObjectResponseAsync<T>(response, headers, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            throw GeneratedErrors.Undecodable(response, typeof(T), ex);
        }
    }
}

internal sealed class TranslatingDynamicBehaviorSetClient(HttpClient httpClient) : DynamicBehaviorSetClient(httpClient)
{
    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken)
    {
        try
        {
            return await base.ReadObjectResponseAsync<T>(response, headers, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            throw GeneratedErrors.Undecodable(response, typeof(T), ex);
        }
    }
}

internal sealed class TranslatingMetricClient(HttpClient httpClient) : MetricClient(httpClient)
{
    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken)
    {
        try
        {
            return await base.ReadObjectResponseAsync<T>(response, headers, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            throw GeneratedErrors.Undecodable(response, typeof(T), ex);
        }
    }
}

internal sealed class TranslatingUserClient(HttpClient httpClient) : UserClient(httpClient)
{
    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken)
    {
        try
        {
            return await base.ReadObjectResponseAsync<T>(response, headers, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            throw GeneratedErrors.Undecodable(response, typeof(T), ex, includeDetail: false);
        }
    }
}
