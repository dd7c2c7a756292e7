namespace Amigo.Tests.TestServer;

/// <summary>
/// A one-shot signal between a test and its scripted server. Waiting is guarded by a generous timeout so that a
/// broken test fails with the signal's name instead of hanging; the timeout is never the thing being measured.
/// </summary>
public sealed class Signal(string name)
{
    /// <summary>How long any wait in the test harness may take before the test is failed.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The signal's name, used in failure messages.</summary>
    public string Name { get; } = name;

    /// <summary>Whether <see cref="Set"/> was called.</summary>
    public bool IsSet => _source.Task.IsCompleted;

    /// <summary>Raises the signal; later calls do nothing.</summary>
    public void Set() => _source.TrySetResult();

    /// <summary>Waits for the signal, or until <paramref name="cancellationToken"/> (for example RequestAborted) fires.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _source.Task.WaitAsync(Guard, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Signal '{Name}' was not raised within {Guard.TotalSeconds} s.");
        }
    }
}
