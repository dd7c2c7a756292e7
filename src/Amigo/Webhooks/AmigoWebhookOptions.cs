namespace Amigo.Webhooks;

/// <summary>How <see cref="AmigoWebhookVerifier"/> checks deliveries: the destination secret(s) and how fresh a
/// delivery's timestamp must be.</summary>
public class AmigoWebhookOptions
{
    /// <summary>The default <see cref="MaxAge"/>: five minutes, as the official SDKs use.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(5);

    /// <summary>The default <see cref="MaxFutureSkew"/>: one minute.</summary>
    public static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The webhook destination's secrets (the <c>secret</c> that create-webhook-destination or
    /// rotate-webhook-destination-secret returned). A delivery is accepted when it is signed with any of them: list
    /// both the old and the new secret while you roll over to a rotated one. At least one is required.
    /// </summary>
    public IList<string> Secrets { get; } = new List<string>();

    /// <summary>How old a delivery's timestamp may be before it is rejected as a possible replay (five minutes by
    /// default). Every retry carries a fresh timestamp, so this never rejects a legitimate retry.</summary>
    public TimeSpan MaxAge { get; set; } = DefaultMaxAge;

    /// <summary>How far in the future a delivery's timestamp may be, to allow for clock skew (one minute by default).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = DefaultMaxFutureSkew;

    /// <summary>The clock timestamps are compared with.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A short description that never includes the secrets.</summary>
    /// <returns>The number of secrets and the time window.</returns>
    public override string ToString() =>
        $"{GetType().Name} {{ Secrets = {Secrets.Count} (hidden), MaxAge = {MaxAge}, MaxFutureSkew = {MaxFutureSkew} }}";
}
