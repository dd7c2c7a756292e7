using System.Buffers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Streaming;

/// <summary>
/// Deserializes NDJSON lines with Newtonsoft.Json without allocating a string per line: the line's bytes are
/// decoded into a pooled char buffer that a <see cref="JsonTextReader"/> reads directly, and the reader's own
/// buffers are rented from the same pool. When <typeparamref name="TEvent"/> is a JsonSubTypes union and a line
/// starts with its discriminator, the subtype is populated directly (see <see cref="DiscriminatorIndex"/>).
/// With a tolerant serializer (<see cref="AmigoJsonDecoding"/>), a line whose values do not all match the spec is
/// decoded anyway and its issues returned, as long as the line is JSON.
/// Thread-safe when the serializer is not reconfigured.
/// </summary>
/// <typeparam name="TEvent">The type to deserialize, usually a polymorphic event base.</typeparam>
internal sealed class NewtonsoftNdjsonDeserializer<TEvent> : INdjsonEventDeserializer<TEvent>
{
    private readonly JsonSerializer _serializer;
    private readonly DiscriminatorIndex? _discriminators;
    private readonly bool _tolerant;

    /// <summary>Creates a deserializer that uses <paramref name="serializer"/> (its converters, contract resolver).</summary>
    /// <param name="serializer">The serializer, configured for the API's JSON.</param>
    /// <param name="populateKnownSubtypesDirectly">
    /// Whether to bypass JsonSubTypes for lines that start with a known discriminator (faster; see the benchmarks).
    /// </param>
    public NewtonsoftNdjsonDeserializer(JsonSerializer serializer, bool populateKnownSubtypesDirectly = true)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
        _tolerant = AmigoJsonDecoding.IsTolerant(serializer);
        _discriminators = populateKnownSubtypesDirectly ? DiscriminatorIndex.For(typeof(TEvent), serializer) : null;
    }

    /// <inheritdoc />
    public TEvent? Deserialize(ReadOnlySpan<byte> utf8Line, out IReadOnlyList<AmigoDecodeIssue>? issues)
    {
        issues = null;
        char[] chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8Line.Length));
        try
        {
            int length = Encoding.UTF8.GetChars(utf8Line, chars);
            if (!_tolerant)
            {
                return ReadDirect(chars, length, utf8Line);
            }

            var collector = DecodeIssueCollector.Begin();
            try
            {
                var value = ReadDirect(chars, length, utf8Line);
                if (!collector.HasIssues)
                {
                    return value;
                }
            }
            catch (JsonException)
            {
                // Read again below, to tell a value that drifted from the spec from a line that is not JSON.
            }
            finally
            {
                collector.Abandon();
            }
            return ReadThroughToken(chars, length, out issues);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The fast path: straight from the text (the subtype populated directly when the line starts with its discriminator).</summary>
    private TEvent? ReadDirect(char[] chars, int length, ReadOnlySpan<byte> utf8Line)
    {
        using var jsonReader = Reader(chars, length);
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
        EnsureEnd(jsonReader);
        return value;
    }

    /// <summary>
    /// Tolerant decoding of a line the fast path found fault with. Newtonsoft.Json's text reader cannot always skip
    /// a value of the wrong type cleanly (an object where a string belongs leaves it mid-object), so the line is
    /// parsed into a <see cref="JToken"/> first (which fails only for text that is not JSON) and read from there,
    /// where every value of the wrong type is skipped whole.
    /// </summary>
    private TEvent? ReadThroughToken(char[] chars, int length, out IReadOnlyList<AmigoDecodeIssue>? issues)
    {
        JToken token;
        using (var jsonReader = Reader(chars, length))
        {
            token = JToken.ReadFrom(jsonReader);
            EnsureEnd(jsonReader);
        }

        var collector = DecodeIssueCollector.Begin();
        try
        {
            using var tokenReader = token.CreateReader();
            var value = _serializer.Deserialize<TEvent>(tokenReader);
            issues = collector.Complete(value, _serializer.ContractResolver);
            return value;
        }
        finally
        {
            collector.Abandon();
        }
    }

    private static JsonTextReader Reader(char[] chars, int length) => new(new CharSegmentReader(chars, length))
    {
        ArrayPool = SharedCharPool.Instance,
        CloseInput = false,
        DateParseHandling = DateParseHandling.None,
    };

    private static void EnsureEnd(JsonTextReader jsonReader)
    {
        while (jsonReader.Read())
        {
            if (jsonReader.TokenType != JsonToken.Comment)
            {
                throw new JsonReaderException(
                    $"Unexpected content after the JSON value at position {jsonReader.LinePosition}: one line must hold one JSON value.");
            }
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

        // Json.NET reads through this overload; netstandard2.0's TextReader has no Span one to override.
        public override int Read(char[] buffer, int index, int count)
        {
            int n = Math.Min(count, length - _position);
            Array.Copy(chars, _position, buffer, index, n);
            _position += n;
            return n;
        }
    }
}
