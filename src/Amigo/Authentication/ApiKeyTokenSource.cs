using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo;

/// <summary>
/// Signs in with an API key and caches the JWT. One instance serves every handler of a client (it outlives
/// IHttpClientFactory handler recycling). Concurrent callers share a single in-flight sign-in. A token is reused for
/// at least <see cref="MinimumReuse"/> even if the server says it already expired (a skewed clock would otherwise
/// cost one sign-in per call); a 401 still drops it at once.
/// </summary>
internal sealed class ApiKeyTokenSource : ITokenSource
{
    internal const string SignInOperation = "sign-in-with-api-key";

    /// <summary>The shortest time a token is used for before expiry triggers another sign-in.</summary>
    internal static readonly TimeSpan MinimumReuse = TimeSpan.FromSeconds(5);

    private readonly AmigoApiKeyCredential _credential;
    private readonly TokenSourceContext _context;
    private readonly Uri _signInUrl;
    private readonly object _gate = new();
    private CachedToken? _token;
    private Task<CachedToken>? _signIn;

    public ApiKeyTokenSource(AmigoApiKeyCredential credential, TokenSourceContext context)
    {
        _credential = credential;
        _context = context;
        _signInUrl = new Uri(context.BaseUrl, $"v1/{Uri.EscapeDataString(context.OrganizationId)}/user/signin_with_api_key");
    }

    public async ValueTask<string> GetTokenAsync(PipelineSend send, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Task<CachedToken> signIn;
        lock (_gate)
        {
            if (_token is { } token && _context.TimeProvider.GetUtcNow() < token.RefreshAt)
            {
                return token.Value;
            }

            signIn = _signIn ??= StartSignIn(send);
        }

        return (await signIn.WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    public async ValueTask<string?> RefreshAsync(string rejectedToken, PipelineSend send, CancellationToken cancellationToken)
    {
        Task<CachedToken> signIn;
        lock (_gate)
        {
            if (_token is { } token && token.Value != rejectedToken && _context.TimeProvider.GetUtcNow() < token.RefreshAt)
            {
                return token.Value;
            }

            if (_token?.Value == rejectedToken)
            {
                _token = null;
            }

            signIn = _signIn ??= StartSignIn(send);
        }

        var fresh = (await signIn.WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
        return fresh == rejectedToken ? null : fresh;
    }

    /// <summary>Whether a token is cached or a sign-in is under way (a cancelled call must leave neither behind).</summary>
    internal bool HasTokenOrSignIn
    {
        get
        {
            lock (_gate)
            {
                return _token is not null || _signIn is not null;
            }
        }
    }

    public void Invalidate(string rejectedToken)
    {
        lock (_gate)
        {
            if (_token?.Value == rejectedToken)
            {
                _token = null;
            }
        }
    }

    // Called under _gate. The sign-in runs on the thread pool so that it never completes inside the lock, and it
    // ignores the first caller's cancellation: other callers may still be waiting for it.
    private Task<CachedToken> StartSignIn(PipelineSend send)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                var token = await SignInAsync(send).ConfigureAwait(false);
                lock (_gate)
                {
                    _token = token;
                }

                return token;
            }
            finally
            {
                lock (_gate)
                {
                    _signIn = null;
                }
            }
        });
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return task;
    }

    private async Task<CachedToken> SignInAsync(PipelineSend send)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _signInUrl);
        request.Headers.TryAddWithoutValidation("x-api-key", _credential.ApiKey);
        request.Headers.TryAddWithoutValidation("x-api-key-id", _credential.ApiKeyId);
        request.Headers.TryAddWithoutValidation("x-user-id", _credential.UserId);
        request.Options.Set(AmigoRequestOptions.SkipAuthentication, true);
        request.Options.Set(AmigoRequestOptions.Operation, SignInOperation);

        using var response = await send(request, CancellationToken.None).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorResponseReader.ReadAsync(
                response, SignInOperation, _context.TimeProvider, _context.Redactor, CancellationToken.None)
                .ConfigureAwait(false);
        }

        var token = await ReadTokenAsync(response).ConfigureAwait(false);
        _context.Logger.LogSignedIn(SignInOperation, token.ExpiresAt);
        return token;
    }

    private async Task<CachedToken> ReadTokenAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        JObject body;
        try
        {
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.DateTimeOffset };
            body = JObject.Load(reader);
        }
        catch (JsonException ex)
        {
            // The body is left out on purpose: it is meant to contain a token.
            throw new AmigoDecodeException(SignInOperation, status, "the body is not a JSON object.", new JsonException(ex.GetType().Name));
        }

        if (body["id_token"] is not JValue { Type: JTokenType.String } idToken || string.IsNullOrWhiteSpace((string?)idToken))
        {
            throw new AmigoDecodeException(SignInOperation, status, "'id_token' is missing or not a non-empty string.", null);
        }

        if (!TokenRules.IsSendable((string?)idToken))
        {
            // Never cached: the next call signs in again.
            throw new AmigoDecodeException(SignInOperation, status, "'id_token' contains control characters (such as CR or LF), so it cannot be sent in an HTTP header.", null);
        }

        DateTimeOffset expiresAt;
        switch (body["expires_at"])
        {
            case JValue { Type: JTokenType.Date, Value: DateTimeOffset date }:
                expiresAt = date;
                break;
            case JValue { Type: JTokenType.Date, Value: DateTime dateTime }:
                expiresAt = new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc));
                break;
            case JValue { Type: JTokenType.String } text when DateTimeOffset.TryParse((string?)text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed):
                expiresAt = parsed;
                break;
            default:
                throw new AmigoDecodeException(SignInOperation, status, "'expires_at' is missing or not a date-time.", null);
        }

        var now = _context.TimeProvider.GetUtcNow();
        var lifetime = expiresAt - now;
        var margin = lifetime <= TimeSpan.Zero
            ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Min(_context.RefreshBeforeExpiry.Ticks, lifetime.Ticks / 2));
        var refreshAt = expiresAt - margin;
        return new CachedToken((string)idToken!, expiresAt, refreshAt < now + MinimumReuse ? now + MinimumReuse : refreshAt);
    }

    private sealed record CachedToken(string Value, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"CachedToken(ExpiresAt={ExpiresAt:O})";
    }
}
