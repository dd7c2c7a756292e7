namespace Amigo.Emulator;

/// <summary>
/// A response that stops making progress until released. Await <see cref="Reached"/> to know the server is stalled,
/// then call <see cref="Release"/> (or cancel the client request) to let it go on. Once released, later hits of the
/// same fault pass straight through.
/// </summary>
public sealed class StallFault : EmulatorFault
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal StallFault(int? afterEvents) => AfterEvents = afterEvents;

    /// <summary>Events sent before stalling (streams only), or null to stall before the response starts.</summary>
    public int? AfterEvents { get; }

    /// <summary>Completes when a request first reaches the stall.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Whether <see cref="Release"/> has been called.</summary>
    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Lets every stalled (and future) response continue.</summary>
    public void Release() => _released.TrySetResult();

    internal override bool AppliesTo(bool streaming) => streaming || AfterEvents is null;

    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
