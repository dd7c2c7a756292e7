using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo;

public partial class ConversationsResource
{
    private const string MessageSourceOperation = "retrieve-message-source";

    /// <summary>Gets the raw source of a message that did not originate as text, such as a voice recording (<c>retrieve-message-source</c>).</summary>
    /// <remarks>Permissions: <c>Conversation:GetMessage</c> on the message. Rate limit: 30 requests per minute.</remarks>
    /// <param name="conversationId">The conversation (24-hex id).</param>
    /// <param name="messageId">The message (24-hex id).</param>
    /// <param name="longLived">
    /// Whether to get a URL that lasts 12 hours (<c>long_lived</c>). For security, prefer false (the default) where possible.
    /// </param>
    /// <param name="callOptions">Headers, timeout and retries for this call only; null for the client's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The source; see <see cref="MessageSource.Url"/>.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id.</exception>
    /// <exception cref="AmigoBadRequestException">The message is a text message.</exception>
    [AmigoOperation(MessageSourceOperation)]
    public virtual Task<MessageSource> GetMessageSourceAsync(
        string conversationId, string messageId, bool longLived = false, AmigoCallOptions? callOptions = null, CancellationToken cancellationToken = default) =>
        AmigoResponses.ValueAsync(GetMessageSourceWithResponseAsync(conversationId, messageId, longLived, callOptions, cancellationToken));

    /// <summary>Gets the raw source of a message, with the raw response (<c>retrieve-message-source</c>); see <see cref="GetMessageSourceAsync"/>.</summary>
    /// <param name="conversationId">The conversation (24-hex id).</param>
    /// <param name="messageId">The message (24-hex id).</param>
    /// <param name="longLived">Whether to get a URL that lasts 12 hours (<c>long_lived</c>).</param>
    /// <param name="callOptions">Headers, timeout and retries for this call only; null for the client's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The raw response (status, headers, request id, rate limit) with the source.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id.</exception>
    /// <exception cref="AmigoBadRequestException">The message is a text message.</exception>
    public virtual Task<AmigoResponse<MessageSource>> GetMessageSourceWithResponseAsync(
        string conversationId, string messageId, bool longLived = false, AmigoCallOptions? callOptions = null, CancellationToken cancellationToken = default)
    {
        CheckRetrieveMessageSource(conversationId, messageId);
        var call = Context.InvokeAsync(
            MessageSourceOperation,
            callOptions,
            c => Client.RetrieveMessageSourceAsync(OrganizationId, conversationId, messageId, longLived, cancellationToken: c),
            cancellationToken);
        return RunAsync();

        async Task<AmigoResponse<MessageSource>> RunAsync()
        {
            var response = await call.ConfigureAwait(false);
            var body = response.Value;
            return response.WithValue(new MessageSource(body as JToken ?? (body is null ? JValue.CreateNull() : JToken.FromObject(body))));
        }
    }
}
