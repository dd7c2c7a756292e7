namespace Amigo.Emulator;

/// <summary>A registered fault: which calls it hits and how often it has hit. Returned by <see cref="FaultInjector.Inject"/>.</summary>
public sealed class FaultRule
{
    private readonly TaskCompletionSource _firstHit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hits;

    internal FaultRule(EmulatorFault fault, string? operation, int? onCall, int times)
    {
        Fault = fault;
        Operation = operation;
        OnCall = onCall;
        Times = times;
    }

    /// <summary>The fault to inject.</summary>
    public EmulatorFault Fault { get; }

    /// <summary>The operation id it targets (see <see cref="EmulatorOperations"/>), or null for any operation.</summary>
    public string? Operation { get; }

    /// <summary>The 1-based call number (of <see cref="Operation"/>, or of all calls when null; for a webhook delivery
    /// rule, the delivery attempt number) from which the rule applies, or null to apply from the next call.</summary>
    public int? OnCall { get; }

    /// <summary>How many calls the rule hits at most.</summary>
    public int Times { get; }

    /// <summary>How many calls it has hit so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Completes when the rule first hits a call.</summary>
    public Task FirstHit => _firstHit.Task;

    internal bool TryHit(string operation, bool streaming, int operationCall, int globalCall)
    {
        if (Operation is not null && Operation != operation)
        {
            return false;
        }

        if (!Fault.AppliesTo(streaming))
        {
            return false;
        }

        var callNumber = Operation is null ? globalCall : operationCall;
        if (OnCall is int first && callNumber < first)
        {
            return false;
        }

        while (true)
        {
            var hits = Volatile.Read(ref _hits);
            if (hits >= Times)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _hits, hits + 1, hits) == hits)
            {
                _firstHit.TrySetResult();
                return true;
            }
        }
    }
}
