#if !NET9_0_OR_GREATER
using System.Buffers;

namespace Amigo.Compatibility;

/// <summary>
/// net8.0 and netstandard2.0: the .NET 9 text members the client uses (the webhook signature header is split and
/// decoded without allocating), under the same names.
/// </summary>
internal static class Net9TextCompatibility
{
    extension(ReadOnlySpan<char> span)
    {
        /// <summary>.NET 9's <c>MemoryExtensions.Split(char)</c>: the ranges of the parts between the separators.</summary>
        public SpanSplitEnumerator Split(char separator) => new(span, separator);
    }

    extension(Convert)
    {
        /// <summary>.NET 9's <c>Convert.FromHexString(ReadOnlySpan&lt;char&gt;, Span&lt;byte&gt;, out int, out int)</c>, same statuses.</summary>
        public static OperationStatus FromHexString(ReadOnlySpan<char> source, Span<byte> destination, out int charsConsumed, out int bytesWritten)
        {
            var pairs = source.Length / 2;
            var status = OperationStatus.Done;
            if (destination.Length < pairs)
            {
                pairs = destination.Length;
                status = OperationStatus.DestinationTooSmall;
            }
            else if (source.Length % 2 == 1)
            {
                status = OperationStatus.NeedMoreData;
            }

            for (var i = 0; i < pairs; i++)
            {
                int high = HexValue(source[2 * i]), low = HexValue(source[(2 * i) + 1]);
                if ((high | low) < 0)
                {
                    charsConsumed = 2 * i;
                    bytesWritten = i;
                    return OperationStatus.InvalidData;
                }

                destination[i] = (byte)((high << 4) | low);
            }

            charsConsumed = 2 * pairs;
            bytesWritten = pairs;
            return status;
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

/// <summary>The ranges that <see cref="Net9TextCompatibility"/>'s <c>Split</c> yields, as .NET 9's <c>SpanSplitEnumerator</c>.</summary>
internal ref struct SpanSplitEnumerator(ReadOnlySpan<char> span, char separator)
{
    private readonly ReadOnlySpan<char> _span = span;
    private int _next;
    private bool _done;

    public Range Current { get; private set; }

    public readonly SpanSplitEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        var length = _span.Slice(_next).IndexOf(separator);
        if (length < 0)
        {
            Current = _next.._span.Length;
            _done = true;
        }
        else
        {
            Current = _next..(_next + length);
            _next += length + 1;
        }

        return true;
    }
}
#endif
