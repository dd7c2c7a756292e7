using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Amigo.Generated;

namespace Amigo;

public partial class ConversationsResource
{
    private const string CreateOperation = "create-conversation";
    private const string InteractOperation = "interact-with-conversation";

    /// <summary>
    /// Creates a conversation and streams its first turn: <see cref="ConversationCreatedEvent"/>, then the agent's
    /// actions and reply, then <see cref="InteractionCompleteEvent"/>.
    /// </summary>
    /// <remarks>
    /// Nothing is sent until the stream is enumerated (or collected with <see cref="ConversationEventStream.CollectAsync(CancellationToken)"/>);
    /// the stream is never retried. A user may have one unfinished conversation per service: a second one fails with
    /// <see cref="AmigoConflictException"/>.
    /// <para>Permissions: <c>Conversation:CreateConversation</c> on the service, and <c>User:UpdateUserInfo</c> on the user.</para>
    /// </remarks>
    /// <param name="request">The service, its version set, the optional initial message and its type, and tags.</param>
    /// <param name="options">Response format, agent-action filter and stream settings.</param>
    /// <param name="cancellationToken">Cancels the request and the stream.</param>
    /// <exception cref="ArgumentException">The request breaks a rule of the API (the message says which).</exception>
    [AmigoOperation("create-conversation")]
    public virtual ConversationEventStream CreateAsync(CreateConversationRequest request, ConversationTurnOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AmigoValidation.ObjectId(request.ServiceId, nameof(request) + ".ServiceId");
        AmigoValidation.Tags(request.Tags, nameof(request) + ".Tags");
        if (request.InitialMessageType is not null && string.IsNullOrEmpty(request.InitialMessage))
            throw new ArgumentException("InitialMessageType can only be set together with InitialMessage.", nameof(request));
        options ??= new ConversationTurnOptions();
        var filter = ValidatedFilter(options.AgentActionTypeFilter);

        return ConversationEventStream.Create(
            CreateOperation,
            options.ResponseFormat,
            token => SendAsync(
                new HttpRequestMessage(HttpMethod.Post, $"v1/{Escape(OrganizationId)}/conversation/{Query(options.ResponseFormat, filter)}")
                {
                    Content = new StringContent(Newtonsoft.Json.JsonConvert.SerializeObject(request, AmigoJsonSettings.Create()), System.Text.Encoding.UTF8, "application/json"),
                }.NeverRetried(),
                HttpCompletionOption.ResponseHeadersRead, CreateOperation, token),
            StreamOptions(options),
            cancellationToken,
            Context.Runtime);
    }

    /// <summary>
    /// Sends the user's next message (text, voice, external event or skip) and streams the turn:
    /// <see cref="UserMessageAvailableEvent"/> (with the transcript for voice), the agent's actions and reply, then
    /// <see cref="InteractionCompleteEvent"/>.
    /// </summary>
    /// <remarks>
    /// Nothing is sent until the stream is enumerated; the stream is never retried (the turn may have happened). Only
    /// for a conversation that has started and not finished, with no other turn in flight.
    /// <para>Permissions: <c>User:UpdateUserInfo</c> on the user who started the conversation, and
    /// <c>Conversation:InteractWithConversation</c> on it. Agent-action events need <c>Conversation:GetInteractionInsights</c>.</para>
    /// </remarks>
    /// <param name="conversationId">The conversation (24 hex characters).</param>
    /// <param name="input">What the user sends: <see cref="InteractionInput.Text"/>, <see cref="InteractionInput.Voice"/>,
    /// <see cref="InteractionInput.ExternalEvent"/> or <see cref="InteractionInput.Skip"/>.</param>
    /// <param name="options">Response format, agent-action filter and stream settings.</param>
    /// <param name="cancellationToken">Cancels the request, the upload and the stream.</param>
    /// <exception cref="ArgumentException">An argument breaks a rule of the API (the message says which).</exception>
    [AmigoOperation("interact-with-conversation")]
    public virtual ConversationEventStream InteractAsync(string conversationId, InteractionInput input, ConversationTurnOptions? options = null, CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(conversationId, nameof(conversationId));
        ArgumentNullException.ThrowIfNull(input);
        options ??= new ConversationTurnOptions();
        var filter = ValidatedFilter(options.AgentActionTypeFilter);
        var query = Query(options.ResponseFormat, filter, input);

        return ConversationEventStream.Create(
            InteractOperation,
            options.ResponseFormat,
            token => SendAsync(
                new HttpRequestMessage(HttpMethod.Post, $"v1/{Escape(OrganizationId)}/conversation/{Escape(conversationId)}/interact{query}")
                {
                    Content = InteractionContent.Create(input),
                }.NeverRetried(),
                HttpCompletionOption.ResponseHeadersRead, InteractOperation, token),
            StreamOptions(options),
            cancellationToken,
            Context.Runtime);
    }

    private AmigoStreamOptions StreamOptions(ConversationTurnOptions options) =>
        options.Stream?.Clone() ?? new AmigoStreamOptions { IdleTimeout = Options.StreamIdleTimeout };

    private static string Query(Format responseFormat, string? filter, InteractionInput? input = null)
    {
        var parts = new List<string>();
        if (input is not null) parts.Add("request_format=" + Wire(input.RequestFormat));
        parts.Add("response_format=" + Wire(responseFormat));
        if (filter is not null) parts.Add("current_agent_action_type=" + Uri.EscapeDataString(filter));
        if (input?.AudioConfig is { } audio) parts.Add("request_audio_config=" + Uri.EscapeDataString(audio.ToString()));
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

    /// <summary>The multipart body of interact-with-conversation.</summary>
    private static class InteractionContent
    {
        public static MultipartFormDataContent Create(InteractionInput input)
        {
            var boundary = "amigo-" + Guid.NewGuid().ToString("N");
            var content = new MultipartFormDataContent(boundary);
            // The API requires "multipart/form-data; boundary=..." with the boundary unquoted.
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=" + boundary);
            content.Add(new StringContent(Wire(input.Kind)), "initial_message_type");
            if (input.Audio is { } audio)
            {
                var file = new StreamContent(audio);
                file.Headers.ContentType = new MediaTypeHeaderValue(input.AudioConfig is MP3UserMessageAudioConfig ? "audio/mpeg" : "application/octet-stream");
                content.Add(file, "recorded_message", input.AudioFileName!);
            }
            else
            {
                content.Add(new StringContent(input.TextContent ?? ""), "recorded_message");
            }
            foreach (var (text, _) in input.PrecedingExternalEvents)
                content.Add(new StringContent(text), "external_event_message_content");
            foreach (var (_, timestamp) in input.PrecedingExternalEvents)
                content.Add(new StringContent(timestamp.ToString("o", System.Globalization.CultureInfo.InvariantCulture)), "external_event_message_timestamp");
            return content;
        }

        private static string Wire(InteractWithConversationInitialMessageType kind) => kind switch
        {
            InteractWithConversationInitialMessageType.UserMessage => "user-message",
            InteractWithConversationInitialMessageType.ExternalEvent => "external-event",
            _ => "skip",
        };
    }
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
