namespace Amigo.Tests.Support;

/// <summary>A transport that never answers: it completes only when the request is cancelled. Signals when a request arrives.</summary>
public sealed class HangingHandler : HttpMessageHandler
{
    public TaskCompletionSource RequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestArrived.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
