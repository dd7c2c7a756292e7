using System.Net;

namespace Amigo;

/// <summary>
/// Follows redirects itself, so that credentials never leave the configured origin: the transport must not follow
/// them (the SDK's own transport has <c>AllowAutoRedirect</c> off, and a custom transport
/// that follows redirects is refused). .NET drops <c>Authorization</c> when it follows a redirect, but not the
/// <c>x-api-key</c> headers of sign-in, and it follows a 307 to plain http.
/// <list type="bullet">
/// <item>Sign-in never follows a redirect.</item>
/// <item>Other calls follow one only to the configured origin (same scheme, host and port), at most five times.
/// So never from https to http, and never to another host, loopback or not.</item>
/// <item>301, 302 and 303 repeat a non-GET request as GET without a body (as browsers and HttpClient do); 307 and
/// 308 repeat the method and body, when the body can be sent again.</item>
/// </list>
/// A redirect that is not followed throws <see cref="AmigoRedirectException"/>.
/// </summary>
internal sealed class RedirectHandler(AmigoClientRuntime runtime) : DelegatingHandler
{
    private const int MaxRedirects = 5;
    private bool _transportChecked;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_transportChecked)
        {
            // Under IHttpClientFactory the transport is only known once the chain is built.
            AmigoTransport.RequireNoAutoRedirect(InnerHandler);
            _transportChecked = true;
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!IsRedirect(response.StatusCode))
        {
            return response;
        }

        var (uri, method, content) = (request.RequestUri, request.Method, request.Content);
        try
        {
            for (var redirects = 0; IsRedirect(response.StatusCode); redirects++)
            {
                if (response.Headers.Location is not { } location)
                {
                    // Nothing to follow: the status is mapped like any other unexpected one.
                    return response;
                }

                var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
                var status = (int)response.StatusCode;
                var keepsMethod = status is 307 or 308;
                var operation = AmigoOperations.Resolve(request).Id;
                var refusal = operation == ApiKeyTokenSource.SignInOperation ? "sign-in never follows redirects, so the API key only ever goes to " + runtime.BaseOrigin
                    : !runtime.IsConfiguredOrigin(target) ? "the client only follows redirects within " + runtime.BaseOrigin + ", so that credentials never leave it"
                    : redirects == MaxRedirects ? $"it already followed {MaxRedirects} redirects"
                    : keepsMethod && !request.IsContentReplayable() ? "the request body cannot be sent again"
                    : null;
                if (refusal is not null)
                {
                    response.Dispose();
                    throw new AmigoRedirectException(operation, status, AmigoTransport.Origin(target), refusal);
                }

                response.Dispose();
                request.RequestUri = target;
                if (!keepsMethod && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
                {
                    request.Method = HttpMethod.Get;
                    request.Content = null;
                }

                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
        finally
        {
            // A retry of this request starts again from the original.
            (request.RequestUri, request.Method, request.Content) = (uri, method, content);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;
}
