#if !NET5_0_OR_GREATER
using System.Buffers;
using System.Runtime.InteropServices;

namespace Amigo.Compatibility;

/// <summary>
/// netstandard2.0: the <see cref="Memory{T}"/>, span and cancellation overloads of .NET Core 2.1-8 on streams,
/// writers and HTTP content, under the same names, over the array and token-less members netstandard2.0 has.
/// </summary>
internal static class StreamCompatibility
{
    extension(Stream stream)
    {
        public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            MemoryMarshal.TryGetArray((ReadOnlyMemory<byte>)buffer, out var segment)
                ? new(stream.ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken))
                : new(ReadThroughArrayAsync(stream, buffer, cancellationToken));

        /// <summary>.NET Core 2.1's overload, with the default buffer size (81920 bytes, as there).</summary>
        public Task CopyToAsync(Stream destination, CancellationToken cancellationToken) =>
            stream.CopyToAsync(destination, 81920, cancellationToken);

        /// <summary>.NET Core 3.0's <c>DisposeAsync</c>: netstandard2.0's streams dispose synchronously.</summary>
        public ValueTask DisposeAsync()
        {
            stream.Dispose();
            return default;
        }

        public void Write(ReadOnlySpan<byte> buffer)
        {
            var copy = ArrayPool<byte>.Shared.Rent(buffer.Length);
            try
            {
                buffer.CopyTo(copy);
                stream.Write(copy, 0, buffer.Length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }
    }

    extension(TextWriter writer)
    {
        /// <summary>.NET 8's overload: the token is checked before the flush starts, as the base class does there.</summary>
        public Task FlushAsync(CancellationToken cancellationToken) =>
            cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : writer.FlushAsync();
    }

    extension(HttpContent content)
    {
        /// <summary>.NET 5's overload: the token is checked before the stream is asked for (it is already open once the
        /// headers have been read).</summary>
        public Task<Stream> ReadAsStreamAsync(CancellationToken cancellationToken) =>
            cancellationToken.IsCancellationRequested ? Task.FromCanceled<Stream>(cancellationToken) : content.ReadAsStreamAsync();
    }

    private static async Task<int> ReadThroughArrayAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var copy = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = await stream.ReadAsync(copy, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            copy.AsSpan(0, read).CopyTo(buffer.Span);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
#endif
