namespace Amigo;

/// <summary>Filters and order for <see cref="DynamicBehaviorSetsResource.ListVersionsAsync"/> (<c>get-dynamic-behavior-set-versions</c>). Unset properties are not sent.</summary>
public sealed class DynamicBehaviorSetVersionListOptions
{
    /// <summary>The most versions a page may hold.</summary>
    public const int MaxPageSize = 10;

    /// <summary>
    /// Which versions (<c>version</c>): <c>DynamicBehaviorSetVersionFilter.Exact(3)</c> (or just <c>3</c>),
    /// <see cref="DynamicBehaviorSetVersionFilter.Latest"/>, or <c>DynamicBehaviorSetVersionFilter.Range(2, 5)</c>; null for all.
    /// </summary>
    public DynamicBehaviorSetVersionFilter? Version { get; init; }

    /// <summary>The order (<c>sort_by</c>), for example <c>AmigoSort.Descending(DynamicBehaviorSetVersionSortField.Version)</c>.</summary>
    public AmigoSort<DynamicBehaviorSetVersionSortField>? SortBy { get; init; }

    /// <summary>Versions per page (<c>limit</c>), 1 to <see cref="MaxPageSize"/>; null for the server's default (10).</summary>
    public int? PageSize { get; init; }
}
