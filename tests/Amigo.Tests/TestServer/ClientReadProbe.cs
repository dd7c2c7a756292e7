namespace Amigo.Tests.TestServer;

/// <summary>
/// A client-side handler that counts the response body bytes the client has actually read, so a server script
/// can wait until one chunk was consumed before writing the next: this makes the client's reads split exactly
/// where the test says, instead of wherever the network happens to coalesce them.
/// </summary>
public sealed class ClientReadProbe : DelegatingHandler
{
    private readonly Lock _lock = new();
    private readonly List<(long Total, TaskCompletionSource Reached)> _waiters = [];
    private long _bytesRead;

    /// <summary>Body bytes the client has read so far.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Waits until the client has read at least <paramref name="total"/> body bytes.</summary>
    public Task WaitForBytesAsync(long total)
    {
        TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_bytesRead >= total)
            {
                return Task.CompletedTask;
            }
            _waiters.Add((total, reached));
        }
        return reached.Task.WaitAsync(Signal.Guard);
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var inner = await response.Content.ReadAsStreamAsync(cancellationToken);
        var counted = new StreamContent(new CountingStream(inner, this));
        foreach (var header in response.Content.Headers)
        {
            counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        response.Content = counted;
        return response;
    }

    private void OnRead(int count)
    {
        List<TaskCompletionSource> reached = [];
        lock (_lock)
        {
            _bytesRead += count;
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_bytesRead >= _waiters[i].Total)
                {
                    reached.Add(_waiters[i].Reached);
                    _waiters.RemoveAt(i);
                }
            }
        }
        reached.ForEach(r => r.TrySetResult());
    }

    private sealed class CountingStream(Stream inner, ClientReadProbe probe) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken);
            probe.OnRead(n);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            probe.OnRead(n);
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
