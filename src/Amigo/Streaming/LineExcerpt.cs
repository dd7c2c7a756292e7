using System.Text;

namespace Amigo.Streaming;

/// <summary>Makes the short, single-line excerpt of a stream line that error messages quote.</summary>
internal static class LineExcerpt
{
    /// <summary>The most characters an excerpt keeps before it is cut with an ellipsis.</summary>
    public const int MaxChars = 80;

    /// <summary>Decodes at most <see cref="MaxChars"/> characters from the start of <paramref name="line"/>.</summary>
    public static string From(ReadOnlySpan<byte> line)
    {
        // UTF-8 needs at most 4 bytes per character; decoding a bounded prefix keeps this cheap for a 16 MiB line.
        var prefix = line[..Math.Min(line.Length, MaxChars * 4)];
        string text = Encoding.UTF8.GetString(prefix);
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
