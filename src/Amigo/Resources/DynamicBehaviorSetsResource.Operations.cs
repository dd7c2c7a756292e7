using System.Text;
using Amigo.Generated;
using Newtonsoft.Json;

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

    /// <summary>Creates a dynamic behavior set together with its initial version (<c>create-dynamic-behavior-set</c>, HTTP 201).</summary>
    /// <remarks>
    /// Permissions: <c>DynamicBehaviorInstruction:CreateDynamicBehaviorInstruction</c> and
    /// <c>DynamicBehaviorInstruction:UpdateDynamicBehaviorInstruction</c> on the set to create. Rate limit: 200 requests per minute.
    /// </remarks>
    /// <param name="request">
    /// The name (not blank), tags (at most 20; letters, digits, underscores or spaces; values up to 100 characters or null),
    /// the services it applies to (24-hex ids), and the initial version: whether to activate the set, 1–50 conversation
    /// triggers, and the actions.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, with the id of the new set (<see cref="CreateDynamicBehaviorSetResponse.DynamicBehaviorSetId"/>).</returns>
    /// <exception cref="ArgumentException">A field of <paramref name="request"/> breaks the rules above.</exception>
    /// <exception cref="AmigoConflictException">The initial version is active and an active set with the same name exists.</exception>
    [AmigoOperation("create-dynamic-behavior-set")]
    public virtual Task<CreateDynamicBehaviorSetResponse> CreateAsync(CreateDynamicBehaviorSetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AmigoValidation.NonBlank(request.Name, "request.Name");
        if (request.Tags is null)
        {
            throw new ArgumentNullException("request.Tags", "request.Tags is required (it may be empty).");
        }

        AmigoValidation.Tags(request.Tags, "request.Tags");
        if (request.AppliedToServices is null)
        {
            throw new ArgumentNullException("request.AppliedToServices", "request.AppliedToServices is required (it may be empty).");
        }

        AmigoValidation.ObjectIds(request.AppliedToServices, "request.AppliedToServices", distinct: false);
        if (request.InitialVersion is null)
        {
            throw new ArgumentNullException("request.InitialVersion", "request.InitialVersion is required.");
        }

        AmigoValidation.ConversationTriggers(request.InitialVersion.ConversationTriggers, "request.InitialVersion.ConversationTriggers");
        CheckActions(request.InitialVersion.Actions, "request.InitialVersion.Actions");
        return CallAsync(
            "create-dynamic-behavior-set",
            c => Client.CreateDynamicBehaviorSetAsync(OrganizationId, request, cancellationToken: c),
            cancellationToken);
    }

    /// <summary>
    /// Updates a dynamic behavior set (<c>update-dynamic-behavior-set</c>, HTTP 204). Only the fields set in
    /// <paramref name="update"/> are sent; the others keep their current values. A field set to null is sent as null.
    /// </summary>
    /// <remarks>
    /// Permissions: <c>DynamicBehaviorInstruction:UpdateDynamicBehaviorInstruction</c> on the set. Rate limit: 500 requests per minute.
    /// </remarks>
    /// <param name="dynamicBehaviorSetId">The set to update (24-hex id).</param>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The id is not a 24-hex id, or a set field breaks the rules of <see cref="DynamicBehaviorSetUpdate"/>.</exception>
    /// <exception cref="AmigoConflictException">Another active set with the same name exists.</exception>
    [AmigoOperation("update-dynamic-behavior-set")]
    public virtual Task UpdateAsync(string dynamicBehaviorSetId, DynamicBehaviorSetUpdate update, CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(dynamicBehaviorSetId, nameof(dynamicBehaviorSetId));
        ArgumentNullException.ThrowIfNull(update);
        var body = update.ToJson(nameof(update)).ToString(Formatting.None);

        // The generated request type drops null fields, so the body is written here: set fields only, nulls kept.
        return SendWithoutResultAsync(HttpMethod.Post, dynamicBehaviorSetId, body, "update-dynamic-behavior-set", cancellationToken);
    }

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

    /// <summary>Creates a new version of a dynamic behavior set (<c>create-dynamic-behavior-set-version</c>, HTTP 201).</summary>
    /// <remarks>
    /// Pass <paramref name="expectedVersion"/> to create the version only if it is the next one: an optimistic check
    /// against a concurrent writer. Permissions: <c>DynamicBehaviorInstruction:UpdateDynamicBehaviorInstruction</c> on
    /// the set. Rate limit: 200 requests per minute.
    /// </remarks>
    /// <param name="dynamicBehaviorSetId">The set (24-hex id).</param>
    /// <param name="request">The version: 1–50 conversation triggers and the actions.</param>
    /// <param name="expectedVersion">The number the new version must get (<c>version</c>, 2 or more); null to take the next number, whatever it is.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, with the number of the new version (<see cref="CreateDynamicBehaviorSetVersionResponse.NewVersionNumber"/>).</returns>
    /// <exception cref="ArgumentException">The id is not a 24-hex id, <paramref name="expectedVersion"/> is less than 2, or the request breaks the rules above.</exception>
    /// <exception cref="AmigoUnexpectedVersionException"><paramref name="expectedVersion"/> is not the set's next version number (HTTP 400).</exception>
    [AmigoOperation("create-dynamic-behavior-set-version")]
    public virtual Task<CreateDynamicBehaviorSetVersionResponse> CreateVersionAsync(
        string dynamicBehaviorSetId,
        CreateDynamicBehaviorSetVersionRequest request,
        int? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(dynamicBehaviorSetId, nameof(dynamicBehaviorSetId));
        ArgumentNullException.ThrowIfNull(request);
        AmigoValidation.ConversationTriggers(request.ConversationTriggers, "request.ConversationTriggers");
        CheckActions(request.Actions, "request.Actions");
        if (expectedVersion is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedVersion), expectedVersion, $"expectedVersion must be 2 or more (version 1 is the set's initial version), but was {expectedVersion}.");
        }

        return RunAsync();

        async Task<CreateDynamicBehaviorSetVersionResponse> RunAsync()
        {
            try
            {
                return await CallAsync(
                    "create-dynamic-behavior-set-version",
                    c => Client.CreateDynamicBehaviorSetVersionAsync(OrganizationId, dynamicBehaviorSetId, request, expectedVersion, cancellationToken: c),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (AmigoBadRequestException ex) when (expectedVersion is { } expected)
            {
                throw new AmigoUnexpectedVersionException(dynamicBehaviorSetId, expected, ex);
            }
        }
    }

    /// <summary>
    /// Searches dynamic behavior sets whose name or latest version's triggers contain <paramref name="query"/>
    /// (<c>search-dynamic-behavior-sets</c>). Not paged: the top 50 results, most relevant first.
    /// </summary>
    /// <remarks>
    /// Permissions: only sets the user has <c>DynamicBehaviorInstruction:GetDynamicBehaviorInstruction</c> on are returned.
    /// Rate limit: 50 requests per minute.
    /// </remarks>
    /// <param name="query">The terms to search for (not blank).</param>
    /// <param name="options">Filters; null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to 50 sets, most relevant first.</returns>
    /// <exception cref="ArgumentException"><paramref name="query"/> is blank, or a filter is malformed.</exception>
    [AmigoOperation("search-dynamic-behavior-sets")]
    public virtual Task<IReadOnlyList<DynamicBehaviorSetInstance>> SearchAsync(
        string query, DynamicBehaviorSetSearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        AmigoValidation.NonBlank(query, nameof(query));
        options ??= new DynamicBehaviorSetSearchOptions();
        var appliedToServices = AmigoValidation.ObjectIds(options.AppliedToServices, "options.AppliedToServices", distinct: true);
        var creators = AmigoCreator.ToQueryValues(options.Creators, "options.Creators");
        var tags = AmigoTagFilter.ToQueryValues(options.Tags, "options.Tags");
        var isActive = options.IsActive;
        return RunAsync();

        async Task<IReadOnlyList<DynamicBehaviorSetInstance>> RunAsync()
        {
            var response = await CallAsync(
                "search-dynamic-behavior-sets",
                c => Client.SearchDynamicBehaviorSetsAsync(OrganizationId, query, isActive, appliedToServices, creators, tags, cancellationToken: c),
                cancellationToken).ConfigureAwait(false);
            return response.DynamicBehaviorSets.AsReadOnly();
        }
    }

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

    /// <summary>Sends a request to <c>dynamic_behavior_set/{id}/</c> whose response body, if any, carries nothing to read.</summary>
    private async Task SendWithoutResultAsync(HttpMethod method, string dynamicBehaviorSetId, string? jsonBody, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"v1/{Uri.EscapeDataString(OrganizationId)}/dynamic_behavior_set/{dynamicBehaviorSetId}/");
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, operation, cancellationToken).ConfigureAwait(false);
    }

    private static void CheckActions<TAction>(IList<TAction>? actions, string paramName)
        where TAction : class
    {
        if (actions is null)
        {
            throw new ArgumentNullException(paramName, $"{paramName} is required (it may be empty).");
        }

        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] is null)
            {
                throw new ArgumentException($"{paramName}[{i}] is null.", paramName);
            }
        }
    }
}
