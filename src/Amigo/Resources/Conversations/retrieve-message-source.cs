using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo;

public partial class ConversationsResource
{
    /// <summary>Gets the raw source of a message that did not originate as text, such as a voice recording (<c>retrieve-message-source</c>).</summary>
    /// <remarks>Permissions: <c>Conversation:GetMessage</c> on the message. Rate limit: 30 requests per minute.</remarks>
    /// <param name="conversationId">The conversation (24-hex id).</param>
    /// <param name="messageId">The message (24-hex id).</param>
    /// <param name="longLived">
    /// Whether to get a URL that lasts 12 hours (<c>long_lived</c>). For security, prefer false (the default) where possible.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The source; see <see cref="MessageSource.Url"/>.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id.</exception>
    /// <exception cref="AmigoBadRequestException">The message is a text message.</exception>
    [AmigoOperation("retrieve-message-source")]
    public virtual Task<MessageSource> GetMessageSourceAsync(
        string conversationId, string messageId, bool longLived = false, CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(conversationId, nameof(conversationId));
        AmigoValidation.ObjectId(messageId, nameof(messageId));
        return RunAsync();

        async Task<MessageSource> RunAsync()
        {
            var body = await CallAsync(
                "retrieve-message-source",
                c => Client.RetrieveMessageSourceAsync(OrganizationId, conversationId, messageId, longLived, cancellationToken: c),
                cancellationToken).ConfigureAwait(false);
            return new MessageSource(body as JToken ?? (body is null ? JValue.CreateNull() : JToken.FromObject(body)));
        }
    }
}
