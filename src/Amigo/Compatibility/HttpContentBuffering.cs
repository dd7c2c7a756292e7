#if !NET9_0_OR_GREATER
namespace Amigo.Compatibility;

/// <summary>net8.0 and netstandard2.0: .NET 9's <c>HttpContent.LoadIntoBufferAsync(long, CancellationToken)</c>.</summary>
internal static class HttpContentBufferingCompatibility
{
    extension(HttpContent content)
    {
        /// <summary>
        /// Buffers the content up to <paramref name="maxBufferSize"/> bytes. The older runtimes' overload takes no token,
        /// so on cancellation this stops waiting at once and disposes the content, which ends the read of a network
        /// stream; the abandoned buffering's failure is observed.
        /// </summary>
        public async Task LoadIntoBufferAsync(long maxBufferSize, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var buffering = content.LoadIntoBufferAsync(maxBufferSize);
            try
            {
                await buffering.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!buffering.IsCompleted)
            {
                content.Dispose();
                _ = buffering.ContinueWith(static task => _ = task.Exception, CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw;
            }
        }
    }
}
#endif
