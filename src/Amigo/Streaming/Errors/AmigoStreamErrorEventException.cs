namespace Amigo;

/// <summary>
/// The server sent an <c>error</c> event inside a stream that had started with a success status. Whether the
/// interaction counts depends on <see cref="Phase"/>.
/// </summary>
public sealed class AmigoStreamErrorEventException : AmigoStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="httpErrorCode">The HTTP status code the error event carries.</param>
    /// <param name="errorDescription">The description the error event carries.</param>
    /// <param name="phase">Whether the error came before or after <c>interaction-complete</c>.</param>
    /// <param name="operation">The API operation whose stream reported the error.</param>
    /// <param name="lineNumber">The line of the error event.</param>
    /// <param name="eventsSeen">How many events had been yielded to the caller.</param>
    /// <param name="recentEvents">The last events yielded, oldest first.</param>
    public AmigoStreamErrorEventException(
        int httpErrorCode,
        string errorDescription,
        StreamErrorPhase phase,
        string operation,
        long lineNumber,
        long eventsSeen,
        IReadOnlyList<object> recentEvents)
        : base(Describe(httpErrorCode, errorDescription, phase), operation, lineNumber, null, eventsSeen, recentEvents,
            AmigoApiException.Create(httpErrorCode, errorDescription, operation))
    {
        HttpErrorCode = httpErrorCode;
        ErrorDescription = errorDescription;
        Phase = phase;
    }

    /// <summary>The HTTP status code the error event carries.</summary>
    public int HttpErrorCode { get; }

    /// <summary>
    /// The error as the typed API exception its status code maps to (for example <see cref="AmigoServiceUnavailableException"/>
    /// for 503), so stream errors can be handled like any other API error. Also the <see cref="Exception.InnerException"/>.
    /// </summary>
    public AmigoApiException ApiError => (AmigoApiException)InnerException!;

    /// <summary>The description the error event carries.</summary>
    public string ErrorDescription { get; }

    /// <summary>Whether the error came before or after <c>interaction-complete</c>.</summary>
    public StreamErrorPhase Phase { get; }

    /// <summary>
    /// <see langword="true"/> when the error came before <c>interaction-complete</c>: the interaction did not
    /// happen and should be sent again.
    /// </summary>
    public bool InteractionVoided => Phase == StreamErrorPhase.BeforeInteractionComplete;

    private static string Describe(int code, string description, StreamErrorPhase phase)
    {
        const int MaxDescription = 300;
        if (description.Length > MaxDescription)
        {
            description = description.Substring(0, MaxDescription) + "…";
        }
        return phase switch
        {
            StreamErrorPhase.BeforeInteractionComplete =>
                $"The server reported error {code} ({description}) before interaction-complete: the interaction is void; retry it",
            _ =>
                $"The server reported error {code} ({description}) after interaction-complete: the interaction was saved but post-processing failed; call finish-conversation to retry the post-processing",
        };
    }
}
