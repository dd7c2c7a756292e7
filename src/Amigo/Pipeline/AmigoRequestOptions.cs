namespace Amigo;

/// <summary>
/// Keys for <c>HttpRequestMessage.Options</c> that tell the Amigo HTTP pipeline about a request.
/// Operation code sets them; the pipeline handlers read them. The public keys exist on .NET 5 and later, whose
/// <see cref="HttpRequestMessage"/> has typed options (see src/Amigo/Compatibility).
/// </summary>
public static class AmigoRequestOptions
{
    /// <summary>The operation id used in logs, errors and rate limiting (for example <c>interact-with-conversation</c>). Derived from the URL when absent.</summary>
#if NET5_0_OR_GREATER
    public static readonly HttpRequestOptionsKey<string> Operation = new("Amigo.Operation");
#else
    internal static readonly HttpRequestOptionsKey<string> Operation = new("Amigo.Operation");
#endif

    /// <summary>
    /// Whether the request content can be sent again. Set it to <c>false</c> for a body backed by a stream that is
    /// read once (such an upload is never retried or replayed). When absent, byte-array, string, form, JSON and
    /// multipart content of such parts count as replayable, and anything else (for example <see cref="StreamContent"/>) does not.
    /// </summary>
#if NET5_0_OR_GREATER
    public static readonly HttpRequestOptionsKey<bool> ContentReplayable = new("Amigo.ContentReplayable");
#else
    internal static readonly HttpRequestOptionsKey<bool> ContentReplayable = new("Amigo.ContentReplayable");
#endif

    /// <summary>
    /// Marks a request whose response body is a stream (NDJSON). Its body is never buffered, and the per-request timeout
    /// covers only the wait for the response headers. When absent, the operations the spec documents as NDJSON
    /// (create and interact) and responses with an NDJSON or event-stream content type count as streams.
    /// </summary>
#if NET5_0_OR_GREATER
    public static readonly HttpRequestOptionsKey<bool> StreamingResponse = new("Amigo.StreamingResponse");
#else
    internal static readonly HttpRequestOptionsKey<bool> StreamingResponse = new("Amigo.StreamingResponse");
#endif

    internal static readonly HttpRequestOptionsKey<TimeSpan> Timeout = new("Amigo.Timeout");
    internal static readonly HttpRequestOptionsKey<int> MaxRetries = new("Amigo.MaxRetries");
    internal static readonly HttpRequestOptionsKey<bool> SkipAuthentication = new("Amigo.SkipAuthentication");
    internal static readonly HttpRequestOptionsKey<bool> NeverRetry = new("Amigo.NeverRetry");
    internal static readonly HttpRequestOptionsKey<int> Attempt = new("Amigo.Attempt");
    internal static readonly HttpRequestOptionsKey<AmigoOperation> ResolvedOperation = new("Amigo.ResolvedOperation");
    internal static readonly HttpRequestOptionsKey<AmigoOperationScope> Telemetry = new("Amigo.Telemetry");

    /// <summary>Whether the request must never be retried (a streamed turn): it may have happened on the server.</summary>
    internal static bool IsNeverRetried(this HttpRequestMessage request) =>
        request.Options.TryGetValue(NeverRetry, out var never) && never;

    /// <summary>The attempt timeout of <paramref name="request"/>: its call's, or the client's.</summary>
    internal static TimeSpan GetTimeout(this HttpRequestMessage request, AmigoClientOptions options) =>
        request.Options.TryGetValue(Timeout, out var timeout) ? timeout : options.RequestTimeout;

    /// <summary>The retry budget of <paramref name="request"/>: its call's, or the client's.</summary>
    internal static int GetMaxRetries(this HttpRequestMessage request, AmigoClientOptions options) =>
        request.Options.TryGetValue(MaxRetries, out var maxRetries) ? maxRetries : options.Retry.MaxRetries;

    internal static int GetAttempt(this HttpRequestMessage request) =>
        request.Options.TryGetValue(Attempt, out var attempt) ? attempt : 1;

    internal static bool IsStreamingResponse(this HttpRequestMessage request, HttpResponseMessage? response)
    {
        if (request.Options.TryGetValue(StreamingResponse, out var streaming))
        {
            return streaming;
        }

        if (AmigoOperations.Resolve(request).StreamsResponse)
        {
            return true;
        }

        var mediaType = response?.Content?.Headers.ContentType?.MediaType;
        return mediaType is not null
            && (mediaType.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the request can be sent again (retried, or replayed after a token refresh).</summary>
    internal static bool IsContentReplayable(this HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(ContentReplayable, out var replayable))
        {
            return replayable;
        }

        return IsReplayable(request.Content);
    }

    private static bool IsReplayable(HttpContent? content) => content switch
    {
        null => true,
        MultipartContent multipart => multipart.All(IsReplayable),
        _ => AmigoTransport.IsBufferedContent(content),
    };
}
