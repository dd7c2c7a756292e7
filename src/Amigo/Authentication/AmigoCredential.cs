namespace Amigo;

/// <summary>
/// How the client authenticates. Pick one of <see cref="AmigoApiKeyCredential"/> (signs in and refreshes the JWT itself),
/// <see cref="BearerTokenCredential"/>, <see cref="TokenProviderCredential"/> or <see cref="BasicCredential"/>.
/// Credentials never show their secrets in <see cref="object.ToString"/>.
/// </summary>
public abstract class AmigoCredential
{
    private protected AmigoCredential() { }

    /// <summary>Signs in with an API key (<c>sign-in-with-api-key</c>), caches the JWT and refreshes it before it expires.</summary>
    public static AmigoApiKeyCredential FromApiKey(string apiKey, string apiKeyId, string userId) => new(apiKey, apiKeyId, userId);

    /// <summary>Sends a fixed JWT as the bearer token.</summary>
    public static BearerTokenCredential FromBearerToken(string token) => new(token);

    /// <summary>Asks <paramref name="tokenProvider"/> for the bearer token before every request (it should cache).</summary>
    public static TokenProviderCredential FromTokenProvider(Func<CancellationToken, ValueTask<string>> tokenProvider) => new(tokenProvider);

    internal abstract ITokenSource CreateTokenSource(TokenSourceContext context);

    /// <summary>The values no exception or log may show (tokens obtained later are added as they are used).</summary>
    internal abstract IEnumerable<string> Secrets { get; }

    internal static string RequireValue(string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new AmigoConfigurationException(setting, $"{setting} is required and must not be empty.");
        }

        if (value.Any(char.IsControl))
        {
            throw new AmigoConfigurationException(setting, $"{setting} contains control characters, which cannot be sent in an HTTP header.");
        }

        return value.Trim();
    }
}

/// <summary>API key credentials: the client signs in as <see cref="UserId"/> and manages the JWT.</summary>
public sealed class AmigoApiKeyCredential : AmigoCredential
{
    /// <summary>Creates API key credentials.</summary>
    /// <param name="apiKey">The API key (secret).</param>
    /// <param name="apiKeyId">The id of the API key.</param>
    /// <param name="userId">The id of the user to sign in as.</param>
    public AmigoApiKeyCredential(string apiKey, string apiKeyId, string userId)
    {
        ApiKey = RequireValue(apiKey, "ApiKey");
        ApiKeyId = RequireValue(apiKeyId, "ApiKeyId");
        UserId = RequireValue(userId, "UserId");
    }

    /// <summary>The id of the API key.</summary>
    public string ApiKeyId { get; }

    /// <summary>The id of the user the client signs in as.</summary>
    public string UserId { get; }

    internal string ApiKey { get; }

    internal override ITokenSource CreateTokenSource(TokenSourceContext context) => new ApiKeyTokenSource(this, context);

    internal override IEnumerable<string> Secrets => [ApiKey, ApiKeyId];

    /// <summary>Describes the credential without its secret.</summary>
    public override string ToString() => $"AmigoApiKeyCredential(ApiKeyId={ApiKeyId}, UserId={UserId}, ApiKey=***)";
}

/// <summary>A fixed Amigo-issued JWT sent as <c>Authorization: Bearer</c>.</summary>
public sealed class BearerTokenCredential : AmigoCredential
{
    private readonly string _token;

    /// <summary>Creates bearer credentials from a JWT.</summary>
    public BearerTokenCredential(string token)
    {
        _token = RequireValue(token, "BearerToken");
    }

    internal override ITokenSource CreateTokenSource(TokenSourceContext context) => new StaticTokenSource(_token);

    internal override IEnumerable<string> Secrets => [_token];

    /// <summary>Describes the credential without its secret.</summary>
    public override string ToString() => "BearerTokenCredential(Token=***)";
}

/// <summary>Bearer credentials whose JWT comes from a caller-supplied async provider, called before every request.</summary>
public sealed class TokenProviderCredential : AmigoCredential
{
    private readonly Func<CancellationToken, ValueTask<string>> _provider;

    /// <summary>Creates credentials from a token provider. After a 401 the provider is asked again, and the request is replayed once if it returns a different token.</summary>
    public TokenProviderCredential(Func<CancellationToken, ValueTask<string>> tokenProvider)
    {
        _provider = tokenProvider ?? throw new AmigoConfigurationException("TokenProvider", "The token provider must not be null.");
    }

    internal override ITokenSource CreateTokenSource(TokenSourceContext context) => new ProviderTokenSource(_provider);

    internal override IEnumerable<string> Secrets => [];

    /// <summary>Describes the credential.</summary>
    public override string ToString() => "TokenProviderCredential";
}

/// <summary>
/// Basic authentication: user name <c>{org_id}_{user_id}</c>, password the JWT. The JWT comes from another credential
/// (an API key sign-in, a fixed token or a provider).
/// </summary>
public sealed class BasicCredential : AmigoCredential
{
    /// <summary>Basic credentials with a fixed JWT.</summary>
    public BasicCredential(string userId, string token) : this(userId, new BearerTokenCredential(token)) { }

    /// <summary>Basic credentials whose JWT comes from <paramref name="tokenCredential"/> (for example an <see cref="AmigoApiKeyCredential"/>).</summary>
    public BasicCredential(string userId, AmigoCredential tokenCredential)
    {
        UserId = RequireValue(userId, "UserId");
        if (tokenCredential is null or BasicCredential)
        {
            throw new AmigoConfigurationException("Credential", "BasicCredential needs a bearer-token credential (API key, fixed token or provider) to supply the JWT.");
        }

        TokenCredential = tokenCredential;
    }

    /// <summary>The id of the user; the Basic user name is <c>{org_id}_{UserId}</c>.</summary>
    public string UserId { get; }

    /// <summary>The credential that supplies the JWT used as the Basic password.</summary>
    public AmigoCredential TokenCredential { get; }

    internal override ITokenSource CreateTokenSource(TokenSourceContext context) => TokenCredential.CreateTokenSource(context);

    internal override IEnumerable<string> Secrets => TokenCredential.Secrets;

    /// <summary>Describes the credential without its secret.</summary>
    public override string ToString() => $"BasicCredential(UserId={UserId}, Token from {TokenCredential})";
}
