using Amigo.Generated;

namespace Amigo;

public partial class ConversationsResource
{
    /// <summary>
    /// Lists the messages of a conversation (<c>get-conversation-messages</c>), page by page as the caller enumerates,
    /// in the order <paramref name="options"/> asks for. Nothing is requested until enumeration starts.
    /// </summary>
    /// <remarks>
    /// Permissions: only messages the user has <c>Conversation.GetMessage</c> on are returned. Rate limit: 20 requests per minute.
    /// </remarks>
    /// <param name="conversationId">The conversation (24-hex id).</param>
    /// <param name="options">Filters, order and page size; null for the server's defaults.</param>
    /// <param name="cancellationToken">Cancels the walk, between pages and during a request.</param>
    /// <returns>The messages; enumerate with <c>await foreach</c>, or walk pages with <see cref="AmigoPageable{T, TResponse}.AsPages"/>.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id, or the page size is outside 1–500.</exception>
    [AmigoOperation("get-conversation-messages")]
    public virtual AmigoPageable<MessageInstance, GetConversationMessagesResponse> GetMessagesAsync(
        string conversationId, ConversationMessageListOptions? options = null, CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(conversationId, nameof(conversationId));
        options ??= new ConversationMessageListOptions();
        var ids = AmigoValidation.ObjectIds(options.Ids, "options.Ids", distinct: true);
        var messageTypes = options.MessageTypes is { Count: > 0 } types ? types.Distinct().ToArray() : null;
        foreach (var type in messageTypes ?? [])
        {
            if (!Enum.IsDefined(type))
            {
                throw new ArgumentException($"options.MessageTypes holds {type}, which is not a {nameof(MessageType)}.", "options.MessageTypes");
            }
        }

        var interactionIds = AmigoValidation.ObjectIds(options.InteractionIds, "options.InteractionIds", distinct: true);
        var sortBy = options.SortBy?.ToQueryValues() is { Count: > 0 } sort ? sort : null;
        var pageSize = AmigoValidation.PageSize(options.PageSize, 1, ConversationMessageListOptions.MaxPageSize, "options.PageSize");
        const string operation = "get-conversation-messages";

        return new AmigoPageable<MessageInstance, GetConversationMessagesResponse>(
            operation,
            (token, limit, ct) => CallAsync(operation, c => Client.GetConversationMessagesAsync(
                OrganizationId, conversationId, ids, messageTypes, interactionIds, limit, token, sortBy, cancellationToken: c), ct),
            r => (r.Messages.AsReadOnly(), r.HasMore, r.ContinuationToken),
            hint => AmigoValidation.PageSize(hint, 1, ConversationMessageListOptions.MaxPageSize, "pageSizeHint"),
            pageSize,
            cancellationToken);
    }
}
