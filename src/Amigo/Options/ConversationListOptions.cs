namespace Amigo;

/// <summary>Filters and order for <see cref="ConversationsResource.ListAsync"/> (<c>get-conversations</c>). Unset properties are not sent.</summary>
public sealed class ConversationListOptions
{
    /// <summary>The most conversations a page may hold.</summary>
    public const int MaxPageSize = 150;

    /// <summary>Only conversations of these users (<c>user_id</c>).</summary>
    public IReadOnlyList<string>? UserIds { get; init; }

    /// <summary>Only conversations with these services (<c>service_id</c>), each a 24-hex id.</summary>
    public IReadOnlyList<string>? ServiceIds { get; init; }

    /// <summary>Only finished (true) or unfinished (false) conversations (<c>is_finished</c>); null for both.</summary>
    public bool? IsFinished { get; init; }

    /// <summary>Only these conversations (<c>id</c>), each a 24-hex id.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Only conversations with these tags (<c>tag</c>).</summary>
    public IReadOnlyList<AmigoTagFilter>? Tags { get; init; }

    /// <summary>The order (<c>sort_by</c>), for example <c>AmigoSort.Descending(ConversationSortField.CreatedAt)</c>.</summary>
    public AmigoSort<ConversationSortField>? SortBy { get; init; }

    /// <summary>Conversations per page (<c>limit</c>), 1 to <see cref="MaxPageSize"/>; null for the server's default (150).</summary>
    public int? PageSize { get; init; }
}
