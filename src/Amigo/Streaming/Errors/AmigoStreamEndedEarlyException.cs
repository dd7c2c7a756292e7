namespace Amigo;

/// <summary>
/// The connection closed, cleanly or not, before the stream's terminal event (for conversations,
/// <c>interaction-complete</c>) arrived. The interaction may or may not have happened on the server.
/// </summary>
public sealed class AmigoStreamEndedEarlyException : AmigoStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The API operation whose stream ended early.</param>
    /// <param name="lineNumber">The last line read.</param>
    /// <param name="eventsSeen">How many events had been yielded to the caller.</param>
    /// <param name="recentEvents">The last events yielded, oldest first.</param>
    /// <param name="innerException">The network failure, or <see langword="null"/> if the server ended the response cleanly.</param>
    public AmigoStreamEndedEarlyException(
        string operation,
        long lineNumber,
        long eventsSeen,
        IReadOnlyList<object> recentEvents,
        Exception? innerException = null)
        : base(innerException is null
                ? "The server ended the stream before its terminal event"
                : $"The connection broke before the stream's terminal event ({innerException.Message})",
            operation, lineNumber, null, eventsSeen, recentEvents, innerException)
    {
    }

    /// <summary>Whether the connection broke (as opposed to the server ending the response cleanly).</summary>
    public bool ConnectionBroken => InnerException is not null;
}
