using System.Security.Cryptography;
using System.Text;

namespace Amigo.Emulator.Webhooks;

/// <summary>Amigo's webhook signature: lowercase hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of
/// <c>v1:{timestamp}:{body}</c>.</summary>
internal static class WebhookSigner
{
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes($"v1:{timestamp}:"));
        hmac.AppendData(body);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>A new secret: 32 random bytes, base64url without padding.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
