namespace Amigo;

/// <summary>How the SDK reads NDJSON event streams (create-conversation, interact-with-conversation).</summary>
public sealed class AmigoStreamOptions
{
    /// <summary>The default <see cref="IdleTimeout"/>: two minutes.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The default <see cref="MaxLineLength"/>: 16 MiB.</summary>
    public const int DefaultMaxLineLength = 16 * 1024 * 1024;

    private TimeSpan _idleTimeout = DefaultIdleTimeout;
    private TimeSpan _maxDuration = Timeout.InfiniteTimeSpan;
    private int _maxLineLength = DefaultMaxLineLength;

    /// <summary>
    /// How long the stream may wait for its next event before it fails with <see cref="AmigoStreamIdleTimeoutException"/>
    /// and the connection is closed. Only events count as activity: the timer restarts when a complete, non-blank
    /// line has arrived, not on every byte, so blank lines (or a line trickling in) cannot keep a stream alive. The
    /// time the caller spends on an event does not count. <see cref="Timeout.InfiniteTimeSpan"/> disables the check.
    /// </summary>
    public TimeSpan IdleTimeout
    {
        get => _idleTimeout;
        set => _idleTimeout = RequireTimeout(value, "idle timeout");
    }

    /// <summary>
    /// The longest the whole stream may last, from sending the request to its last event, including the time the
    /// caller spends on each event. When it passes, the stream fails with <see cref="AmigoStreamMaxDurationException"/>
    /// and the connection is closed. Default <see cref="Timeout.InfiniteTimeSpan"/>: a turn may take as long as its
    /// events keep coming (see <see cref="IdleTimeout"/>).
    /// </summary>
    public TimeSpan MaxDuration
    {
        get => _maxDuration;
        set => _maxDuration = RequireTimeout(value, "maximum duration");
    }

    /// <summary>
    /// The longest line (one event) accepted, in bytes. A longer line fails with <see cref="AmigoStreamException"/>
    /// as soon as it exceeds the limit, before it is buffered whole.
    /// </summary>
    public int MaxLineLength
    {
        get => _maxLineLength;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1024 * 1024 * 1024);
            _maxLineLength = value;
        }
    }

    /// <summary>
    /// When <see langword="false"/> (the default), an <c>error</c> event in a stream throws
    /// <see cref="AmigoStreamErrorEventException"/>. When <see langword="true"/>, it is yielded as an event instead.
    /// </summary>
    public bool YieldErrorEvents { get; set; }

    /// <summary>Returns a copy, so a running stream is not affected by later changes.</summary>
    public AmigoStreamOptions Clone() => (AmigoStreamOptions)MemberwiseClone();

    private static TimeSpan RequireTimeout(TimeSpan value, string what)
    {
        if (value != Timeout.InfiniteTimeSpan && (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                $"The {what} must be positive and at most int.MaxValue milliseconds, or Timeout.InfiniteTimeSpan.");
        }
        return value;
    }
}
