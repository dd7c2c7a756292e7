using System.Text;

namespace Amigo;

/// <summary>
/// An event stream failed after the server had started answering: a malformed or oversized line, a broken
/// connection, a stall, or an error the server reported inside the stream. Every event before the failure was
/// already yielded to the caller; this exception says where the stream broke and what had been received.
/// </summary>
public class AmigoStreamException : AmigoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What went wrong, as one sentence without a trailing period.</param>
    /// <param name="operation">The API operation whose stream failed, for example <c>interact-with-conversation</c>.</param>
    /// <param name="lineNumber">The 1-based line where the failure occurred, or the last line read (0 if none).</param>
    /// <param name="excerpt">A short excerpt of the offending line, if a line was at fault.</param>
    /// <param name="eventsSeen">How many events had been yielded to the caller.</param>
    /// <param name="recentEvents">The last events yielded, oldest first.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public AmigoStreamException(
        string problem,
        string operation,
        long lineNumber,
        string? excerpt,
        long eventsSeen,
        IReadOnlyList<object> recentEvents,
        Exception? innerException = null)
        : base(Describe(problem, operation, lineNumber, excerpt, eventsSeen), innerException)
    {
        Operation = operation;
        LineNumber = lineNumber;
        Excerpt = excerpt;
        EventsSeen = eventsSeen;
        RecentEvents = recentEvents;
    }

    /// <summary>The API operation whose stream failed, for example <c>interact-with-conversation</c>.</summary>
    public string Operation { get; }

    /// <summary>
    /// The 1-based line of the response body where the failure occurred (blank lines count), or the last line read
    /// when the failure was not caused by a line (0 if no line had arrived).
    /// </summary>
    public long LineNumber { get; }

    /// <summary>A short excerpt of the offending line (at most 80 characters and an ellipsis), or <see langword="null"/>.</summary>
    public string? Excerpt { get; }

    /// <summary>How many events the caller had received before the failure.</summary>
    public long EventsSeen { get; }

    /// <summary>The last events (up to 16) the caller had received before the failure, oldest first.</summary>
    public IReadOnlyList<object> RecentEvents { get; }

    private static string Describe(string problem, string operation, long lineNumber, string? excerpt, long eventsSeen)
    {
        var message = new StringBuilder(problem.Length + 160);
        message.Append(problem).Append(". Operation '").Append(operation).Append("', line ").Append(lineNumber)
            .Append(", after ").Append(eventsSeen).Append(eventsSeen == 1 ? " event" : " events").Append(" received.");
        if (excerpt is not null)
        {
            message.Append(" Line starts: ").Append(excerpt);
        }
        return message.ToString();
    }
}
