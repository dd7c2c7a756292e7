using System.Text;

namespace Amigo.Streaming;

/// <summary>Makes the short, single-line excerpt of a stream line that error messages quote.</summary>
internal static class LineExcerpt
{
    /// <summary>The most characters an excerpt keeps before it is cut with an ellipsis.</summary>
    public const int MaxChars = 80;

    /// <summary>
    /// The bytes an excerpt is made from. Far more than <see cref="MaxChars"/> need: secrets are removed before the
    /// text is cut, so a token that starts inside the excerpt is seen whole (tokens are a few KB at most).
    /// </summary>
    public const int MaxBytes = 8 * 1024;

    /// <summary>
    /// Decodes at most <see cref="MaxChars"/> characters from the start of <paramref name="line"/>, with the client's
    /// secrets (and anything shaped like a token) removed before the text is cut.
    /// </summary>
    public static string From(ReadOnlySpan<byte> line, SecretRedactor? redactor = null)
    {
        // Decoding a bounded prefix keeps this cheap for a 16 MiB line.
        var prefix = line[..Math.Min(line.Length, MaxBytes)];
        string text = (redactor ?? SecretRedactor.None).Redact(Encoding.UTF8.GetString(prefix));
        bool cut = prefix.Length < line.Length;
        if (text.Length > MaxChars)
        {
            int length = MaxChars;
            if (char.IsHighSurrogate(text[length - 1]))
            {
                length--;
            }
            text = text[..length];
            cut = true;
        }

        var builder = new StringBuilder(text.Length + 1);
        foreach (char c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        if (cut)
        {
            builder.Append('…');
        }
        return builder.ToString();
    }
}
