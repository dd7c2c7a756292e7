using Amigo.Generated;
using System.Text.RegularExpressions;

namespace Amigo;

/// <summary>An operation of the Amigo API: its id, HTTP method, path template and the rate limit the spec documents.</summary>
internal sealed class AmigoOperation
{
    private readonly Regex? _pathPattern;

    public AmigoOperation(string id, HttpMethod method, string pathTemplate, int? successStatus, int? requestsPerMinute, bool streamsResponse)
    {
        Id = id;
        SuccessStatus = successStatus;
        Method = method;
        PathTemplate = pathTemplate;
        RequestsPerMinute = requestsPerMinute;
        StreamsResponse = streamsResponse;
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

    /// <summary>True for the operations whose success body is read as it arrives: an NDJSON event stream, or a file.</summary>
    public bool StreamsResponse { get; }

    public int ParameterCount { get; }

    /// <summary>The key for client-side rate limiting: method and path template.</summary>
    public string RateLimitKey => $"{Method.Method} {PathTemplate}";

    public bool Matches(HttpMethod method, string path) => _pathPattern is not null && method == Method && _pathPattern.IsMatch(path);

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
