namespace Amigo.Tests.Streaming;

/// <summary>A read-only stream that hands out exactly one scripted chunk per read, as a network would.</summary>
internal sealed class ChunkedStream(params byte[][] chunks) : Stream
{
    private int _next;
    private int _offset;

    public int ReadCount { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ReadCount++;
        while (_next < chunks.Length && _offset == chunks[_next].Length)
        {
            _next++;
            _offset = 0;
        }
        if (_next == chunks.Length)
        {
            return 0;
        }
        var chunk = chunks[_next];
        int n = Math.Min(buffer.Length, chunk.Length - _offset);
        chunk.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
