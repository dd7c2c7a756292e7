namespace Amigo;

/// <summary>No event arrived within the configured idle timeout (<see cref="AmigoStreamOptions.IdleTimeout"/>); the connection was closed.</summary>
public sealed class AmigoStreamIdleTimeoutException : AmigoStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="idleTimeout">The idle timeout that elapsed.</param>
    /// <param name="operation">The API operation whose stream stalled.</param>
    /// <param name="lineNumber">The last line read.</param>
    /// <param name="eventsSeen">How many events had been yielded to the caller.</param>
    /// <param name="recentEvents">The last events yielded, oldest first.</param>
    /// <param name="innerException">The cancellation that stopped the read.</param>
    public AmigoStreamIdleTimeoutException(
        TimeSpan idleTimeout,
        string operation,
        long lineNumber,
        long eventsSeen,
        IReadOnlyList<object> recentEvents,
        Exception? innerException = null)
        : base($"No event arrived for {idleTimeout.TotalSeconds:0.###} s (the stream idle timeout)",
            operation, lineNumber, null, eventsSeen, recentEvents, innerException)
    {
        IdleTimeout = idleTimeout;
    }

    /// <summary>The idle timeout that elapsed.</summary>
    public TimeSpan IdleTimeout { get; }
}
