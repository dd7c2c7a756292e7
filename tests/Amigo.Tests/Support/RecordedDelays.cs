using System.Collections.Concurrent;

namespace Amigo.Tests.Support;

/// <summary>Replaces backoff waits: records each requested delay and completes at once (or waits for cancellation when told).</summary>
public sealed class RecordedDelays
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    /// <summary>When true, a delay never completes on its own: it ends only through cancellation.</summary>
    public bool BlockUntilCancelled { get; set; }

    /// <summary>Completed when the first delay starts.</summary>
    public TaskCompletionSource DelayStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        _delays.Enqueue(delay);
        DelayStarted.TrySetResult();
        return BlockUntilCancelled ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.CompletedTask;
    }
}
