using System.Net.Http.Headers;
using Amigo.Generated;

namespace Amigo;

public partial class ConversationsResource
{
    private const string InteractOperation = "interact-with-conversation";

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
    /// <param name="callOptions">Headers and timeout for this call only; null for the client's. The stream is never retried.</param>
    /// <param name="cancellationToken">Cancels the request, the upload and the stream.</param>
    /// <exception cref="ArgumentException">An argument breaks a rule of the API (the message says which).</exception>
    [AmigoOperation("interact-with-conversation")]
    public virtual ConversationEventStream InteractAsync(
        string conversationId, InteractionInput input, ConversationTurnOptions? options = null, AmigoCallOptions? callOptions = null, CancellationToken cancellationToken = default)
    {
        CheckInteractWithConversation(conversationId);
        ArgumentNullException.ThrowIfNull(input);
        options ??= new ConversationTurnOptions();
        var filter = ValidatedFilter(options.AgentActionTypeFilter);
        Context.Check(callOptions);
        var query = Query(
            options.ResponseFormat,
            filter,
            leading: "request_format=" + Wire(input.RequestFormat),
            trailing: input.AudioConfig is { } audio ? "request_audio_config=" + Uri.EscapeDataString(audio.ToString()) : null);

        return StartTurn(InteractOperation, options, callOptions, () => new HttpRequestMessage(HttpMethod.Post, $"v1/{Escape(OrganizationId)}/conversation/{Escape(conversationId)}/interact{query}")
        {
            Content = InteractionContent.Create(input),
        }, cancellationToken);
    }

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

        private static string Wire(InteractionKind kind) => kind switch
        {
            InteractionKind.UserMessage => "user-message",
            InteractionKind.ExternalEvent => "external-event",
            _ => "skip",
        };
    }
}
