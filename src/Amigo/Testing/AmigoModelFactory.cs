using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo;

/// <summary>
/// Builds the SDK's result types, for unit tests of code that uses the SDK (the generated models have public setters
/// and need no factory). Every parameter is optional where the API may leave the value out.
/// </summary>
/// <remarks>
/// Together with <see cref="AmigoPageable.FromPages"/>,
/// <see cref="ConversationEventStream.FromEvents(IEnumerable{ConversationEvent}, Format, string)"/> and the public
/// exception constructors, this lets a fake return exactly what the client would.
/// </remarks>
public static class AmigoModelFactory
{
    /// <summary>The result of a collected turn, as <see cref="ConversationEventStream.CollectAsync(CancellationToken)"/> returns it.</summary>
    /// <param name="agentMessage">The agent's full reply.</param>
    /// <param name="messageId">The id of the agent's message.</param>
    /// <param name="interactionId">The id of the interaction.</param>
    /// <param name="conversationCompleted">Whether the conversation ended with this turn.</param>
    /// <param name="conversationId">The conversation's id (set for the first turn of a created conversation).</param>
    /// <param name="userMessage">The user's message (the transcript for voice).</param>
    /// <param name="userMessageId">The id of the user's message.</param>
    /// <param name="agentActions">The agent's actions, in order.</param>
    /// <param name="audio">The reply's audio, for a voice turn.</param>
    /// <param name="transcriptAlignment">The alignment of the reply's audio and text.</param>
    /// <param name="errors">Error events yielded during the turn.</param>
    /// <param name="unknownEvents">Events of types this SDK does not know.</param>
    /// <param name="eventsAfterCompletion">Events after <see cref="InteractionCompleteEvent"/>.</param>
    public static InteractionResult InteractionResult(
        string agentMessage = "",
        string messageId = "",
        string interactionId = "",
        bool conversationCompleted = false,
        string? conversationId = null,
        string? userMessage = null,
        string? userMessageId = null,
        IReadOnlyList<ConversationAction>? agentActions = null,
        byte[]? audio = null,
        IReadOnlyList<TranscriptAlignmentPoint>? transcriptAlignment = null,
        IReadOnlyList<ErrorEvent>? errors = null,
        IReadOnlyList<ConversationEvent>? unknownEvents = null,
        IReadOnlyList<ConversationEvent>? eventsAfterCompletion = null) => new(
            new InteractionCompleteEvent
            {
                FullMessage = agentMessage, MessageId = messageId, InteractionId = interactionId, ConversationCompleted = conversationCompleted,
            },
            conversationId,
            userMessage is null && userMessageId is null ? null : new UserMessageAvailableEvent { UserMessage = userMessage!, MessageId = userMessageId! },
            agentActions ?? [],
            audio,
            transcriptAlignment ?? [],
            errors ?? [],
            unknownEvents ?? [],
            eventsAfterCompletion ?? []);

    /// <summary>One evaluated metric, as <c>client.Metrics.EvaluateAsync</c> returns it.</summary>
    /// <param name="metricId">The metric.</param>
    /// <param name="value">Its value (<see cref="AmigoMetricValue.FromNumber"/>, <see cref="AmigoMetricValue.FromBoolean"/>, <see cref="AmigoMetricValue.FromString"/>).</param>
    /// <param name="references">The references the evaluation cites.</param>
    /// <param name="justification">Why the metric has this value.</param>
    public static MetricEvaluation MetricEvaluation(string metricId, AmigoMetricValue value, IReadOnlyList<string>? references = null, string justification = "")
    {
        ArgumentNullException.ThrowIfNull(metricId);
        return new MetricEvaluation(metricId, value, references ?? [], justification ?? "");
    }

    /// <summary>A page of a list, as <see cref="AmigoPageable{T, TResponse}.AsPages"/> yields it.</summary>
    /// <param name="items">The page's items.</param>
    /// <param name="hasMore">Whether more pages follow.</param>
    /// <param name="continuationToken">The token of the next page (kept only when <paramref name="hasMore"/>).</param>
    /// <param name="response">The whole response the page came from.</param>
    /// <param name="rawResponse">The raw response of the page's request (<see cref="AmigoPage{T}.RawResponse"/>), if the fake has one.</param>
    public static AmigoPage<T, TResponse> Page<T, TResponse>(IReadOnlyList<T> items, bool hasMore = false, int? continuationToken = null, TResponse response = default!, AmigoResponse? rawResponse = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new AmigoPage<T, TResponse>(items, hasMore, continuationToken, response, rawResponse);
    }

    /// <summary>The parsed content of a failed response, for the constructors of the <see cref="AmigoApiException"/> types.</summary>
    /// <param name="detail">The <c>detail</c> message.</param>
    /// <param name="fieldErrors">Validation errors.</param>
    /// <param name="headers">Response headers.</param>
    /// <param name="requestId">The server's request id.</param>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="bodyKind">What kind of body the response had.</param>
    /// <param name="body">The raw body text.</param>
    public static AmigoErrorDetails ErrorDetails(
        string? detail = null,
        IReadOnlyList<AmigoFieldError>? fieldErrors = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null,
        string? requestId = null,
        string? operation = null,
        AmigoErrorBodyKind bodyKind = AmigoErrorBodyKind.Empty,
        string? body = null) => new(
            detail,
            fieldErrors ?? [],
            headers is null
                ? new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
                : headers.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase),
            requestId,
            operation,
            bodyKind,
            body);

    /// <summary>The <c>X-RateLimit-*</c> values of a response, as <see cref="AmigoClientOptions.RateLimitObserved"/> and <see cref="AmigoRateLimitedException.RateLimit"/> report them.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="limit">Requests allowed per window.</param>
    /// <param name="remaining">Requests left in the window.</param>
    /// <param name="resetAt">When the window resets.</param>
    public static AmigoRateLimitInfo RateLimitInfo(string operation, int? limit = null, int? remaining = null, DateTimeOffset? resetAt = null) =>
        new(operation, limit, remaining, resetAt);

    /// <summary>The source of a message, as <c>client.Conversations.GetMessageSourceAsync</c> returns it.</summary>
    /// <param name="json">The response: a JSON object with a <c>url</c>, or any other JSON the API returns.</param>
    public static MessageSource MessageSource(JToken json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new MessageSource(json);
    }

    /// <summary>A spec mismatch tolerant decoding met, as <see cref="AmigoDecodeIssues.Of"/> reports it.</summary>
    /// <param name="kind">What was wrong.</param>
    /// <param name="path">The JSON path of the value.</param>
    /// <param name="property">The JSON name of the property.</param>
    /// <param name="declaringType">The model type the property belongs to.</param>
    /// <param name="expected">What the spec says the value is.</param>
    public static AmigoDecodeIssue DecodeIssue(AmigoDecodeIssueKind kind, string path, string property, Type declaringType, string expected) =>
        new(kind, path, property, declaringType, expected);
}
