namespace Amigo.Webhooks;

/// <summary>The outcome of <see cref="AmigoWebhookVerifier.Verify"/>: verified, or why not.</summary>
public sealed class AmigoWebhookVerificationResult
{
    private AmigoWebhookVerificationResult(AmigoWebhookFailureReason reason, string message, string? headerName, DateTimeOffset? timestamp)
    {
        FailureReason = reason;
        Message = message;
        HeaderName = headerName;
        Timestamp = timestamp;
    }

    /// <summary>Whether the delivery is authentic (signed with a configured secret) and fresh.</summary>
    public bool IsVerified => FailureReason == AmigoWebhookFailureReason.None;

    /// <summary>Why it was rejected; <see cref="AmigoWebhookFailureReason.None"/> when verified.</summary>
    public AmigoWebhookFailureReason FailureReason { get; }

    /// <summary>What was wrong, for logs. Never contains a secret or a signature.</summary>
    public string Message { get; }

    /// <summary>The header the failure is about (for missing or malformed headers), or null.</summary>
    public string? HeaderName { get; }

    /// <summary>The attempt's timestamp, once it could be read.</summary>
    public DateTimeOffset? Timestamp { get; }

    internal static AmigoWebhookVerificationResult Verified(DateTimeOffset timestamp) =>
        new(AmigoWebhookFailureReason.None, "The webhook delivery is verified.", null, timestamp);

    internal static AmigoWebhookVerificationResult Failed(AmigoWebhookFailureReason reason, string message,
        string? headerName = null, DateTimeOffset? timestamp = null) =>
        new(reason, message, headerName, timestamp);

    /// <summary>The outcome and its message.</summary>
    /// <returns>For example <c>BadSignature: ...</c>.</returns>
    public override string ToString() => IsVerified ? Message : $"{FailureReason}: {Message}";
}
