#if !NET9_0_OR_GREATER
namespace Amigo.Compatibility;

/// <summary>net8.0 and netstandard2.0: .NET 9's <c>HttpContent.LoadIntoBufferAsync(long, CancellationToken)</c>.</summary>
internal static class HttpContentBufferingCompatibility
{
    extension(HttpContent content)
    {
        /// <summary>
        /// Buffers the content up to <paramref name="maxBufferSize"/> bytes. The older runtimes' overload takes no token,
        /// so cancelling disposes the content, which ends the read, and the failure surfaces as cancellation.
        /// </summary>
        public async Task LoadIntoBufferAsync(long maxBufferSize, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var registration = cancellationToken.Register(static state => ((HttpContent)state!).Dispose(), content);
            try
            {
                await content.LoadIntoBufferAsync(maxBufferSize).ConfigureAwait(false);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                throw new OperationCanceledException("The operation was canceled.", ex, cancellationToken);
            }
        }
    }
}
#endif
