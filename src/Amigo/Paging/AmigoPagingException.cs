namespace Amigo;

/// <summary>
/// The server broke the paging contract: it answered <c>has_more: true</c> without a continuation token, or with a
/// token it had already given. Walking on would loop forever, so the walk stops with this error. The pages before
/// it were delivered normally.
/// </summary>
public sealed class AmigoPagingException : AmigoException
{
    /// <summary>Creates the exception, for example in a test of code that handles it.</summary>
    /// <param name="operation">The list operation.</param>
    /// <param name="requestToken">The continuation token of the broken request.</param>
    /// <param name="returnedToken">The token the broken response carried.</param>
    /// <param name="pageNumber">The 1-based number of the broken page.</param>
    /// <param name="message">What was broken.</param>
    public AmigoPagingException(string operation, int? requestToken, int? returnedToken, int pageNumber, string message)
        : base(message)
    {
        Operation = operation;
        RequestToken = requestToken;
        ReturnedToken = returnedToken;
        PageNumber = pageNumber;
    }

    /// <summary>The list operation, for example <c>get-conversations</c>.</summary>
    public string Operation { get; }

    /// <summary>The continuation token of the request whose response was broken (null for a walk's first request without one).</summary>
    public int? RequestToken { get; }

    /// <summary>The continuation token the broken response carried (null if it had none).</summary>
    public int? ReturnedToken { get; }

    /// <summary>The 1-based number of the broken page within this walk.</summary>
    public int PageNumber { get; }

    internal static AmigoPagingException MissingToken(string operation, int? requestToken, int pageNumber) => new(
        operation, requestToken, null, pageNumber,
        $"Amigo operation {operation} returned page {pageNumber} (continuation token {Describe(requestToken)}) with has_more=true but no continuation token; stopping instead of guessing the next page.");

    internal static AmigoPagingException RepeatedToken(string operation, int? requestToken, int returnedToken, int pageNumber) => new(
        operation, requestToken, returnedToken, pageNumber,
        $"Amigo operation {operation} returned page {pageNumber} (continuation token {Describe(requestToken)}) with has_more=true and continuation token {returnedToken}, which this walk has already requested; stopping instead of looping.");

    private static string Describe(int? token) => token?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
