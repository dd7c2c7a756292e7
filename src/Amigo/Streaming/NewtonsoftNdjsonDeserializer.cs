using System.Buffers;
using System.Text;
using Newtonsoft.Json;

namespace Amigo.Streaming;

/// <summary>
/// Deserializes NDJSON lines with Newtonsoft.Json without allocating a string per line: the line's bytes are
/// decoded into a pooled char buffer that a <see cref="JsonTextReader"/> reads directly, and the reader's own
/// buffers are rented from the same pool. Thread-safe when the serializer is not reconfigured.
/// </summary>
/// <typeparam name="TEvent">The type to deserialize, usually a polymorphic event base.</typeparam>
internal sealed class NewtonsoftNdjsonDeserializer<TEvent> : INdjsonEventDeserializer<TEvent>
{
    private readonly JsonSerializer _serializer;

    /// <summary>Creates a deserializer that uses <paramref name="serializer"/> (its converters, contract resolver).</summary>
    public NewtonsoftNdjsonDeserializer(JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
    }

    /// <inheritdoc />
    public TEvent? Deserialize(ReadOnlySpan<byte> utf8Line)
    {
        char[] chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8Line.Length));
        try
        {
            int length = Encoding.UTF8.GetChars(utf8Line, chars);
            using var jsonReader = new JsonTextReader(new CharSegmentReader(chars, length))
            {
                ArrayPool = SharedCharPool.Instance,
                CloseInput = false,
            };
            var value = _serializer.Deserialize<TEvent>(jsonReader);
            while (jsonReader.Read())
            {
                if (jsonReader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException(
                        $"Unexpected content after the JSON value at position {jsonReader.LinePosition}: one line must hold one JSON value.");
                }
            }
            return value;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private sealed class SharedCharPool : IArrayPool<char>
    {
        public static readonly SharedCharPool Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                ArrayPool<char>.Shared.Return(array);
            }
        }
    }

    /// <summary>A forward-only <see cref="TextReader"/> over a char array segment.</summary>
    private sealed class CharSegmentReader(char[] chars, int length) : TextReader
    {
        private int _position;

        public override int Peek() => _position < length ? chars[_position] : -1;

        public override int Read() => _position < length ? chars[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int n = Math.Min(buffer.Length, length - _position);
            chars.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
