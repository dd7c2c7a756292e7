namespace Amigo;

/// <summary>The stream lasted longer than <see cref="AmigoStreamOptions.MaxDuration"/>; the connection was closed.</summary>
public sealed class AmigoStreamMaxDurationException : AmigoStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="maxDuration">The maximum duration that passed.</param>
    /// <param name="operation">The API operation whose stream ran too long.</param>
    /// <param name="lineNumber">The last line read.</param>
    /// <param name="eventsSeen">How many events had been yielded to the caller.</param>
    /// <param name="recentEvents">The last events yielded, oldest first.</param>
    /// <param name="innerException">The cancellation that stopped the read, if one was pending.</param>
    public AmigoStreamMaxDurationException(
        TimeSpan maxDuration,
        string operation,
        long lineNumber,
        long eventsSeen,
        IReadOnlyList<object> recentEvents,
        Exception? innerException = null)
        : base($"The stream did not end within its maximum duration of {maxDuration.TotalSeconds:0.###} s",
            operation, lineNumber, null, eventsSeen, recentEvents, innerException)
    {
        MaxDuration = maxDuration;
    }

    /// <summary>The maximum duration that passed.</summary>
    public TimeSpan MaxDuration { get; }
}
