using System.Runtime.CompilerServices;

namespace Amigo;

/// <summary>
/// A paged list of the Amigo API. Enumerate it with <c>await foreach</c> to get every item, fetching pages lazily as
/// the loop advances; or call <see cref="AsPages(int?, int?)"/> to walk page by page and resume from a saved token.
/// </summary>
/// <remarks>
/// Nothing is requested until enumeration starts, and each page is requested only when the loop reaches it: breaking
/// out early fetches no further page. One page is held at a time. Every enumeration starts a new walk. The token given
/// to the method that created the pageable and the one given to <c>WithCancellation</c> both cancel the walk, between
/// pages and during a request. A server that answers <c>has_more: true</c> with a missing or repeated continuation token
/// stops the walk with an <see cref="AmigoPagingException"/>.
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
public abstract class AmigoPageable<T> : IAsyncEnumerable<T>
{
    private protected AmigoPageable()
    {
    }

    /// <summary>Walks the list page by page.</summary>
    /// <param name="continuationToken">Where to start: a <see cref="AmigoPage{T}.ContinuationToken"/> saved from an earlier walk with the same filters, or null for the first page.</param>
    /// <param name="pageSizeHint">The page size to ask for (the operation's <c>limit</c>), overriding the options' page size; null for the options' or the server's default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSizeHint"/> is outside the operation's limit range, or <paramref name="continuationToken"/> is negative.</exception>
    public IAsyncEnumerable<AmigoPage<T>> AsPages(int? continuationToken = null, int? pageSizeHint = null) => AsPagesCore(continuationToken, pageSizeHint);

    /// <summary>Enumerates every item of every page, fetching pages as the loop reaches them.</summary>
    /// <param name="cancellationToken">Cancels the walk (combined with the token given when the pageable was created).</param>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPagesCore(null, null).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }

    private protected abstract IAsyncEnumerable<AmigoPage<T>> AsPagesCore(int? continuationToken, int? pageSizeHint);
}

/// <summary>A paged list whose pages also carry the operation's full response (<typeparamref name="TResponse"/>).</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <typeparam name="TResponse">The response type of the list operation.</typeparam>
public sealed class AmigoPageable<T, TResponse> : AmigoPageable<T>
{
    private readonly string _operation;
    private readonly Func<int?, int?, CancellationToken, Task<AmigoPage<T, TResponse>>> _fetchPage;
    private readonly Func<int?, int?> _validatePageSizeHint;
    private readonly int? _pageSize;
    private readonly CancellationToken _cancellationToken;

    /// <param name="operation">The operation id, for errors.</param>
    /// <param name="fetchPage">Requests one page: (continuation token or null, page size or null, cancellation) → response.</param>
    /// <param name="readPage">Reads items, has_more and the continuation token from a response.</param>
    /// <param name="validatePageSizeHint">Checks a page size hint against the operation's limit range (throws ArgumentOutOfRangeException).</param>
    /// <param name="pageSize">The page size from the options, used when no hint is given.</param>
    /// <param name="cancellationToken">The token given to the method that created this pageable.</param>
    internal AmigoPageable(
        string operation,
        Func<int?, int?, CancellationToken, Task<TResponse>> fetchPage,
        Func<TResponse, (IReadOnlyList<T> Items, bool HasMore, int? ContinuationToken)> readPage,
        Func<int?, int?> validatePageSizeHint,
        int? pageSize,
        CancellationToken cancellationToken)
        : this(
            operation,
            async (token, pageSize, ct) =>
            {
                // The page's request records its raw response here (see CallOptionsHandler).
                var scope = AmigoCallScope.Enter(null);
                var response = await fetchPage(token, pageSize, ct).ConfigureAwait(false);
                var (items, hasMore, next) = readPage(response);
                return new AmigoPage<T, TResponse>(items, hasMore, next, response, scope.Response);
            },
            validatePageSizeHint,
            pageSize,
            cancellationToken)
    {
    }

    /// <summary>A pageable whose pages come from <paramref name="fetchPage"/> as they are (see <see cref="AmigoPageable.FromPages"/>).</summary>
    internal AmigoPageable(
        string operation,
        Func<int?, int?, CancellationToken, Task<AmigoPage<T, TResponse>>> fetchPage,
        Func<int?, int?> validatePageSizeHint,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        _operation = operation;
        _fetchPage = fetchPage;
        _validatePageSizeHint = validatePageSizeHint;
        _pageSize = pageSize;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Walks the list page by page; each page carries the operation's full response.</summary>
    /// <param name="continuationToken">Where to start: a <see cref="AmigoPage{T}.ContinuationToken"/> saved from an earlier walk with the same filters, or null for the first page.</param>
    /// <param name="pageSizeHint">The page size to ask for (the operation's <c>limit</c>), overriding the options' page size; null for the options' or the server's default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSizeHint"/> is outside the operation's limit range, or <paramref name="continuationToken"/> is negative.</exception>
    public new IAsyncEnumerable<AmigoPage<T, TResponse>> AsPages(int? continuationToken = null, int? pageSizeHint = null)
    {
        if (continuationToken is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(continuationToken), continuationToken, "continuationToken must not be negative.");
        }

        var pageSize = _validatePageSizeHint(pageSizeHint) ?? _pageSize;
        return WalkAsync(continuationToken, pageSize, CancellationToken.None);
    }

    private protected override IAsyncEnumerable<AmigoPage<T>> AsPagesCore(int? continuationToken, int? pageSizeHint) => AsPages(continuationToken, pageSizeHint);

    private async IAsyncEnumerable<AmigoPage<T, TResponse>> WalkAsync(
        int? continuationToken, int? pageSize, [EnumeratorCancellation] CancellationToken enumerationToken)
    {
        using var linked = _cancellationToken.CanBeCanceled && enumerationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, enumerationToken)
            : null;
        var cancellationToken = linked?.Token ?? (enumerationToken.CanBeCanceled ? enumerationToken : _cancellationToken);

        // Tokens this walk has requested. A first request without a token asks for the server's default, 0.
        var requested = new HashSet<int> { continuationToken ?? 0 };
        var token = continuationToken;
        for (var pageNumber = 1; ; pageNumber++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await FetchPageAsync(token, pageSize, cancellationToken).ConfigureAwait(false);
            yield return page;

            var (hasMore, next) = (page.HasMore, page.ContinuationToken);
            page = null; // hold no page while the next one is fetched

            if (!hasMore)
            {
                yield break;
            }

            if (next is not { } nextToken)
            {
                throw AmigoPagingException.MissingToken(_operation, token, pageNumber);
            }

            if (!requested.Add(nextToken))
            {
                throw AmigoPagingException.RepeatedToken(_operation, token, nextToken, pageNumber);
            }

            token = nextToken;
        }
    }

    private Task<AmigoPage<T, TResponse>> FetchPageAsync(int? token, int? pageSize, CancellationToken cancellationToken) =>
        _fetchPage(token, pageSize, cancellationToken);
}

/// <summary>Builds pageables that are not backed by the API, for unit tests of code that walks them.</summary>
public static class AmigoPageable
{
    /// <summary>
    /// A pageable that yields <paramref name="pages"/> in order, like Azure.Core's <c>Pageable.FromPages</c>: the first
    /// page, then the page after the one whose <see cref="AmigoPage{T}.ContinuationToken"/> is asked for. It walks and
    /// fails like a pageable of the client: a page with <see cref="AmigoPage{T}.HasMore"/> and no token, or a token
    /// repeated, ends the walk with <see cref="AmigoPagingException"/>.
    /// </summary>
    /// <param name="pages">The pages (see <see cref="AmigoModelFactory.Page"/>); every one but the last has <c>HasMore</c> and a token.</param>
    /// <param name="operation">The operation named in errors.</param>
    /// <exception cref="ArgumentException">There is no page, or two pages carry the same continuation token.</exception>
    public static AmigoPageable<T, TResponse> FromPages<T, TResponse>(IEnumerable<AmigoPage<T, TResponse>> pages, string operation = "fake-list")
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(operation);
        var list = pages.ToArray();
        if (list.Length == 0 || list.Any(page => page is null))
        {
            throw new ArgumentException("FromPages needs at least one page, and no null page.", nameof(pages));
        }

        // The page a token leads to: the first page for none (or 0, the server's first page), then the one after each token.
        var next = new Dictionary<int, AmigoPage<T, TResponse>>();
        for (var i = 0; i < list.Length - 1; i++)
        {
            if (list[i].ContinuationToken is { } token && !next.TryAdd(token, list[i + 1]))
            {
                throw new ArgumentException($"Two pages carry continuation token {token}.", nameof(pages));
            }
        }

        return new AmigoPageable<T, TResponse>(
            operation,
            (token, _, cancellationToken) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (token is null or 0 && !next.ContainsKey(0))
                {
                    return Task.FromResult(list[0]);
                }

                return next.TryGetValue(token ?? 0, out var page)
                    ? Task.FromResult(page)
                    : throw new ArgumentException($"The fake {operation} pageable has no page after continuation token {token}.", "continuationToken");
            },
            hint => hint is null or > 0 ? hint : throw new ArgumentOutOfRangeException("pageSizeHint", hint, "pageSizeHint must be positive."),
            null,
            CancellationToken.None);
    }
}
