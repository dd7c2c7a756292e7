namespace Amigo;

/// <summary>
/// Makes each attempt reach the server at most once, so that <see cref="AmigoRetryOptions.MaxRetries"/> bounds what the
/// server sees. SocketsHttpHandler silently re-sends a request without a body up to three more times when its
/// connection closes before any response byte (for GETs, but also for a body-less POST), so a server that drops
/// connections would see four requests per attempt. It never re-sends a request once its content was sent, so a
/// request without content gets an empty one (<c>Content-Length: 0</c>). Being the last SDK handler, it also sets the
/// SDK's User-Agent on every request that reaches the network, including the sign-in the authentication handler sends
/// below itself (where HttpClient's default headers never apply). A request with content passes straight through
/// (no async state machine of its own).
/// </summary>
internal sealed class SingleSendHandler(string userAgent) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return request.Content is not null ? base.SendAsync(request, cancellationToken) : SendWithEmptyContentAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithEmptyContentAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Content = new ByteArrayContent([]);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The request is as the caller made it for the next attempt, a redirect, or whoever inspects it.
            request.Content.Dispose();
            request.Content = null;
        }
    }
}
