using System.Buffers;
using System.Text;

namespace Amigo.Streaming;

/// <summary>
/// Reads newline-delimited lines from a byte stream as their bytes arrive, one line at a time.
/// </summary>
/// <remarks>
/// The reader works on raw bytes: it never decodes text, so a multi-byte UTF-8 character split across two
/// network reads needs no special handling (a line is only handed out once its terminating newline, or the end
/// of the stream, has arrived). Lines end with <c>\n</c> or <c>\r\n</c>; blank lines are skipped; a final line
/// without a newline is returned; a UTF-8 byte order mark before the first line is skipped. The buffer is rented from <see cref="ArrayPool{T}"/> and grows only to fit the
/// longest line seen (bounded by the maximum line length), so memory stays flat however long the stream is.
/// Not thread-safe: one consumer reads one stream.
/// </remarks>
internal sealed class NdjsonLineReader : IDisposable
{
    /// <summary>The default maximum length of one line, in bytes: 16 MiB.</summary>
    public const int DefaultMaxLineLength = 16 * 1024 * 1024;

    private const int InitialBufferSize = 64 * 1024;
    private const int MinimumReadSize = 4 * 1024;

    private readonly Stream _stream;
    private readonly int _maxLineLength;
    private byte[]? _buffer;
    private int _start;
    private int _scanned;
    private int _end;
    private bool _endOfStream;
    private bool _atStart = true;
    private ReadOnlyMemory<byte> _line;

    /// <summary>Creates a reader over <paramref name="stream"/>; the caller keeps ownership of the stream.</summary>
    /// <param name="stream">The stream to read, typically an HTTP response body read with ResponseHeadersRead.</param>
    /// <param name="maxLineLength">The longest line accepted, in bytes, excluding its line ending.</param>
    public NdjsonLineReader(Stream stream, int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLineLength, Array.MaxLength - MinimumReadSize - 2);
        _stream = stream;
        _maxLineLength = maxLineLength;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, maxLineLength + MinimumReadSize));
    }

    /// <summary>
    /// The 1-based number of the line last returned by <see cref="ReadLineAsync"/>, counting skipped blank lines,
    /// or of the line being read when an error occurred.
    /// </summary>
    public long LineNumber { get; private set; }

    /// <summary>The bytes of the line last returned, without its line ending. Valid until the next read.</summary>
    public ReadOnlyMemory<byte> CurrentLine => _line;

    /// <summary>Total bytes received from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// Advances to the next non-blank line. Returns <see langword="false"/> at the end of the stream.
    /// </summary>
    /// <exception cref="NdjsonLineTooLongException">The line exceeds the maximum line length.</exception>
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryReadBufferedLine(out bool hasLine))
            {
                return hasLine;
            }

            EnsureReadSpace();
            var buffer = _buffer!;
            int read = await _stream.ReadAsync(buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _endOfStream = true;
            }
            else
            {
                _end += read;
                BytesRead += read;
            }
        }
    }

    /// <summary>
    /// Advances to the next non-blank line if that needs no read from the stream: a complete line is already
    /// buffered, or the stream has ended. Returns <see langword="false"/> when more bytes must be read first
    /// (<see cref="ReadLineAsync"/> does that); otherwise <paramref name="hasLine"/> tells whether a line was taken
    /// (<see langword="false"/> at the end of the stream). Every complete line a read brought is handed out this way
    /// before the next read.
    /// </summary>
    /// <param name="hasLine">Whether <see cref="CurrentLine"/> now holds the next line.</param>
    /// <exception cref="NdjsonLineTooLongException">The line exceeds the maximum line length.</exception>
    public bool TryReadBufferedLine(out bool hasLine)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(NdjsonLineReader));
        while (TryTakeLine(ref buffer, out bool blank))
        {
            if (!blank)
            {
                hasLine = true;
                return true;
            }
        }

        hasLine = false;
        if (_endOfStream)
        {
            _line = ReadOnlyMemory<byte>.Empty;
            return true;
        }
        return false;
    }

    private bool TryTakeLine(ref byte[] buffer, out bool blank)
    {
        blank = false;
        if (_atStart && !SkipByteOrderMark(buffer))
        {
            return false;
        }

        int newline = buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
        int lineEnd;
        int next;
        if (newline >= 0)
        {
            lineEnd = _scanned + newline;
            next = lineEnd + 1;
        }
        else
        {
            _scanned = _end;
            int pending = _end - _start;
            // A pending line longer than the maximum (allowing for a '\r' whose '\n' has not arrived yet) can never fit.
            if (pending > _maxLineLength + 1 || (pending == _maxLineLength + 1 && buffer[_end - 1] != (byte)'\r'))
            {
                throw TooLong(LineNumber + 1, buffer.AsSpan(_start, pending));
            }
            if (!_endOfStream || pending == 0)
            {
                return false;
            }
            lineEnd = _end;
            next = _end;
        }

        int lineStart = _start;
        _start = next;
        _scanned = next;
        LineNumber++;
        if (lineEnd > lineStart && buffer[lineEnd - 1] == (byte)'\r')
        {
            lineEnd--;
        }

        var line = buffer.AsSpan(lineStart, lineEnd - lineStart);
        if (line.Length > _maxLineLength)
        {
            throw TooLong(LineNumber, line);
        }
        if (line.IsEmpty || IsWhiteSpace(line))
        {
            blank = true;
            _line = ReadOnlyMemory<byte>.Empty;
            return true;
        }
        _line = buffer.AsMemory(lineStart, lineEnd - lineStart);
        return true;
    }

    /// <summary>Skips a UTF-8 byte order mark at the start of the stream; false while too few bytes arrived to tell.</summary>
    private bool SkipByteOrderMark(byte[] buffer)
    {
        var available = buffer.AsSpan(_start, _end - _start);
        var mark = Encoding.UTF8.Preamble;
        if (available.Length < mark.Length && !_endOfStream && mark.StartsWith(available))
        {
            return false;
        }

        if (available.StartsWith(mark))
        {
            _start += mark.Length;
            _scanned = Math.Max(_scanned, _start);
        }

        _atStart = false;
        return true;
    }

    private static bool IsWhiteSpace(ReadOnlySpan<byte> line) =>
        line.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0;

    private void EnsureReadSpace()
    {
        var buffer = _buffer!;
        if (buffer.Length - _end >= MinimumReadSize)
        {
            return;
        }

        int pending = _end - _start;
        if (_start > 0 && buffer.Length - pending >= MinimumReadSize)
        {
            buffer.AsSpan(_start, pending).CopyTo(buffer);
        }
        else
        {
            // The longest buffer ever needed holds one maximal line, its "\r\n" and one read.
            long wanted = Math.Max((long)buffer.Length * 2, pending + MinimumReadSize);
            int size = (int)Math.Min(wanted, (long)_maxLineLength + 2 + MinimumReadSize);
            var grown = ArrayPool<byte>.Shared.Rent(size);
            buffer.AsSpan(_start, pending).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(buffer);
            _buffer = grown;
        }
        _scanned -= _start;
        _end = pending;
        _start = 0;
    }

    private NdjsonLineTooLongException TooLong(long lineNumber, ReadOnlySpan<byte> linePrefix)
    {
        LineNumber = lineNumber;
        return new NdjsonLineTooLongException(lineNumber, _maxLineLength, linePrefix[..Math.Min(linePrefix.Length, LineExcerpt.MaxBytes)].ToArray());
    }

    /// <summary>Returns the buffer to the pool. Does not dispose the stream.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = null;
        _line = ReadOnlyMemory<byte>.Empty;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
