using Amigo.Generated;

namespace Amigo;

public partial class MetricsResource
{
    private const string EvaluateOperation = "evaluate-metrics";

    /// <summary>
    /// Evaluates metrics on a conversation, optionally only up to (and including) one of its interactions (<c>evaluate-metrics</c>).
    /// </summary>
    /// <remarks>
    /// Permissions: <c>Metric:EvaluateMetric</c> on the metrics and <c>Metric:GetMetricEvaluationResult</c> on the results.
    /// Rate limit: 20 requests per minute.
    /// </remarks>
    /// <param name="request">The metrics to evaluate (1 to 10 ids), the conversation, and optionally the interaction to evaluate up to.</param>
    /// <param name="callOptions">Headers, timeout and retries for this call only; null for the client's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One evaluation per metric; read each <see cref="MetricEvaluation.Value"/> as a number, boolean, string or null.</returns>
    /// <exception cref="ArgumentException">The request breaks a constraint of the spec (nothing was sent).</exception>
    /// <exception cref="AmigoBadRequestException">The conversation has no interactions.</exception>
    [AmigoOperation(EvaluateOperation)]
    public virtual Task<IReadOnlyList<MetricEvaluation>> EvaluateAsync(
        EvaluateMetricsRequest request, AmigoCallOptions? callOptions = null, CancellationToken cancellationToken = default) =>
        AmigoResponses.ValueAsync(EvaluateWithResponseAsync(request, callOptions, cancellationToken));

    /// <summary>Evaluates metrics on a conversation, with the raw response (<c>evaluate-metrics</c>); see <see cref="EvaluateAsync"/>.</summary>
    /// <param name="request">The metrics to evaluate (1 to 10 ids), the conversation, and optionally the interaction to evaluate up to.</param>
    /// <param name="callOptions">Headers, timeout and retries for this call only; null for the client's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The raw response (status, headers, request id, rate limit) with one evaluation per metric.</returns>
    /// <exception cref="ArgumentException">The request breaks a constraint of the spec (nothing was sent).</exception>
    /// <exception cref="AmigoBadRequestException">The conversation has no interactions.</exception>
    public virtual Task<AmigoResponse<IReadOnlyList<MetricEvaluation>>> EvaluateWithResponseAsync(
        EvaluateMetricsRequest request, AmigoCallOptions? callOptions = null, CancellationToken cancellationToken = default)
    {
        AmigoArguments.Body(request, nameof(request), required: true);
        var call = Context.InvokeAsync(EvaluateOperation, callOptions, c => Client.EvaluateMetricsAsync(OrganizationId, request, cancellationToken: c), cancellationToken);
        return RunAsync();

        async Task<AmigoResponse<IReadOnlyList<MetricEvaluation>>> RunAsync()
        {
            var response = await call.ConfigureAwait(false);
            try
            {
                return response.WithValue<IReadOnlyList<MetricEvaluation>>(response.Value.Metrics.Select(m => new MetricEvaluation(m)).ToArray());
            }
            catch (FormatException ex)
            {
                throw new AmigoDecodeException(EvaluateOperation, 200, ex.Message, ex);
            }
        }
    }
}
