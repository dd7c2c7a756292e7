using System.Collections.Concurrent;

namespace Amigo.Emulator;

/// <summary>
/// Registers faults and picks the one (at most) that applies to each incoming call. Rules are checked in the order
/// they were added; the first that matches hits. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly List<FaultRule> _deliveryRules = [];
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _globalCalls;
    private int _deliveryAttempts;

    /// <summary>Registers a fault.</summary>
    /// <param name="fault">The fault, from the <see cref="EmulatorFault"/> factories.</param>
    /// <param name="operation">An operation id from <see cref="EmulatorOperations"/>, or null for any operation.</param>
    /// <param name="onCall">The 1-based call number from which the fault applies (counting calls to
    /// <paramref name="operation"/>, or all calls when it is null, since the emulator started). Null: the next call.</param>
    /// <param name="times">How many calls to hit; <see cref="int.MaxValue"/> for every call.</param>
    /// <returns>The rule, to observe its hits.</returns>
    public FaultRule Inject(EmulatorFault fault, string? operation = null, int? onCall = null, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault is WebhookDeliveryFault)
        {
            throw new ArgumentException("Webhook delivery faults apply to deliveries, not API calls: use InjectDelivery.", nameof(fault));
        }

        if (operation is not null && !EmulatorOperations.All.Contains(operation))
        {
            throw new ArgumentException($"Unknown operation id '{operation}'. Use the EmulatorOperations constants.",
                nameof(operation));
        }

        return Add(_rules, fault, operation, onCall, nameof(onCall), times);
    }

    /// <summary>Registers a fault for outgoing webhook delivery attempts (every attempt counts, retries included).</summary>
    /// <param name="fault">The fault, from the <c>EmulatorFault.Webhook*</c> factories.</param>
    /// <param name="onAttempt">The 1-based delivery attempt number (counting all deliveries since the emulator started)
    /// from which the fault applies. Null: the next attempt.</param>
    /// <param name="times">How many attempts to hit; <see cref="int.MaxValue"/> for every attempt.</param>
    /// <returns>The rule, to observe its hits.</returns>
    public FaultRule InjectDelivery(WebhookDeliveryFault fault, int? onAttempt = null, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return Add(_deliveryRules, fault, null, onAttempt, nameof(onAttempt), times);
    }

    private FaultRule Add(List<FaultRule> rules, EmulatorFault fault, string? operation, int? from, string fromName, int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        if (from is int first)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(first, 1, fromName);
        }

        var rule = new FaultRule(fault, operation, from, times);
        lock (_gate)
        {
            rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Removes every registered rule (webhook delivery rules included) and releases any stall among them.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                (rule.Fault as StallFault)?.Release();
            }

            _rules.Clear();
            _deliveryRules.Clear();
        }
    }

    /// <summary>How many webhook delivery attempts the emulator has made.</summary>
    public int DeliveryAttemptCount => Volatile.Read(ref _deliveryAttempts);

    internal WebhookDeliveryFault? NextForDelivery()
    {
        var attempt = Interlocked.Increment(ref _deliveryAttempts);
        lock (_gate)
        {
            foreach (var rule in _deliveryRules)
            {
                if (rule.TryHit("webhook-delivery", streaming: false, attempt, attempt))
                {
                    return (WebhookDeliveryFault)rule.Fault;
                }
            }
        }

        return null;
    }

    /// <summary>How many calls to <paramref name="operation"/> the emulator has received.</summary>
    /// <param name="operation">An operation id from <see cref="EmulatorOperations"/>.</param>
    public int CallCount(string operation) => _calls.TryGetValue(operation, out var count) ? count : 0;

    internal EmulatorFault? NextFor(string operation)
    {
        var streaming = EmulatorOperations.Streaming.Contains(operation);
        var operationCall = _calls.AddOrUpdate(operation, 1, (_, count) => count + 1);
        var globalCall = Interlocked.Increment(ref _globalCalls);
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.TryHit(operation, streaming, operationCall, globalCall))
                {
                    return rule.Fault;
                }
            }
        }

        return null;
    }

    internal void ReleaseAll()
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                (rule.Fault as StallFault)?.Release();
            }
        }
    }
}
