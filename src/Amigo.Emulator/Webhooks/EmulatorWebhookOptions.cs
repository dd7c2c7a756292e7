namespace Amigo.Emulator;

/// <summary>How the emulator delivers webhooks (<see cref="AmigoEmulatorOptions.Webhooks"/>). The defaults follow
/// Amigo's documentation: retries after 5, 10, 20 and 20 seconds, 30 minutes of dual signing after a rotation, and at
/// most one rotation per hour.</summary>
public sealed class EmulatorWebhookOptions
{
    /// <summary>The wait before each retry: the first entry before the first retry, and so on; the last entry repeats.
    /// Measured on <see cref="AmigoEmulatorOptions.TimeProvider"/>. Set it to <c>[TimeSpan.Zero]</c> for fast tests.</summary>
    public IList<TimeSpan> RetryDelays { get; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)];

    /// <summary>How long one delivery attempt may take before it counts as failed (status code 0); 10 seconds by default.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>post_processing_type</c>s announced, one <c>conversation-post-processing-complete</c> event each,
    /// when a conversation is finished: by default the three the conversation then lists in
    /// <c>completed_post_processings</c> (<c>generate-user-models</c>, <c>extract-memories</c>, <c>compute-metrics</c>).</summary>
    public IList<string> PostProcessingTypes { get; } = ["generate-user-models", "extract-memories", "compute-metrics"];

    /// <summary>How long after a rotation deliveries are signed with both the old and the new secret (30 minutes).</summary>
    public TimeSpan DualSigningPeriod { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How soon after a secret was generated it may be rotated again (one hour).</summary>
    public TimeSpan MinimumRotationInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many destinations the organization may have (10).</summary>
    public int MaxDestinations { get; set; } = 10;
}
