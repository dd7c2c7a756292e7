using System.Text.RegularExpressions;

namespace Amigo;

/// <summary>An operation of the Amigo API: its id, HTTP method, path template and the rate limit the spec documents.</summary>
internal sealed class AmigoOperation
{
    private readonly Regex? _pathPattern;

    public AmigoOperation(string id, HttpMethod method, string pathTemplate, int successStatus, int? requestsPerMinute)
    {
        Id = id;
        SuccessStatus = successStatus;
        Method = method;
        PathTemplate = pathTemplate;
        RequestsPerMinute = requestsPerMinute;
        var pattern = Regex.Replace(Regex.Escape(pathTemplate), @"\\\{[^}]+}", "[^/]+");
        _pathPattern = new Regex("^(?:/.*)?" + pattern + "$", RegexOptions.CultureInvariant);
        ParameterCount = pathTemplate.Count(c => c == '{');
    }

    private AmigoOperation(string id, HttpMethod method, string pathTemplate)
    {
        Id = id;
        Method = method;
        PathTemplate = pathTemplate;
    }

    public string Id { get; }

    public HttpMethod Method { get; }

    public string PathTemplate { get; }

    /// <summary>The one success status the spec documents; the generated clients accept no other.</summary>
    public int? SuccessStatus { get; }

    public int? RequestsPerMinute { get; }

    public int ParameterCount { get; }

    /// <summary>The key for client-side rate limiting: method and path template.</summary>
    public string RateLimitKey => $"{Method.Method} {PathTemplate}";

    public bool Matches(HttpMethod method, string path) => _pathPattern is not null && method == Method && _pathPattern.IsMatch(path);

    public static AmigoOperation Unknown(HttpMethod method, string path, string? id = null) => new(id ?? $"{method.Method} {path}", method, path);

    public override string ToString() => Id;
}

/// <summary>
/// The operations of the spec (openapi/), with the per-endpoint rate limits their 429 descriptions document.
/// A test checks this table against openapi/.
/// </summary>
internal static class AmigoOperations
{
    public static readonly IReadOnlyList<AmigoOperation> All =
    [
        new("create-conversation", HttpMethod.Post, "/v1/{organization}/conversation/", 201, 5),
        new("finish-conversation", HttpMethod.Post, "/v1/{organization}/conversation/{conversation_id}/finish/", 204, 5),
        new("generate-conversation-starter", HttpMethod.Post, "/v1/{organization}/conversation/conversation_starter", 200, 10),
        new("get-conversation-messages", HttpMethod.Get, "/v1/{organization}/conversation/{conversation_id}/messages/", 200, 20),
        new("get-conversations", HttpMethod.Get, "/v1/{organization}/conversation/", 200, 15),
        new("get-interaction-insights", HttpMethod.Get, "/v1/{organization}/conversation/{conversation_id}/interaction/{interaction_id}/insights", 200, 20),
        new("interact-with-conversation", HttpMethod.Post, "/v1/{organization}/conversation/{conversation_id}/interact", 200, 15),
        new("modify-tags-of-conversation", HttpMethod.Post, "/v1/{organization}/conversation/{conversation_id}/tags/", 204, 50),
        new("recommend-responses-for-interaction", HttpMethod.Post, "/v1/{organization}/conversation/{conversation_id}/interaction/{interaction_id}/recommend_responses", 200, 20),
        new("retrieve-message-source", HttpMethod.Get, "/v1/{organization}/conversation/{conversation_id}/messages/{message_id}/source", 200, 30),
        new("create-dynamic-behavior-set-version", HttpMethod.Post, "/v1/{organization}/dynamic_behavior_set/{dynamic_behavior_set_id}/version/", 201, 200),
        new("create-dynamic-behavior-set", HttpMethod.Post, "/v1/{organization}/dynamic_behavior_set/", 201, 200),
        new("delete-dynamic-behavior-instruction", HttpMethod.Delete, "/v1/{organization}/dynamic_behavior_set/{dynamic_behavior_set_id}/", 200, 500),
        new("get-dynamic-behavior-invocations", HttpMethod.Get, "/v1/{organization}/dynamic_behavior_set/{dynamic_behavior_set_id}/invocation/", 200, 50),
        new("get-dynamic-behavior-set-versions", HttpMethod.Get, "/v1/{organization}/dynamic_behavior_set/{dynamic_behavior_set_id}/version/", 200, 1000),
        new("get-dynamic-behavior-sets", HttpMethod.Get, "/v1/{organization}/dynamic_behavior_set/", 200, 500),
        new("search-dynamic-behavior-sets", HttpMethod.Get, "/v1/{organization}/dynamic_behavior_set/search", 200, 50),
        new("update-dynamic-behavior-set", HttpMethod.Post, "/v1/{organization}/dynamic_behavior_set/{dynamic_behavior_set_id}/", 204, 500),
        new("evaluate-metrics", HttpMethod.Post, "/v1/{organization}/metric/evaluate", 200, 20),
        new(ApiKeyTokenSource.SignInOperation, HttpMethod.Post, "/v1/{organization}/user/signin_with_api_key", 200, 5),
    ];

    private static readonly AmigoOperation[] ByPrecedence = All.OrderBy(o => o.ParameterCount).ToArray();

    /// <summary>The operation of <paramref name="request"/>, resolved once and cached in its options.</summary>
    public static AmigoOperation Resolve(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(AmigoRequestOptions.ResolvedOperation, out var cached))
        {
            return cached;
        }

        request.Options.TryGetValue(AmigoRequestOptions.Operation, out var explicitId);
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0] ?? "/";
        var operation = ByPrecedence.FirstOrDefault(o => o.Matches(request.Method, path) && (explicitId is null || o.Id == explicitId))
            ?? (explicitId is null ? null : All.FirstOrDefault(o => o.Id == explicitId))
            ?? AmigoOperation.Unknown(request.Method, path, explicitId);
        request.Options.Set(AmigoRequestOptions.ResolvedOperation, operation);
        return operation;
    }
}
