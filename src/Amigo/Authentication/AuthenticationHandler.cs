using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Amigo;

/// <summary>
/// Adds the Authorization header (Bearer, or Basic <c>{org_id}_{user_id}</c>:JWT) and the optional X-ORG-ID header,
/// only to requests for the configured origin. A 401 always drops the rejected token from the cache (so the next call
/// signs in again, streamed or not); the request is then replayed once with a fresh token if its content can be sent
/// again. A 401 arrives before any response body, so even a streamed turn did not run and can be replayed; a voice
/// upload, read once, cannot. The token source is shared, so a recycled handler keeps the cached JWT.
/// </summary>
internal sealed class AuthenticationHandler(AmigoClientRuntime runtime) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Sign-in is the one operation without security requirements: it must not need a token itself. With nothing
        // to add, the request passes straight through (the inner handler's task, no async method of this handler).
        return (request.Options.TryGetValue(AmigoRequestOptions.SkipAuthentication, out var skip) && skip)
            || AmigoOperations.Resolve(request).Id == ApiKeyTokenSource.SignInOperation
            ? base.SendAsync(request, cancellationToken)
            : SendAuthenticatedAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAuthenticatedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } uri || !runtime.IsConfiguredOrigin(uri))
        {
            throw new ArgumentException(
                $"The request is for {(request.RequestUri is { IsAbsoluteUri: true } target ? AmigoTransport.Origin(target) : "a relative URL")}, but this client only sends its credentials to {runtime.BaseOrigin}.",
                nameof(request));
        }

        // A call cancelled before it starts must not cost a sign-in.
        cancellationToken.ThrowIfCancellationRequested();
        PipelineSend send = base.SendAsync;
        var token = await runtime.TokenSource.GetTokenAsync(send, cancellationToken).ConfigureAwait(false);
        Apply(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        try
        {
            runtime.TokenSource.Invalidate(token);
            var operation = AmigoOperations.Resolve(request).Id;
            if (!request.IsContentReplayable())
            {
                runtime.Logger.LogNotReplayed(operation, "the request body cannot be replayed");
                return response;
            }

            var fresh = await runtime.TokenSource.RefreshAsync(token, send, cancellationToken).ConfigureAwait(false);
            if (fresh is null)
            {
                runtime.Logger.LogNotReplayed(operation, "no fresh token is available");
                return response;
            }

            runtime.Logger.LogReplayingAfterUnauthorized(operation);
            response.Dispose();
            Apply(request, fresh);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The 401 is not returned: free its connection now (disposing twice is harmless).
            response.Dispose();
            throw;
        }
    }

    private void Apply(HttpRequestMessage request, string token)
    {
        if (runtime.BasicUserId is { } userId)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{runtime.OrganizationId}_{userId}:{token}"));
            runtime.Redactor.RememberToken(token, basic);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        else
        {
            runtime.Redactor.RememberToken(token);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (runtime.Options.TokenOrganizationId is { } tokenOrganization)
        {
            request.Headers.Remove("X-ORG-ID");
            request.Headers.TryAddWithoutValidation("X-ORG-ID", tokenOrganization);
        }
    }
}
