using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo;

/// <summary>
/// Removes the client's secrets from text a server sent before that text goes into an exception or a log: the API
/// key, the API key id, the current tokens (and their Basic-header form), and anything shaped like a JWT. A server
/// may echo them JSON-escaped (<c>\u0053ECRET</c>): raw JSON text is matched escape by escape, and JSON bodies are
/// redacted value by value after decoding. Thread-safe.
/// </summary>
internal sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    // Shorter values would mask ordinary words.
    private const int MinimumSecretLength = 6;
    private const int RememberedTokens = 4;

    private readonly string[] _fixed;
    private readonly object _gate = new();
    private string[] _secrets;
    private readonly Queue<string[]> _tokens = new();
    private string? _lastToken;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        _fixed = secrets.Where(s => s.Length >= MinimumSecretLength).Distinct(StringComparer.Ordinal).ToArray();
        _secrets = _fixed;
    }

    /// <summary>A redactor that knows no secrets of its own (it still masks JWT-shaped text).</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>Adds a token the client sends (keeping the last few), with the forms it takes in headers.</summary>
    public void RememberToken(string token, params string[] forms)
    {
        // Every request sends a token; almost always the one it sent last time.
        if (ReferenceEquals(Volatile.Read(ref _lastToken), token))
        {
            return;
        }

        lock (_gate)
        {
            Volatile.Write(ref _lastToken, token);
            if (_tokens.Any(t => t[0] == token))
            {
                return;
            }

            _tokens.Enqueue([token, .. forms]);
            if (_tokens.Count > RememberedTokens)
            {
                _tokens.Dequeue();
            }

            _secrets = [.. _fixed, .. _tokens.SelectMany(t => t).Where(s => s.Length >= MinimumSecretLength)];
        }
    }

    /// <summary>
    /// <paramref name="text"/> without any secret. Works on decoded text and on raw JSON text alike: in the
    /// latter, each character of a secret may be JSON-escaped.
    /// </summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var secrets = Volatile.Read(ref _secrets);
        foreach (var secret in secrets)
        {
            text = text.Contains('\\') ? ReplaceEscaped(text, secret) : text.Replace(secret, Mask);
        }

        return Jwt.Shape.Replace(text, Mask);
    }

    /// <summary>Redacts <paramref name="text"/> if it is not null.</summary>
    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    /// <summary>
    /// A response body without secrets: a JSON body is decoded, redacted value by value (names too) and written back
    /// (so an escaped secret cannot survive); any other body is redacted as text.
    /// </summary>
    public string RedactBody(string body)
    {
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[')
        {
            try
            {
                var token = JToken.Parse(body);
                return Redact(RedactStrings(token).ToString(Formatting.None));
            }
            catch (JsonException)
            {
                // Not JSON after all: redact the raw text.
            }
        }

        return Redact(body);
    }

    /// <summary>
    /// A copy of <paramref name="exception"/> whose message is redacted, when the message held a secret (parser
    /// messages quote values); the exception itself otherwise.
    /// </summary>
    public Exception? Sanitize(Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        var redacted = Redact(exception.Message);
        return redacted == exception.Message && Sanitize(exception.InnerException) == exception.InnerException
            ? exception
            : new JsonException(redacted);
    }

    private JToken RedactStrings(JToken token)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.String } value:
                value.Value = Redact((string)value.Value!);
                break;
            case JObject obj:
                foreach (var property in obj.Properties().ToList())
                {
                    RedactStrings(property.Value);
                    var name = Redact(property.Name);
                    if (name != property.Name)
                    {
                        property.Replace(new JProperty(name, property.Value));
                    }
                }

                break;
            case JArray array:
                foreach (var item in array)
                {
                    RedactStrings(item);
                }

                break;
        }

        return token;
    }

    /// <summary>Replaces <paramref name="secret"/> in raw JSON text, where any of its characters may be escaped.</summary>
    private static string ReplaceEscaped(string text, string secret)
    {
        StringBuilder? result = null;
        var copied = 0;
        for (var start = 0; start < text.Length; start++)
        {
            var end = MatchAt(text, start, secret);
            if (end < 0)
            {
                continue;
            }

            result ??= new StringBuilder(text.Length);
            result.Append(text, copied, start - copied).Append(Mask);
            copied = end;
            start = end - 1;
        }

        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>The end of <paramref name="secret"/> matched at <paramref name="start"/>, or -1.</summary>
    private static int MatchAt(string text, int start, string secret)
    {
        var position = start;
        foreach (var expected in secret)
        {
            if (position >= text.Length)
            {
                return -1;
            }

            if (text[position] == expected)
            {
                position++;
                continue;
            }

            if (text[position] != '\\' || !TryUnescape(text, position, out var actual, out var length) || actual != expected)
            {
                return -1;
            }

            position += length;
        }

        return position;
    }

    private static bool TryUnescape(string text, int backslash, out char value, out int length)
    {
        value = default;
        length = 2;
        if (backslash + 1 >= text.Length)
        {
            return false;
        }

        switch (text[backslash + 1])
        {
            case 'u' when backslash + 6 <= text.Length
                && ushort.TryParse(text.AsSpan(backslash + 2, 4), System.Globalization.NumberStyles.HexNumber, null, out var code):
                value = (char)code;
                length = 6;
                return true;
            case '"' or '\\' or '/':
                value = text[backslash + 1];
                return true;
            case 'b': value = '\b'; return true;
            case 'f': value = '\f'; return true;
            case 'n': value = '\n'; return true;
            case 'r': value = '\r'; return true;
            case 't': value = '\t'; return true;
            default: return false;
        }
    }

    /// <summary>A compact JWS/JWE: a base64url JSON header (which always starts <c>eyJ</c>), then two more segments.</summary>
    /// <remarks>A compiled Regex, not [GeneratedRegex]: that source generator does not run for netstandard2.0. In a class
    /// of its own, so it is compiled on the first redaction, not when the first client is built (a cold start).</remarks>
    private static class Jwt
    {
        public static readonly Regex Shape = new(@"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }
}
