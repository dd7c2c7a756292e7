namespace Amigo.Webhooks;

/// <summary>Thrown by <see cref="AmigoWebhookVerifier.VerifyAndParse"/> when a delivery is not authentic, not fresh,
/// or not a JSON object. Answer such a request with 401 (400 for <see cref="AmigoWebhookFailureReason.MalformedBody"/>)
/// and do not act on it. The message never contains a secret or a signature.</summary>
public sealed class AmigoWebhookVerificationException : AmigoException
{
    /// <summary>Creates the exception for a failed verification.</summary>
    /// <param name="result">The failed result.</param>
    public AmigoWebhookVerificationException(AmigoWebhookVerificationResult result)
        : base($"The Amigo webhook delivery was rejected ({(result ?? throw new ArgumentNullException(nameof(result))).FailureReason}): {result.Message}")
    {
        Result = result;
    }

    /// <summary>The failed result.</summary>
    public AmigoWebhookVerificationResult Result { get; }

    /// <summary>Why it was rejected.</summary>
    public AmigoWebhookFailureReason FailureReason => Result.FailureReason;
}
