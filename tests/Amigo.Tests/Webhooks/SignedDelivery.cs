using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amigo.Webhooks;

namespace Amigo.Tests.Webhooks;

/// <summary>Builds deliveries the way Amigo signs them, with the BCL's HMACSHA256 (independently of the SDK's verifier).</summary>
internal static class SignedDelivery
{
    public const string Secret = "test-secret-Ω";
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public const string PostProcessingBody =
        """{"type":"conversation-post-processing-complete","post_processing_type":"extract-memories","conversation_id":"6650a1b2c3d4e5f6a7b8c9d2","org_id":"acme"}""";

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.UTF8.GetBytes("v1:" + timestamp + ":"), .. body]));
    }

    public static string Milliseconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The body and headers of a delivery signed with <paramref name="secret"/> at <paramref name="at"/>.</summary>
    public static (byte[] Body, AmigoWebhookHeaders Headers) Create(string body = PostProcessingBody, string secret = Secret,
        DateTimeOffset? at = null, string key = "0b5f9c3e-delivery-1")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = Milliseconds(at ?? Now);
        return (bytes, new AmigoWebhookHeaders(key, timestamp, Sign(secret, timestamp, bytes)));
    }

    public static AmigoWebhookVerifier Verifier(params string[] secrets)
    {
        var options = new AmigoWebhookOptions { TimeProvider = new Support.TestClock(Now) };
        foreach (var secret in secrets.Length == 0 ? [Secret] : secrets)
        {
            options.Secrets.Add(secret);
        }

        return new AmigoWebhookVerifier(options);
    }
}
