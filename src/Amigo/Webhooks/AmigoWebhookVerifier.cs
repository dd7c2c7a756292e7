using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Amigo.Webhooks;

/// <summary>
/// Verifies Amigo webhook deliveries and turns them into typed events. A delivery is accepted only when its
/// <c>x-amigo-request-signature</c> is the HMAC-SHA256, under one of the configured secrets, of
/// <c>v1:{x-amigo-request-timestamp}:{raw body}</c> (compared in constant time), and its timestamp is within
/// <see cref="AmigoWebhookOptions.MaxAge"/> in the past and <see cref="AmigoWebhookOptions.MaxFutureSkew"/> in the future.
/// There is no way to skip verification: a missing header is a failure, never a reason to trust the body.
/// Thread-safe; make one and share it.
/// </summary>
/// <example>
/// <code>
/// var verifier = new AmigoWebhookVerifier(secret);
/// var webhookEvent = verifier.VerifyAndParse(rawBody, AmigoWebhookHeaders.From(request.Headers));
/// </code>
/// </example>
public sealed class AmigoWebhookVerifier
{
    /// <summary>At most this many signatures in one header are checked (two are sent while dual-signing).</summary>
    private const int MaxSignatures = 8;

    private const int SignatureBytes = 32;

    private readonly byte[][] _keys;
    private readonly TimeSpan _maxAge;
    private readonly TimeSpan _maxFutureSkew;
    private readonly TimeProvider _time;

    /// <summary>A verifier for one destination secret, with the default time window.</summary>
    /// <param name="secret">The webhook destination's secret.</param>
    public AmigoWebhookVerifier(string secret)
        : this(Single(secret))
    {
    }

    /// <summary>A verifier configured by <paramref name="options"/>; the options are copied.</summary>
    /// <param name="options">The secrets and the time window.</param>
    /// <exception cref="ArgumentException">No secret is configured, a secret is empty, or a time bound is negative.</exception>
    public AmigoWebhookVerifier(AmigoWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Secrets.Count == 0)
        {
            throw new ArgumentException("Configure at least one webhook destination secret in Secrets.", nameof(options));
        }

        if (options.Secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A webhook destination secret is null or empty.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAge, TimeSpan.Zero, nameof(options.MaxAge));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFutureSkew, TimeSpan.Zero, nameof(options.MaxFutureSkew));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
        _keys = [.. options.Secrets.Distinct(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes)];
        _maxAge = options.MaxAge;
        _maxFutureSkew = options.MaxFutureSkew;
        _time = options.TimeProvider;
    }

    /// <summary>Checks that a delivery is authentic and fresh, without parsing its body.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="headers">The request's Amigo headers.</param>
    /// <returns>Verified, or the reason it is not.</returns>
    public AmigoWebhookVerificationResult Verify(ReadOnlySpan<byte> body, AmigoWebhookHeaders headers)
    {
        if (Missing(headers.IdempotencyKey, AmigoWebhookHeaders.IdempotencyKeyHeader) is { } noKey)
        {
            return noKey;
        }

        if (Missing(headers.Timestamp, AmigoWebhookHeaders.TimestampHeader) is { } noTimestamp)
        {
            return noTimestamp;
        }

        if (Missing(headers.Signature, AmigoWebhookHeaders.SignatureHeader) is { } noSignature)
        {
            return noSignature;
        }

        var timestampText = headers.Timestamp!.Trim();
        if (!TryReadTimestamp(timestampText, out var timestamp))
        {
            return AmigoWebhookVerificationResult.Failed(AmigoWebhookFailureReason.MalformedTimestamp,
                "The timestamp is not a UNIX time in milliseconds.", AmigoWebhookHeaders.TimestampHeader);
        }

        Span<byte> provided = stackalloc byte[MaxSignatures * SignatureBytes];
        var count = ReadSignatures(headers.Signature!, provided);
        if (count == 0)
        {
            return AmigoWebhookVerificationResult.Failed(AmigoWebhookFailureReason.MalformedSignature,
                "The signature header holds no 64-character hex HMAC-SHA256.", AmigoWebhookHeaders.SignatureHeader, timestamp);
        }

        if (!AnySignatureMatches(body, timestampText, provided[..(count * SignatureBytes)]))
        {
            return AmigoWebhookVerificationResult.Failed(AmigoWebhookFailureReason.BadSignature,
                "The signature does not match the body and timestamp under any configured secret.", AmigoWebhookHeaders.SignatureHeader, timestamp);
        }

        var age = _time.GetUtcNow() - timestamp;
        if (age > _maxAge)
        {
            return AmigoWebhookVerificationResult.Failed(AmigoWebhookFailureReason.TooOld,
                $"The timestamp is {Seconds(age)} s old; at most {Seconds(_maxAge)} s is accepted.", AmigoWebhookHeaders.TimestampHeader, timestamp);
        }

        if (-age > _maxFutureSkew)
        {
            return AmigoWebhookVerificationResult.Failed(AmigoWebhookFailureReason.TooFarInFuture,
                $"The timestamp is {Seconds(-age)} s in the future; at most {Seconds(_maxFutureSkew)} s is accepted.", AmigoWebhookHeaders.TimestampHeader, timestamp);
        }

        return AmigoWebhookVerificationResult.Verified(timestamp);
    }

    /// <summary>Verifies a delivery and parses it into a typed event.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="headers">The request's Amigo headers.</param>
    /// <returns>The event: <see cref="ConversationPostProcessingCompleteEvent"/>, or <see cref="UnknownAmigoWebhookEvent"/>
    /// for a type this SDK version does not know.</returns>
    /// <exception cref="AmigoWebhookVerificationException">The delivery is not authentic, not fresh, or not a JSON object.</exception>
    public AmigoWebhookEvent VerifyAndParse(ReadOnlySpan<byte> body, AmigoWebhookHeaders headers) =>
        TryVerifyAndParse(body, headers, out var webhookEvent, out var result)
            ? webhookEvent
            : throw new AmigoWebhookVerificationException(result);

    /// <summary>Verifies a delivery and parses it into a typed event, without throwing.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="headers">The request's Amigo headers.</param>
    /// <param name="webhookEvent">The event, when verified.</param>
    /// <param name="result">Verified, or the reason it is not.</param>
    /// <returns>Whether the delivery was verified and parsed.</returns>
    public bool TryVerifyAndParse(ReadOnlySpan<byte> body, AmigoWebhookHeaders headers,
        [NotNullWhen(true)] out AmigoWebhookEvent? webhookEvent, out AmigoWebhookVerificationResult result)
    {
        result = Verify(body, headers);
        webhookEvent = null;
        if (!result.IsVerified)
        {
            return false;
        }

        webhookEvent = AmigoWebhookEventReader.Read(body, headers.IdempotencyKey!.Trim(), result.Timestamp!.Value, out var problem);
        if (webhookEvent is null)
        {
            result = AmigoWebhookVerificationResult.Failed(AmigoWebhookFailureReason.MalformedBody, problem!, timestamp: result.Timestamp);
            return false;
        }

        return true;
    }

    /// <summary>A short description that never includes the secrets.</summary>
    /// <returns>The number of secrets and the time window.</returns>
    public override string ToString() =>
        $"AmigoWebhookVerifier {{ Secrets = {_keys.Length} (hidden), MaxAge = {_maxAge}, MaxFutureSkew = {_maxFutureSkew} }}";

    private bool AnySignatureMatches(ReadOnlySpan<byte> body, string timestamp, ReadOnlySpan<byte> provided)
    {
        Span<byte> prefix = stackalloc byte[timestamp.Length + 4];
        "v1:"u8.CopyTo(prefix);
        Encoding.ASCII.GetBytes(timestamp, prefix[3..]);
        prefix[^1] = (byte)':';
        Span<byte> expected = stackalloc byte[SignatureBytes];
        var matched = false;
        foreach (var key in _keys)
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData(prefix);
            hmac.AppendData(body);
            hmac.GetHashAndReset(expected);
            for (var offset = 0; offset < provided.Length; offset += SignatureBytes)
            {
                // Every candidate is compared, so the time taken doesn't depend on which one (if any) matched.
                matched |= CryptographicOperations.FixedTimeEquals(expected, provided.Slice(offset, SignatureBytes));
            }
        }

        return matched;
    }

    /// <summary>Decodes each comma-separated 64-hex signature into <paramref name="destination"/>; others are skipped,
    /// so a signature scheme added later does not break this one.</summary>
    private static int ReadSignatures(string header, Span<byte> destination)
    {
        var count = 0;
        foreach (var range in header.AsSpan().Split(','))
        {
            var candidate = header.AsSpan()[range].Trim();
            if (candidate.Length != SignatureBytes * 2 || count == MaxSignatures)
            {
                continue;
            }

            if (Convert.FromHexString(candidate, destination.Slice(count * SignatureBytes, SignatureBytes), out _, out var written)
                    == System.Buffers.OperationStatus.Done && written == SignatureBytes)
            {
                count++;
            }
        }

        return count;
    }

    private static bool TryReadTimestamp(string text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (text.Length is 0 or > 16 || !text.All(char.IsAsciiDigit) ||
            !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) ||
            milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        timestamp = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    private static AmigoWebhookVerificationResult? Missing(string? value, string header) =>
        string.IsNullOrWhiteSpace(value)
            ? AmigoWebhookVerificationResult.Failed(AmigoWebhookFailureReason.MissingHeader, $"The {header} header is missing.", header)
            : null;

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static AmigoWebhookOptions Single(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var options = new AmigoWebhookOptions();
        options.Secrets.Add(secret);
        return options;
    }
}
