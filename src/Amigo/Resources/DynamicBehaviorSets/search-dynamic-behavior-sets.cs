using Amigo.Generated;

namespace Amigo;

public partial class DynamicBehaviorSetsResource
{
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
}
