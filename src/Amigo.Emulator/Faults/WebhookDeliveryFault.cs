namespace Amigo.Emulator;

/// <summary>What a <see cref="WebhookDeliveryFault"/> does to a webhook delivery attempt.</summary>
public enum WebhookDeliveryFaultKind
{
    /// <summary>The attempt is signed with a random secret instead of the destination's.</summary>
    BadSignature,

    /// <summary>The attempt's timestamp (correctly signed) lies <see cref="WebhookDeliveryFault.Age"/> in the past.</summary>
    StaleTimestamp,

    /// <summary>The body is changed after signing.</summary>
    TamperedBody,

    /// <summary>The attempt is sent normally but its response is ignored, as if it never arrived: the emulator records
    /// status code 0 and retries, although the receiver may have handled it.</summary>
    ResponseLost,
}

/// <summary>
/// A fault applied to outgoing webhook delivery attempts rather than to API calls. Create one with the
/// <c>EmulatorFault.Webhook*</c> factories and register it with <see cref="FaultInjector.InjectDelivery"/>.
/// </summary>
public sealed class WebhookDeliveryFault : EmulatorFault
{
    internal WebhookDeliveryFault(WebhookDeliveryFaultKind kind, TimeSpan age)
    {
        Kind = kind;
        Age = age;
    }

    /// <summary>What the fault does.</summary>
    public WebhookDeliveryFaultKind Kind { get; }

    /// <summary>How far in the past a <see cref="WebhookDeliveryFaultKind.StaleTimestamp"/> lies (zero for other kinds).</summary>
    public TimeSpan Age { get; }

    internal override bool AppliesTo(bool streaming) => true;
}
