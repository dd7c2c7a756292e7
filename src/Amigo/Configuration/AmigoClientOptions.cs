using System.Net;
using Microsoft.Extensions.Logging;

namespace Amigo;

/// <summary>
/// Settings of an <see cref="AmigoClient"/>. The client copies them when it is created and validates them then;
/// a missing or invalid setting throws <see cref="AmigoConfigurationException"/> naming the setting.
/// </summary>
public sealed class AmigoClientOptions
{
    /// <summary>The environment variable holding the API key.</summary>
    public const string ApiKeyVariable = "AMIGO_API_KEY";

    /// <summary>The environment variable holding the API key id.</summary>
    public const string ApiKeyIdVariable = "AMIGO_API_KEY_ID";

    /// <summary>The environment variable holding the user id to sign in as.</summary>
    public const string UserIdVariable = "AMIGO_USER_ID";

    /// <summary>The environment variable holding the organization id.</summary>
    public const string OrganizationIdVariable = "AMIGO_ORGANIZATION_ID";

    /// <summary>The environment variable holding an optional base URL.</summary>
    public const string BaseUrlVariable = "AMIGO_BASE_URL";

    /// <summary>The organization every call is made in (the <c>{organization}</c> path segment). Required.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The API base URL. Overrides <see cref="Region"/>. Must be https, except for loopback hosts.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The deployment to call when <see cref="BaseUrl"/> is not set. Default <see cref="AmigoRegion.Default"/> (api.amigo.ai).</summary>
    public AmigoRegion Region { get; set; } = AmigoRegion.Default;

    /// <summary>The credentials. When null, <see cref="ApiKey"/>, <see cref="ApiKeyId"/> and <see cref="UserId"/> are used.</summary>
    public AmigoCredential? Credential { get; set; }

    /// <summary>The API key (used when <see cref="Credential"/> is null; bindable from configuration).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API key id (used when <see cref="Credential"/> is null).</summary>
    public string? ApiKeyId { get; set; }

    /// <summary>The user id to sign in as (used when <see cref="Credential"/> is null).</summary>
    public string? UserId { get; set; }

    /// <summary>
    /// An optional organization sent as <c>X-ORG-ID</c>: the organization that issued the token, for a user calling
    /// into another organization.
    /// </summary>
    public string? TokenOrganizationId { get; set; }

    /// <summary>
    /// The timeout of one attempt of a request: until the whole response is read, or for streamed responses until the
    /// headers arrive. Retries get a fresh timeout each. Default 60 s; <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest silence allowed between two events of a stream (streams themselves may run for minutes).
    /// Default 2 minutes; <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The default <see cref="MaxResponseBodySize"/>: 32 MiB.</summary>
    public const long DefaultMaxResponseBodySize = 32 * 1024 * 1024;

    /// <summary>
    /// The largest body of a non-streamed response the client reads, in bytes (after decompression). A larger one is
    /// not buffered: the call fails with <see cref="AmigoResponseTooLargeException"/> as soon as the limit is passed
    /// (or at once, when <c>Content-Length</c> says so), and the connection is closed. Streams are bounded per line by
    /// <see cref="AmigoStreamOptions.MaxLineLength"/> instead. Default 32 MiB.
    /// </summary>
    public long MaxResponseBodySize { get; set; } = DefaultMaxResponseBodySize;

    /// <summary>How long before <c>expires_at</c> an API-key JWT is refreshed. Default 5 minutes.</summary>
    public TimeSpan TokenRefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// When false (the default), responses and stream events that do not match the API spec are decoded anyway, as
    /// far as they can be read: a missing required property keeps its default, a value of the wrong JSON type is
    /// skipped, unknown properties stay in <c>AdditionalProperties</c>, and the value carries what was wrong (see
    /// <see cref="AmigoDecodeIssues"/>); each kind of mismatch is logged once as a warning. Only JSON that cannot be
    /// read at all fails. When true, any mismatch fails the call with <see cref="AmigoDecodeException"/> (or, for a
    /// stream, <see cref="AmigoStreamException"/>), as it does for a client's own tests against the emulator.
    /// </summary>
    public bool StrictDecoding { get; set; }

    /// <summary>Retry settings.</summary>
    public AmigoRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// When true, the client throttles itself to the per-endpoint limits the API documents (for example interact
    /// 15/min, create conversation 5/min, evaluate metrics 20/min, sign-in 5/min): calls wait for a permit instead
    /// of getting a 429. Default false.
    /// </summary>
    public bool ClientSideRateLimiting { get; set; }

    /// <summary>Called with the <c>X-RateLimit-*</c> values of every response that carries them. Must be fast and thread-safe.</summary>
    public Action<AmigoRateLimitInfo>? RateLimitObserved { get; set; }

    /// <summary>
    /// Identifies your application in the User-Agent of every request, ahead of the SDK's own product, for example
    /// <c>checkout/2.1</c> gives <c>checkout/2.1 amigo-dotnet/1.4.0 (.NET 10.0.0; Linux 6.8.0; x64)</c>. A product
    /// token: <c>name</c> or <c>name/version</c>, HTTP token characters only (letters, digits, <c>!#$%&amp;'*+-.^_`|~</c>),
    /// at most 64 characters. Default: none.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>Where the client logs (operation, status, duration, retries; never bodies or secrets). Default: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock and timer source (token expiry, Retry-After dates, backoff waits, timeouts). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Replaces the random source of backoff jitter (returns values in [0, 1)). For tests.</summary>
    internal Func<double>? JitterSource { get; set; }

    /// <summary>Replaces the backoff wait. For tests.</summary>
    internal Func<TimeSpan, CancellationToken, Task>? DelayOverride { get; set; }

    /// <summary>
    /// Reads <c>AMIGO_API_KEY</c>, <c>AMIGO_API_KEY_ID</c>, <c>AMIGO_USER_ID</c>, <c>AMIGO_ORGANIZATION_ID</c> and the
    /// optional <c>AMIGO_BASE_URL</c>, and validates them.
    /// </summary>
    /// <exception cref="AmigoConfigurationException">A variable is missing or invalid; the message names it.</exception>
    public static AmigoClientOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    internal static AmigoClientOptions FromEnvironment(Func<string, string?> read)
    {
        var options = new AmigoClientOptions
        {
            ApiKey = Require(ApiKeyVariable),
            ApiKeyId = Require(ApiKeyIdVariable),
            UserId = Require(UserIdVariable),
            OrganizationId = Require(OrganizationIdVariable),
        };

        var baseUrl = read(BaseUrlVariable);
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri))
            {
                throw new AmigoConfigurationException(BaseUrlVariable, $"The environment variable {BaseUrlVariable} is not an absolute URL.");
            }

            options.BaseUrl = uri;
        }

        options.ResolveBaseUrl(BaseUrlVariable);
        return options;

        string Require(string name)
        {
            var value = read(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new AmigoConfigurationException(name, $"The environment variable {name} is not set (or is empty).");
            }

            return value.Trim();
        }
    }

    /// <summary>Describes the options without any secret.</summary>
    public override string ToString() =>
        $"AmigoClientOptions(OrganizationId={OrganizationId}, BaseUrl={BaseUrl?.ToString() ?? AmigoRegions.GetBaseUrl(Region).ToString()}, " +
        $"Credential={Credential?.ToString() ?? (ApiKey is null ? "none" : "ApiKey=***")}, RequestTimeout={RequestTimeout}, StreamIdleTimeout={StreamIdleTimeout})";

    internal AmigoClientOptions Clone()
    {
        var copy = (AmigoClientOptions)MemberwiseClone();
        copy.Retry = (Retry ?? new AmigoRetryOptions()).Clone();
        return copy;
    }

    /// <summary>Checks every setting and returns the effective base URL (always ending with '/').</summary>
    internal Uri Validate()
    {
        if (string.IsNullOrWhiteSpace(OrganizationId))
        {
            throw new AmigoConfigurationException(nameof(OrganizationId),
                $"AmigoClientOptions.OrganizationId is required (or set the {OrganizationIdVariable} environment variable).");
        }

        if (OrganizationId.Any(c => c is '/' or '?' or '#' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new AmigoConfigurationException(nameof(OrganizationId), "AmigoClientOptions.OrganizationId must not contain '/', '?', '#', spaces or control characters.");
        }

        var baseUrl = ResolveBaseUrl(nameof(BaseUrl));
        _ = ResolveCredential();
        RequireTimeout(RequestTimeout, nameof(RequestTimeout));
        RequireTimeout(StreamIdleTimeout, nameof(StreamIdleTimeout));
        if (MaxResponseBodySize <= 0 || MaxResponseBodySize > int.MaxValue)
        {
            throw new AmigoConfigurationException(nameof(MaxResponseBodySize), "AmigoClientOptions.MaxResponseBodySize must be positive and at most int.MaxValue bytes.");
        }
        if (TokenRefreshBeforeExpiry < TimeSpan.Zero)
        {
            throw new AmigoConfigurationException(nameof(TokenRefreshBeforeExpiry), "AmigoClientOptions.TokenRefreshBeforeExpiry must not be negative.");
        }

        if (Retry is null)
        {
            throw new AmigoConfigurationException(nameof(Retry), "AmigoClientOptions.Retry must not be null.");
        }

        Retry.Validate();
        if (TimeProvider is null)
        {
            throw new AmigoConfigurationException(nameof(TimeProvider), "AmigoClientOptions.TimeProvider must not be null.");
        }

        if (TokenOrganizationId is not null && (string.IsNullOrWhiteSpace(TokenOrganizationId) || TokenOrganizationId.Any(char.IsControl)))
        {
            throw new AmigoConfigurationException(nameof(TokenOrganizationId), "AmigoClientOptions.TokenOrganizationId must be null or a non-empty value without control characters.");
        }

        if (ApplicationId is not null && (ApplicationId.Length > 64 || !AmigoUserAgent.IsProduct(ApplicationId)))
        {
            throw new AmigoConfigurationException(nameof(ApplicationId),
                "AmigoClientOptions.ApplicationId must be a product token for the User-Agent: 'name' or 'name/version', at most 64 characters, " +
                "of letters, digits and !#$%&'*+-.^_`|~ only (no spaces).");
        }

        return baseUrl;
    }

    internal AmigoCredential ResolveCredential()
    {
        if (Credential is not null)
        {
            return Credential;
        }

        if (ApiKey is null && ApiKeyId is null && UserId is null)
        {
            throw new AmigoConfigurationException(nameof(Credential),
                $"No credentials: set AmigoClientOptions.Credential, or ApiKey, ApiKeyId and UserId (environment variables {ApiKeyVariable}, {ApiKeyIdVariable}, {UserIdVariable}).");
        }

        return new AmigoApiKeyCredential(
            AmigoCredential.RequireValue(ApiKey, $"AmigoClientOptions.{nameof(ApiKey)}"),
            AmigoCredential.RequireValue(ApiKeyId, $"AmigoClientOptions.{nameof(ApiKeyId)}"),
            AmigoCredential.RequireValue(UserId, $"AmigoClientOptions.{nameof(UserId)}"));
    }

    private Uri ResolveBaseUrl(string setting)
    {
        var url = BaseUrl ?? AmigoRegions.GetBaseUrl(Region);
        if (!url.IsAbsoluteUri)
        {
            throw new AmigoConfigurationException(setting, $"{Describe(setting)} must be an absolute URL.");
        }

        if (url.Scheme == Uri.UriSchemeHttp)
        {
            if (!IsLoopback(url))
            {
                throw new AmigoConfigurationException(setting,
                    $"{Describe(setting)} uses plain http:// for host '{url.Host}'; only https:// is allowed, except for loopback hosts (localhost, 127.0.0.1, ::1).");
            }
        }
        else if (url.Scheme != Uri.UriSchemeHttps)
        {
            throw new AmigoConfigurationException(setting, $"{Describe(setting)} must use https:// (was {url.Scheme}://).");
        }

        if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            throw new AmigoConfigurationException(setting, $"{Describe(setting)} must not contain user info, a query or a fragment.");
        }

        var text = url.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    private static string Describe(string setting) => setting == BaseUrlVariable ? $"The environment variable {setting}" : $"AmigoClientOptions.{setting}";

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback
        || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static void RequireTimeout(TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new AmigoConfigurationException(setting, $"AmigoClientOptions.{setting} must be positive (or Timeout.InfiniteTimeSpan).");
        }
    }
}
