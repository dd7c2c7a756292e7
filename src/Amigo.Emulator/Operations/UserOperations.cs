using System.Security.Cryptography;
using System.Text;
using Amigo.Emulator.Http;
using Amigo.Emulator.State;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Operations;

/// <summary><c>sign-in-with-api-key</c>.</summary>
internal static class UserOperations
{
    public static async Task SignInWithApiKeyAsync(Call call)
    {
        var headers = call.Http.Request.Headers;
        string? Header(string name)
        {
            var value = headers[name].ToString();
            if (value.Length == 0)
            {
                call.Validation.Missing("header", name);
                return null;
            }

            return value;
        }

        var key = Header("x-api-key");
        var keyId = Header("x-api-key-id");
        var userId = Header("x-user-id");
        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        bool valid;
        lock (call.Store.Gate)
        {
            valid = call.Store.ApiKeys.TryGetValue(keyId!, out var expected) &&
                    CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(key!)) &&
                    call.Store.Users.ContainsKey(userId!);
        }

        if (!valid)
        {
            await call.DetailAsync(401, "The API key is not found or is incorrect, or the user is not found.");
            return;
        }

        var (token, expiresAt) = Tokens.Issue(call.Store, userId!, call.Options.TokenLifetime);
        await call.WriteJsonAsync(200, new JObject { ["id_token"] = token, ["expires_at"] = EmulatorStore.Iso(expiresAt) });
    }
}
