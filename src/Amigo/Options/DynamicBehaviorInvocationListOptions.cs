namespace Amigo;

/// <summary>Order and page size for <see cref="DynamicBehaviorSetsResource.ListInvocationsAsync"/> (<c>get-dynamic-behavior-invocations</c>). Unset properties are not sent.</summary>
public sealed class DynamicBehaviorInvocationListOptions
{
    /// <summary>The most invocations a page may hold.</summary>
    public const int MaxPageSize = 30;

    /// <summary>The order (<c>sort_by</c>), for example <c>AmigoSort.Descending(DynamicBehaviorInvocationSortField.InvokedAt)</c>.</summary>
    public AmigoSort<DynamicBehaviorInvocationSortField>? SortBy { get; init; }

    /// <summary>Invocations per page (<c>limit</c>), 1 to <see cref="MaxPageSize"/>; null for the server's default (30).</summary>
    public int? PageSize { get; init; }
}
