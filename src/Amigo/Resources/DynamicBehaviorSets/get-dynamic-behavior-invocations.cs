using Amigo.Generated;

namespace Amigo;

public partial class DynamicBehaviorSetsResource
{
    /// <summary>
    /// Lists the invocations of a dynamic behavior set: when and where in which conversation it was activated
    /// (<c>get-dynamic-behavior-invocations</c>), page by page as the caller enumerates. Nothing is requested until enumeration starts.
    /// </summary>
    /// <remarks>
    /// Permissions: <c>DynamicBehaviorInstruction:GetDynamicBehaviorInstruction</c> on the set; only invocations from
    /// messages the user has <c>Conversation:GetMessage</c> on are returned. Rate limit: 50 requests per minute.
    /// </remarks>
    /// <param name="dynamicBehaviorSetId">The set (24-hex id).</param>
    /// <param name="options">Order and page size; null for the server's defaults.</param>
    /// <param name="cancellationToken">Cancels the walk, between pages and during a request.</param>
    /// <returns>The invocations; enumerate with <c>await foreach</c>, or walk pages with <see cref="AmigoPageable{T, TResponse}.AsPages"/>.</returns>
    /// <exception cref="ArgumentException">The id is not a 24-hex id, or the page size is outside 1–30.</exception>
    [AmigoOperation("get-dynamic-behavior-invocations")]
    public virtual AmigoPageable<DynamicBehaviorInvocation, GetDynamicBehaviorInvocationsResponse> ListInvocationsAsync(
        string dynamicBehaviorSetId, DynamicBehaviorInvocationListOptions? options = null, CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(dynamicBehaviorSetId, nameof(dynamicBehaviorSetId));
        options ??= new DynamicBehaviorInvocationListOptions();
        var sortBy = options.SortBy?.ToQueryValues() is { Count: > 0 } sort ? sort : null;
        var pageSize = AmigoValidation.PageSize(options.PageSize, 1, DynamicBehaviorInvocationListOptions.MaxPageSize, "options.PageSize");
        const string operation = "get-dynamic-behavior-invocations";

        return new AmigoPageable<DynamicBehaviorInvocation, GetDynamicBehaviorInvocationsResponse>(
            operation,
            (token, limit, ct) => CallAsync(operation, c => Client.GetDynamicBehaviorInvocationsAsync(
                OrganizationId, dynamicBehaviorSetId, limit, token, sortBy, cancellationToken: c), ct),
            r => (r.DynamicBehaviorInvocations.AsReadOnly(), r.HasMore, r.ContinuationToken),
            hint => AmigoValidation.PageSize(hint, 1, DynamicBehaviorInvocationListOptions.MaxPageSize, "pageSizeHint"),
            pageSize,
            cancellationToken);
    }
}
