using Amigo.Generated;

namespace Amigo;

public partial class ConversationsResource
{
    /// <summary>
    /// Lists the conversations of the organization that match <paramref name="options"/> (<c>get-conversations</c>),
    /// page by page as the caller enumerates. Nothing is requested until enumeration starts.
    /// </summary>
    /// <remarks>
    /// Permissions: only conversations the user has <c>Conversation.GetConversation</c> on are returned;
    /// <c>final_message</c> is only filled with <c>Conversation.GetMessage</c> on the final message, and
    /// <c>version_set_info</c> only with <c>Service.GetVersionSet</c> on the version set. Rate limit: 15 requests per minute.
    /// </remarks>
    /// <param name="options">Filters, order and page size; null for all conversations in the server's order.</param>
    /// <param name="cancellationToken">Cancels the walk, between pages and during a request.</param>
    /// <returns>The conversations; enumerate with <c>await foreach</c>, or walk pages with <see cref="AmigoPageable{T, TResponse}.AsPages"/>.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id, or the page size is outside 1–150.</exception>
    [AmigoOperation("get-conversations")]
    public virtual AmigoPageable<ConversationInstance, GetConversationsResponse> ListAsync(
        ConversationListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ConversationListOptions();
        var userIds = AmigoValidation.NonBlankStrings(options.UserIds, "options.UserIds", distinct: true);
        var serviceIds = AmigoValidation.ObjectIds(options.ServiceIds, "options.ServiceIds", distinct: true);
        var ids = AmigoValidation.ObjectIds(options.Ids, "options.Ids", distinct: false);
        var tags = AmigoTagFilter.ToQueryValues(options.Tags, "options.Tags");
        var sortBy = options.SortBy?.ToQueryValues() is { Count: > 0 } sort ? sort : null;
        var pageSize = AmigoValidation.PageSize(options.PageSize, 1, ConversationListOptions.MaxPageSize, "options.PageSize");
        var isFinished = options.IsFinished;
        const string operation = "get-conversations";

        return new AmigoPageable<ConversationInstance, GetConversationsResponse>(
            operation,
            (token, limit, ct) => CallAsync(operation, c => Client.GetConversationsAsync(
                OrganizationId, userIds, serviceIds, isFinished, ids, limit, token, sortBy, tags, cancellationToken: c), ct),
            r => (r.Conversations.AsReadOnly(), r.HasMore, r.ContinuationToken),
            hint => AmigoValidation.PageSize(hint, 1, ConversationListOptions.MaxPageSize, "pageSizeHint"),
            pageSize,
            cancellationToken);
    }
}
