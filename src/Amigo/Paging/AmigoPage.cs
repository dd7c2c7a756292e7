namespace Amigo;

/// <summary>One page of a paged list: its items, whether more follow, and the token that fetches the next page.</summary>
/// <typeparam name="T">The item type.</typeparam>
public class AmigoPage<T>
{
    private protected AmigoPage(IReadOnlyList<T> items, bool hasMore, int? continuationToken, AmigoResponse? rawResponse)
    {
        Items = items;
        HasMore = hasMore;
        ContinuationToken = hasMore ? continuationToken : null;
        RawResponse = rawResponse;
    }

    /// <summary>
    /// The raw response of the request that fetched this page: status, headers, request id and rate-limit
    /// information (paged methods have no <c>…WithResponseAsync</c> variant; each page carries its own). Null for a
    /// page that was not fetched from the API (<see cref="AmigoModelFactory.Page"/> without one).
    /// </summary>
    public AmigoResponse? RawResponse { get; }

    /// <summary>The items of this page, in the order the server returned them. May be empty even when <see cref="HasMore"/> is true
    /// (the server filters by the caller's permissions after choosing the page).</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>Whether the server has more items after this page.</summary>
    public bool HasMore { get; }

    /// <summary>
    /// The token that fetches the next page, or null when this is the last page. Save it and pass it to
    /// <see cref="AmigoPageable{T}.AsPages(int?, int?)"/> to resume later with the same filters.
    /// </summary>
    public int? ContinuationToken { get; }

    /// <summary>Describes the page.</summary>
    public override string ToString() => $"AmigoPage({Items.Count} items, HasMore={HasMore}, ContinuationToken={ContinuationToken?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
}

/// <summary>One page of a paged list, with the full response the server returned for it.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <typeparam name="TResponse">The response type of the list operation.</typeparam>
public sealed class AmigoPage<T, TResponse> : AmigoPage<T>
{
    internal AmigoPage(IReadOnlyList<T> items, bool hasMore, int? continuationToken, TResponse response, AmigoResponse? rawResponse = null)
        : base(items, hasMore, continuationToken, rawResponse)
    {
        Response = response;
    }

    /// <summary>
    /// The response of the list operation for this page, with any field beyond the items: for example
    /// <see cref="Amigo.Generated.GetDynamicBehaviorSetsResponse.FilterValues"/>, which the server sends on the first page only.
    /// </summary>
    public TResponse Response { get; }
}
