using System.Security.Cryptography;
using System.Text;
using Amigo.Emulator.State;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Http;

/// <summary>Issues and checks the emulator's tokens: JWT-shaped (header.payload.signature), opaque to clients.</summary>
internal static class Tokens
{
    public static (string Token, DateTimeOffset ExpiresAt) Issue(EmulatorStore store, string userId, TimeSpan lifetime)
    {
        var now = store.Now;
        var expiresAt = now + lifetime;
        var header = new JObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JObject
        {
            ["sub"] = userId,
            ["org_id"] = store.OrganizationId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            ["iss"] = "amigo-emulator",
        };
        var token = Base64Url(header.ToString(Newtonsoft.Json.Formatting.None)) + "." +
                    Base64Url(payload.ToString(Newtonsoft.Json.Formatting.None)) + "." +
                    Base64Url(RandomNumberGenerator.GetBytes(32));
        lock (store.Gate)
        {
            store.Tokens[token] = new TokenRecord { OrganizationId = store.OrganizationId, UserId = userId, ExpiresAt = expiresAt };
        }

        return (token, expiresAt);
    }

    /// <summary>Checks the <c>Authorization</c> header (Bearer, or Basic <c>{org_id}_{user_id}:token</c>) and
    /// the optional <c>X-ORG-ID</c>; returns the user id, or the reason it was refused.</summary>
    public static (string? UserId, string? Problem) Authenticate(EmulatorStore store, string? authorization, string? organizationHeader)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return (null, "Missing authorization credentials: send 'Authorization: Bearer <token>'.");
        }

        string token;
        string? basicUser = null;
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = authorization[7..].Trim();
        }
        else if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            }
            catch (FormatException)
            {
                return (null, "Invalid authorization credentials: malformed Basic credentials.");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return (null, "Invalid authorization credentials: malformed Basic credentials.");
            }

            basicUser = decoded[..colon];
            token = decoded[(colon + 1)..];
        }
        else
        {
            return (null, "Invalid authorization credentials: unsupported scheme (use Bearer or Basic).");
        }

        TokenRecord? record;
        lock (store.Gate)
        {
            store.Tokens.TryGetValue(token, out record);
        }

        if (record is null)
        {
            return (null, "Invalid authorization credentials.");
        }

        if (store.Now >= record.ExpiresAt)
        {
            return (null, "Invalid authorization credentials: the token has expired.");
        }

        if (basicUser is not null && basicUser != $"{record.OrganizationId}_{record.UserId}")
        {
            return (null, "Invalid authorization credentials: the Basic username must be '{org_id}_{user_id}' of the token's user.");
        }

        if (!string.IsNullOrEmpty(organizationHeader) && organizationHeader != record.OrganizationId)
        {
            return (null, "Invalid authorization credentials: the token was not issued by the X-ORG-ID organization.");
        }

        return (record.UserId, null);
    }

    private static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
