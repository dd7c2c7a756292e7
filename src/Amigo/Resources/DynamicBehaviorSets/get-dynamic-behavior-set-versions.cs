using Amigo.Generated;

namespace Amigo;

public partial class DynamicBehaviorSetsResource
{
    /// <summary>
    /// Lists the versions of a dynamic behavior set (<c>get-dynamic-behavior-set-versions</c>), page by page as the caller
    /// enumerates. Nothing is requested until enumeration starts.
    /// </summary>
    /// <remarks>
    /// Permissions: <c>DynamicBehaviorInstruction:GetDynamicBehaviorInstruction</c> on the set. Rate limit: 1000 requests per minute.
    /// </remarks>
    /// <param name="dynamicBehaviorSetId">The set (24-hex id).</param>
    /// <param name="options">Which versions, order and page size; null for all versions.</param>
    /// <param name="cancellationToken">Cancels the walk, between pages and during a request.</param>
    /// <returns>The versions; enumerate with <c>await foreach</c>, or walk pages with <see cref="AmigoPageable{T, TResponse}.AsPages"/>.</returns>
    /// <exception cref="ArgumentException">The id is not a 24-hex id, or the page size is outside 1–10.</exception>
    [AmigoOperation("get-dynamic-behavior-set-versions")]
    public virtual AmigoPageable<DynamicBehaviorSetVersion, GetDynamicBehaviorSetVersionsResponse> ListVersionsAsync(
        string dynamicBehaviorSetId, DynamicBehaviorSetVersionListOptions? options = null, CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(dynamicBehaviorSetId, nameof(dynamicBehaviorSetId));
        options ??= new DynamicBehaviorSetVersionListOptions();
        var version = options.Version?.ToString();
        var sortBy = options.SortBy?.ToQueryValues() is { Count: > 0 } sort ? sort : null;
        var pageSize = AmigoValidation.PageSize(options.PageSize, 1, DynamicBehaviorSetVersionListOptions.MaxPageSize, "options.PageSize");
        const string operation = "get-dynamic-behavior-set-versions";

        return new AmigoPageable<DynamicBehaviorSetVersion, GetDynamicBehaviorSetVersionsResponse>(
            operation,
            (token, limit, ct) => CallAsync(operation, c => Client.GetDynamicBehaviorSetVersionsAsync(
                OrganizationId, dynamicBehaviorSetId, version, limit, token, sortBy, cancellationToken: c), ct),
            r => (r.DynamicBehaviorSetVersions.AsReadOnly(), r.HasMore, r.ContinuationToken),
            hint => AmigoValidation.PageSize(hint, 1, DynamicBehaviorSetVersionListOptions.MaxPageSize, "pageSizeHint"),
            pageSize,
            cancellationToken);
    }
}
