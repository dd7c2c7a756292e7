namespace Amigo;

/// <summary>Reads one page of a paged response for <see cref="AmigoPageable{T, TResponse}"/>.</summary>
internal static class AmigoPaging
{
    /// <summary>The items (none when a tolerant decode left the list out), whether more follow, and the next token.</summary>
    public static (IReadOnlyList<T> Items, bool HasMore, int? ContinuationToken) Read<T>(IList<T>? items, bool? hasMore, int? continuationToken) =>
        (items is null ? Array.Empty<T>() : items.AsReadOnly(), hasMore ?? false, continuationToken);

    /// <summary>
    /// <see cref="Read{T}(IList{T}, bool?, int?)"/> for a response whose spec leaves the token untyped: an integer
    /// (or a string holding one) is the token; anything else counts as missing, which fails the walk if more pages follow.
    /// </summary>
    public static (IReadOnlyList<T> Items, bool HasMore, int? ContinuationToken) Read<T>(IList<T>? items, bool? hasMore, object? continuationToken) =>
        Read(items, hasMore, continuationToken switch
        {
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            Newtonsoft.Json.Linq.JValue { Value: long l } when l is >= int.MinValue and <= int.MaxValue => (int)l,
            string s when int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => (int?)null,
        });
}
