namespace Amigo;

/// <summary>Sends a request through the rest of the HTTP pipeline (below authentication).</summary>
internal delegate Task<HttpResponseMessage> PipelineSend(HttpRequestMessage request, CancellationToken cancellationToken);

/// <summary>Everything a token source may need: where to sign in, the clock, logging.</summary>
internal sealed record TokenSourceContext(
    Uri BaseUrl, string OrganizationId, TimeSpan RefreshBeforeExpiry, TimeProvider TimeProvider, Microsoft.Extensions.Logging.ILogger Logger, SecretRedactor Redactor);

/// <summary>Supplies JWTs to the authentication handler. Implementations are shared by every handler instance of a client.</summary>
internal interface ITokenSource
{
    /// <summary>Returns the current token, signing in first if needed.</summary>
    ValueTask<string> GetTokenAsync(PipelineSend send, CancellationToken cancellationToken);

    /// <summary>Returns a token other than <paramref name="rejectedToken"/> after a 401, or null if no fresh token can be had.</summary>
    ValueTask<string?> RefreshAsync(string rejectedToken, PipelineSend send, CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="rejectedToken"/> if it is cached (the server answered 401 to it).</summary>
    void Invalidate(string rejectedToken);
}

/// <summary>What a token must be to go into an Authorization header.</summary>
internal static class TokenRules
{
    /// <summary>A token with control characters (CR, LF...) cannot be sent: HttpClient would throw a FormatException.</summary>
    public static bool IsSendable(string? token) => !string.IsNullOrWhiteSpace(token) && !token.Any(char.IsControl);
}

internal sealed class StaticTokenSource(string token) : ITokenSource
{
    public ValueTask<string> GetTokenAsync(PipelineSend send, CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public ValueTask<string?> RefreshAsync(string rejectedToken, PipelineSend send, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public void Invalidate(string rejectedToken)
    {
    }
}

internal sealed class ProviderTokenSource(Func<CancellationToken, ValueTask<string>> provider) : ITokenSource
{
    public async ValueTask<string> GetTokenAsync(PipelineSend send, CancellationToken cancellationToken)
    {
        var token = await provider(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new AmigoConfigurationException("TokenProvider", "The token provider returned an empty token.");
        }

        if (!TokenRules.IsSendable(token))
        {
            throw new AmigoConfigurationException("TokenProvider", "The token provider returned a token with control characters (such as CR or LF), which cannot be sent in an HTTP header.");
        }

        return token;
    }

    public async ValueTask<string?> RefreshAsync(string rejectedToken, PipelineSend send, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(send, cancellationToken).ConfigureAwait(false);
        return token == rejectedToken ? null : token;
    }

    // The provider caches, if anything: it is asked again before every request.
    public void Invalidate(string rejectedToken)
    {
    }
}
