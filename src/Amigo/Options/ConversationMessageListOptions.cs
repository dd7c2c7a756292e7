using Amigo.Generated;

namespace Amigo;

/// <summary>Filters and order for <see cref="ConversationsResource.GetMessagesAsync"/> (<c>get-conversation-messages</c>). Unset properties are not sent.</summary>
public sealed class ConversationMessageListOptions
{
    /// <summary>The most messages a page may hold.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Only these messages (<c>id</c>), each a 24-hex id.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Only messages of these types (<c>message_type</c>); null for the server's default (external events, agent and user messages).</summary>
    public IReadOnlyList<MessageType>? MessageTypes { get; init; }

    /// <summary>Only messages of these interactions (<c>interaction_id</c>), each a 24-hex id.</summary>
    public IReadOnlyList<string>? InteractionIds { get; init; }

    /// <summary>The order (<c>sort_by</c>), for example <c>AmigoSort.Ascending(ConversationMessageSortField.CreatedAt)</c>.</summary>
    public AmigoSort<ConversationMessageSortField>? SortBy { get; init; }

    /// <summary>Messages per page (<c>limit</c>), 1 to <see cref="MaxPageSize"/>; null for the server's default (500).</summary>
    public int? PageSize { get; init; }
}
