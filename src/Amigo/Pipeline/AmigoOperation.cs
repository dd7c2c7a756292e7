using Amigo.Generated;

namespace Amigo;

/// <summary>An operation of the Amigo API: its id, HTTP method, path template and the rate limit the spec documents.</summary>
internal sealed class AmigoOperation
{
    /// <summary>The path template split at its parameters: literal, parameter, literal, …, literal (null for an unknown operation).</summary>
    private readonly string[]? _literals;

    public AmigoOperation(string id, HttpMethod method, string pathTemplate, int? successStatus, int? requestsPerMinute, bool streamsResponse)
    {
        Id = id;
        SuccessStatus = successStatus;
        Method = method;
        PathTemplate = pathTemplate;
        RequestsPerMinute = requestsPerMinute;
        StreamsResponse = streamsResponse;
        // No Regex per operation: building ~40 of them was a measurable part of a cold start.
        _literals = SplitTemplate(pathTemplate);
        ParameterCount = _literals.Length - 1;
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

    /// <summary>True for the operations whose success body is read as it arrives: an NDJSON event stream, or a file.</summary>
    public bool StreamsResponse { get; }

    public int ParameterCount { get; }

    /// <summary>The key for client-side rate limiting: method and path template.</summary>
    public string RateLimitKey => $"{Method.Method} {PathTemplate}";

    /// <summary>
    /// Whether <paramref name="path"/> is this operation's: it ends with the template, each parameter standing for
    /// one or more characters other than '/', after nothing or after a base path that starts with '/'.
    /// </summary>
    public bool Matches(HttpMethod method, string path)
    {
        if (_literals is null || method != Method)
        {
            return false;
        }
        if (MatchesFrom(path, 0, 0))
        {
            return true;
        }
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }
        for (int start = 1; start < path.Length; start++)
        {
            if (MatchesFrom(path, start, 0))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether path[<paramref name="position"/>..] matches the template from literal <paramref name="literal"/> on, to the end.</summary>
    private bool MatchesFrom(string path, int position, int literal)
    {
        var text = _literals![literal];
        if (path.Length - position < text.Length || string.CompareOrdinal(path, position, text, 0, text.Length) != 0)
        {
            return false;
        }
        position += text.Length;
        if (literal == _literals.Length - 1)
        {
            return position == path.Length;
        }
        // A parameter: one or more characters other than '/', then the rest of the template.
        for (int end = position + 1; end <= path.Length && path[end - 1] != '/'; end++)
        {
            if (MatchesFrom(path, end, literal + 1))
            {
                return true;
            }
        }
        return false;
    }

    private static string[] SplitTemplate(string template)
    {
        var literals = new List<string>();
        int start = 0;
        while (true)
        {
            int open = template.IndexOf('{', start);
            int close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                literals.Add(template.Substring(start));
                return literals.ToArray();
            }
            literals.Add(template.Substring(start, open - start));
            start = close + 1;
        }
    }

    public static AmigoOperation Unknown(HttpMethod method, string path, string? id = null) => new(id ?? $"{method.Method} {path}", method, path);

    public override string ToString() => Id;
}

/// <summary>
/// The operations of the spec (openapi/), with the per-endpoint rate limits their 429 descriptions document: the
/// table the build generates from the spec (<see cref="AmigoOperationTable"/>).
/// </summary>
internal static class AmigoOperations
{
    public static readonly IReadOnlyList<AmigoOperation> All = AmigoOperationTable.All
        .Select(o => new AmigoOperation(o.Id, new HttpMethod(o.Method), o.PathTemplate, o.SuccessStatus, o.RequestsPerMinute, o.StreamsResponse))
        .ToArray();

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
