using System.Buffers;
using System.Text;
using Newtonsoft.Json;

namespace Amigo.Streaming;

/// <summary>
/// Deserializes NDJSON lines with Newtonsoft.Json without allocating a string per line: the line's bytes are
/// decoded into a pooled char buffer that a <see cref="JsonTextReader"/> reads directly, and the reader's own
/// buffers are rented from the same pool. When <typeparamref name="TEvent"/> is a JsonSubTypes union and a line
/// starts with its discriminator, the subtype is populated directly (see <see cref="DiscriminatorIndex"/>).
/// Thread-safe when the serializer is not reconfigured.
/// </summary>
/// <typeparam name="TEvent">The type to deserialize, usually a polymorphic event base.</typeparam>
internal sealed class NewtonsoftNdjsonDeserializer<TEvent> : INdjsonEventDeserializer<TEvent>
{
    private readonly JsonSerializer _serializer;
    private readonly DiscriminatorIndex? _discriminators;

    /// <summary>Creates a deserializer that uses <paramref name="serializer"/> (its converters, contract resolver).</summary>
    /// <param name="serializer">The serializer, configured for the API's JSON.</param>
    /// <param name="populateKnownSubtypesDirectly">
    /// Whether to bypass JsonSubTypes for lines that start with a known discriminator (faster; see the benchmarks).
    /// </param>
    public NewtonsoftNdjsonDeserializer(JsonSerializer serializer, bool populateKnownSubtypesDirectly = true)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
        _discriminators = populateKnownSubtypesDirectly ? DiscriminatorIndex.For(typeof(TEvent), serializer) : null;
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
            TEvent? value;
            if (_discriminators?.Match(utf8Line) is { } subtype)
            {
                value = (TEvent)subtype.DefaultCreator!();
                _serializer.Populate(jsonReader, value);
            }
            else
            {
                value = _serializer.Deserialize<TEvent>(jsonReader);
            }
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
