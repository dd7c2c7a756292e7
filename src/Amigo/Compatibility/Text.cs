#if !NET5_0_OR_GREATER
using System.Buffers;
using System.Globalization;
using System.Text;

namespace Amigo.Compatibility;

/// <summary>
/// netstandard2.0: the char, span and <see cref="Encoding"/> overloads of .NET Core 2.1-7 that the client calls,
/// under the same names. The span overloads copy through a pooled array (netstandard2.0's encodings take arrays).
/// </summary>
internal static class TextCompatibility
{
    extension(string text)
    {
        public bool StartsWith(char value) => text.Length != 0 && text[0] == value;

        public bool EndsWith(char value) => text.Length != 0 && text[text.Length - 1] == value;

        public string[] Split(char separator, StringSplitOptions options = StringSplitOptions.None) => text.Split([separator], options);

        public string[] Split(char separator, int count, StringSplitOptions options = StringSplitOptions.None) =>
            text.Split([separator], count, options);

        public int GetHashCode(StringComparison comparisonType) => comparisonType switch
        {
            StringComparison.Ordinal => StringComparer.Ordinal.GetHashCode(text),
            StringComparison.OrdinalIgnoreCase => StringComparer.OrdinalIgnoreCase.GetHashCode(text),
            StringComparison.CurrentCulture => StringComparer.CurrentCulture.GetHashCode(text),
            StringComparison.CurrentCultureIgnoreCase => StringComparer.CurrentCultureIgnoreCase.GetHashCode(text),
            StringComparison.InvariantCulture => StringComparer.InvariantCulture.GetHashCode(text),
            StringComparison.InvariantCultureIgnoreCase => StringComparer.InvariantCultureIgnoreCase.GetHashCode(text),
            _ => throw new ArgumentException("The string comparison type is not supported.", nameof(comparisonType)),
        };
    }

    extension(string)
    {
        public static string Join(char separator, IEnumerable<string?> values) => string.Join(separator.ToString(), values);
    }

    extension(char)
    {
        public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';
    }

    extension(ushort)
    {
        public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out ushort result) =>
            ushort.TryParse(s.ToString(), style, provider, out result);
    }

    extension<T>(ReadOnlySpan<T> span)
        where T : IEquatable<T>
    {
        public int IndexOfAnyExcept(T value0, T value1, T value2)
        {
            for (var i = 0; i < span.Length; i++)
            {
                if (!span[i].Equals(value0) && !span[i].Equals(value1) && !span[i].Equals(value2))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    extension(Convert)
    {
        public static bool TryFromBase64String(string s, Span<byte> bytes, out int bytesWritten)
        {
            byte[] decoded;
            try
            {
                decoded = Convert.FromBase64String(s);
            }
            catch (FormatException)
            {
                bytesWritten = 0;
                return false;
            }

            if (decoded.Length > bytes.Length)
            {
                bytesWritten = 0;
                return false;
            }

            decoded.CopyTo(bytes);
            bytesWritten = decoded.Length;
            return true;
        }
    }

    extension(Encoding encoding)
    {
        public ReadOnlySpan<byte> Preamble => encoding.GetPreamble();

        public string GetString(ReadOnlySpan<byte> bytes)
        {
            var input = ArrayPool<byte>.Shared.Rent(bytes.Length);
            try
            {
                bytes.CopyTo(input);
                return encoding.GetString(input, 0, bytes.Length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(input);
            }
        }

        public int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars) =>
            Transcode(encoding, bytes, chars, encoding.GetMaxCharCount(bytes.Length),
                static (encoding, input, count, output) => encoding.GetChars(input, 0, count, output, 0));

        public int GetBytes(ReadOnlySpan<char> chars, Span<byte> bytes) =>
            Transcode(encoding, chars, bytes, encoding.GetMaxByteCount(chars.Length),
                static (encoding, input, count, output) => encoding.GetBytes(input, 0, count, output, 0));
    }

    /// <summary>Runs an array overload of <paramref name="encoding"/> on spans, through pooled arrays.</summary>
    private static int Transcode<TIn, TOut>(Encoding encoding, ReadOnlySpan<TIn> source, Span<TOut> destination, int maxCount,
        Func<Encoding, TIn[], int, TOut[], int> convert)
    {
        var input = ArrayPool<TIn>.Shared.Rent(source.Length);
        var output = ArrayPool<TOut>.Shared.Rent(maxCount);
        try
        {
            source.CopyTo(input);
            var written = convert(encoding, input, source.Length, output);
            if (written > destination.Length)
            {
                throw new ArgumentException("The destination is too small for the converted text.", nameof(destination));
            }

            output.AsSpan(0, written).CopyTo(destination);
            return written;
        }
        finally
        {
            ArrayPool<TIn>.Shared.Return(input);
            ArrayPool<TOut>.Shared.Return(output);
        }
    }
}
#endif
