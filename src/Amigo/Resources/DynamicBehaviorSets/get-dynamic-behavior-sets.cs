using Amigo.Generated;

namespace Amigo;

public partial class DynamicBehaviorSetsResource
{
    /// <summary>
    /// Lists the dynamic behavior sets that match <paramref name="options"/> (<c>get-dynamic-behavior-sets</c>), page by
    /// page as the caller enumerates. Nothing is requested until enumeration starts. The first page's
    /// <see cref="AmigoPage{T, TResponse}.Response"/> carries <see cref="GetDynamicBehaviorSetsResponse.FilterValues"/>:
    /// the services, creators and tag keys the filters can take.
    /// </summary>
    /// <remarks>
    /// Permissions: only sets the user has <c>DynamicBehaviorInstruction:GetDynamicBehaviorInstruction</c> on are returned.
    /// Rate limit: 500 requests per minute.
    /// </remarks>
    /// <param name="options">Filters, order and page size; null for all sets.</param>
    /// <param name="cancellationToken">Cancels the walk, between pages and during a request.</param>
    /// <returns>The sets; enumerate with <c>await foreach</c>, or walk pages with <see cref="AmigoPageable{T, TResponse}.AsPages"/>.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id, a filter is malformed, or the page size is outside 1–50.</exception>
    [AmigoOperation("get-dynamic-behavior-sets")]
    public virtual AmigoPageable<DynamicBehaviorSetInstance, GetDynamicBehaviorSetsResponse> ListAsync(
        DynamicBehaviorSetListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DynamicBehaviorSetListOptions();
        var ids = AmigoValidation.ObjectIds(options.Ids, "options.Ids", distinct: true);
        var appliedToServices = AmigoValidation.ObjectIds(options.AppliedToServices, "options.AppliedToServices", distinct: true);
        var creators = AmigoCreator.ToQueryValues(options.Creators, "options.Creators");
        var tags = AmigoTagFilter.ToQueryValues(options.Tags, "options.Tags");
        var sortBy = options.SortBy?.ToQueryValues() is { Count: > 0 } sort ? sort : null;
        var pageSize = AmigoValidation.PageSize(options.PageSize, 1, DynamicBehaviorSetListOptions.MaxPageSize, "options.PageSize");
        var isActive = options.IsActive;
        const string operation = "get-dynamic-behavior-sets";

        return new AmigoPageable<DynamicBehaviorSetInstance, GetDynamicBehaviorSetsResponse>(
            operation,
            (token, limit, ct) => CallAsync(operation, c => Client.GetDynamicBehaviorSetsAsync(
                OrganizationId, ids, limit, token, isActive, appliedToServices, creators, tags, sortBy, cancellationToken: c), ct),
            r => (r.DynamicBehaviorSets.AsReadOnly(), r.HasMore, r.ContinuationToken),
            hint => AmigoValidation.PageSize(hint, 1, DynamicBehaviorSetListOptions.MaxPageSize, "pageSizeHint"),
            pageSize,
            cancellationToken);
    }
}
