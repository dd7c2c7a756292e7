namespace Amigo;

/// <summary>
/// The outermost handler: ties the request to its operation's telemetry (<see cref="AmigoOperationScope"/>), so that
/// every attempt, retry and redirect below runs inside the operation's activity. A request sent outside any ambient
/// scope gets a scope of its own, ended here when the response (or failure) is final. With no listener (no scope),
/// the request passes straight through: no async state machine of its own.
/// </summary>
internal sealed class TelemetryHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var owned = false;
        var scope = AmigoOperationScope.ClaimAmbient();
        if (scope is null)
        {
            scope = AmigoOperationScope.Start(AmigoOperations.Resolve(request).Id);
            owned = true;
        }

        return scope is null ? base.SendAsync(request, cancellationToken) : SendObservedAsync(request, scope, owned, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendObservedAsync(HttpRequestMessage request, AmigoOperationScope scope, bool owned, CancellationToken cancellationToken)
    {
        request.Options.Set(AmigoRequestOptions.Telemetry, scope);
        scope.SetRequest(request);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            scope.SetStatus((int)response.StatusCode);
            return response;
        }
        catch (Exception ex)
        {
            if (owned)
            {
                scope.Fail(ex);
            }

            throw;
        }
        finally
        {
            if (owned)
            {
                scope.End();
            }
        }
    }
}
