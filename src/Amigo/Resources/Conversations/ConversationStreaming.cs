using System.Text.RegularExpressions;
using Amigo.Generated;

namespace Amigo;

public partial class ConversationsResource
{
    /// <summary>
    /// Starts a streamed turn: <paramref name="createRequest"/> is sent (never retried) with <paramref name="callOptions"/>
    /// applied (headers, timeout) by the client's pipeline, as for a generated call; the scope ends with the send, so
    /// only this request claims it.
    /// </summary>
    private ConversationEventStream StartTurn(
        string operation, ConversationTurnOptions options, AmigoCallOptions? callOptions, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        ConversationEventStream.Create(
            operation,
            options.ResponseFormat,
            async token =>
            {
                AmigoCallScope.Enter(callOptions);
                return await SendAsync(createRequest().NeverRetried(), HttpCompletionOption.ResponseHeadersRead, operation, token).ConfigureAwait(false);
            },
            StreamOptions(options),
            cancellationToken,
            Context.Runtime);

    private AmigoStreamOptions StreamOptions(ConversationTurnOptions options) =>
        options.Stream?.Clone() ?? new AmigoStreamOptions { IdleTimeout = Options.StreamIdleTimeout };

    /// <summary>The query of a streamed turn: <paramref name="leading"/>, the response format and the agent-action filter, then <paramref name="trailing"/>.</summary>
    private static string Query(Format responseFormat, string? filter, string? leading = null, string? trailing = null)
    {
        var parts = new List<string>();
        if (leading is not null) parts.Add(leading);
        parts.Add("response_format=" + Wire(responseFormat));
        if (filter is not null) parts.Add("current_agent_action_type=" + Uri.EscapeDataString(filter));
        if (trailing is not null) parts.Add(trailing);
        return "?" + string.Join('&', parts);
    }

    private static string Wire(Format format) => format == Format.Voice ? "voice" : "text";

    private static string? ValidatedFilter(string? pattern)
    {
        if (pattern is null) return null;
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return pattern;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"AgentActionTypeFilter is not a valid regular expression: {e.Message}", nameof(pattern), e);
        }
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);
}

internal static class StreamingRequestExtensions
{
    /// <summary>
    /// A streamed turn is never retried: the interaction may already have happened. A 401 proves it did not, so a
    /// turn whose body can be sent again (text, external event, skip; not a voice upload) is replayed once after one.
    /// </summary>
    public static HttpRequestMessage NeverRetried(this HttpRequestMessage request)
    {
        request.Options.Set(AmigoRequestOptions.NeverRetry, true);
        request.Options.Set(AmigoRequestOptions.StreamingResponse, true);
        return request;
    }
}
