namespace Amigo;

/// <summary>Filters and order for <see cref="DynamicBehaviorSetsResource.ListAsync"/> (<c>get-dynamic-behavior-sets</c>). Unset properties are not sent.</summary>
public sealed class DynamicBehaviorSetListOptions
{
    /// <summary>The most sets a page may hold.</summary>
    public const int MaxPageSize = 50;

    /// <summary>Only these sets (<c>id</c>), each a 24-hex id.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Only active (true) or inactive (false) sets (<c>is_active</c>); null for both.</summary>
    public bool? IsActive { get; init; }

    /// <summary>Only sets applied to these services (<c>applied_to_service</c>), each a 24-hex id.</summary>
    public IReadOnlyList<string>? AppliedToServices { get; init; }

    /// <summary>Only sets created by these users (<c>creator</c>, sent as <c>org_id,user_id</c>).</summary>
    public IReadOnlyList<AmigoCreator>? Creators { get; init; }

    /// <summary>Only sets with these tags (<c>tag</c>).</summary>
    public IReadOnlyList<AmigoTagFilter>? Tags { get; init; }

    /// <summary>The order (<c>sort_by</c>), for example <c>AmigoSort.Descending(DynamicBehaviorSetSortField.UpdatedAt)</c>.</summary>
    public AmigoSort<DynamicBehaviorSetSortField>? SortBy { get; init; }

    /// <summary>
    /// Sets per page (<c>limit</c>), 1 to <see cref="MaxPageSize"/>; null for the server's default (50). The spec also
    /// allows 0, which returns no sets and can never advance, so a pageable refuses it.
    /// </summary>
    public int? PageSize { get; init; }
}
