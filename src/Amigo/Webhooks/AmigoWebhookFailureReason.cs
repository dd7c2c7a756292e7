namespace Amigo.Webhooks;

/// <summary>Why a webhook delivery was rejected.</summary>
public enum AmigoWebhookFailureReason
{
    /// <summary>Not rejected: the delivery is authentic and fresh.</summary>
    None = 0,

    /// <summary>A required header is absent or empty; <see cref="AmigoWebhookVerificationResult.HeaderName"/> names it.</summary>
    MissingHeader,

    /// <summary>The timestamp header is not a UNIX time in milliseconds.</summary>
    MalformedTimestamp,

    /// <summary>The signature header holds no 64-character hex HMAC-SHA256.</summary>
    MalformedSignature,

    /// <summary>No signature matches the body and timestamp under any configured secret: the body was changed, the
    /// secret is wrong, or the request did not come from Amigo.</summary>
    BadSignature,

    /// <summary>The signature is valid but the timestamp is older than the allowed maximum age (a possible replay,
    /// or a clock far behind).</summary>
    TooOld,

    /// <summary>The signature is valid but the timestamp is further in the future than the allowed skew.</summary>
    TooFarInFuture,

    /// <summary>The signature is valid but the body is not a JSON object (or not UTF-8).</summary>
    MalformedBody,
}
