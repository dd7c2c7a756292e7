using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Amigo;

/// <summary>
/// The User-Agent of every request: <c>[ApplicationId ]amigo-dotnet/{version} ({runtime}; {os}; {arch})</c>, for
/// example <c>checkout/2.1 amigo-dotnet/1.4.0 (.NET 10.0.0; Linux 6.8.0; x64)</c>. The application id comes first, as
/// the most specific product (RFC 9110 §10.1.5).
/// </summary>
internal static class AmigoUserAgent
{
    /// <summary>The SDK's own product and comment, without an application id.</summary>
    public static readonly string Sdk = Build(
        typeof(AmigoUserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture);

    /// <summary>The User-Agent for a client with <paramref name="applicationId"/> (or none).</summary>
    public static string For(string? applicationId) => applicationId is null ? Sdk : applicationId + " " + Sdk;

    internal static string Build(string version, string runtime, string os, Architecture architecture) =>
        $"amigo-dotnet/{Token(version)} ({Comment(runtime)}; {Comment(os)}; {architecture.ToString().ToLowerInvariant()})";

    /// <summary>Whether <paramref name="value"/> is a product (<c>name</c> or <c>name/version</c>, HTTP token characters only).</summary>
    public static bool IsProduct(string value)
    {
        var parts = value.Split('/');
        return parts.Length is 1 or 2 && parts.All(part => part.Length > 0 && part.All(IsTokenChar));
    }

    /// <summary>RFC 9110 tchar.</summary>
    internal static bool IsTokenChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
        || "!#$%&'*+-.^_`|~".Contains(c);

    private static string Token(string value)
    {
        var token = new string(value.Where(IsTokenChar).ToArray());
        return token.Length == 0 ? "0.0.0" : token;
    }

    /// <summary>A comment part: printable ASCII without parentheses, backslashes or ';', at most 64 characters.</summary>
    private static string Comment(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value.Trim())
        {
            if (text.Length == 64)
            {
                break;
            }

            text.Append(c is >= ' ' and <= '~' and not '(' and not ')' and not '\\' and not ';' ? c : ' ');
        }

        var result = string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return result.Length == 0 ? "unknown" : result;
    }
}
