using Amigo.Generated;

namespace Amigo;

public partial class MetricsResource
{
    /// <summary>
    /// Evaluates metrics on a conversation, optionally only up to (and including) one of its interactions (<c>evaluate-metrics</c>).
    /// </summary>
    /// <remarks>
    /// Permissions: <c>Metric:EvaluateMetric</c> on the metrics and <c>Metric:GetMetricEvaluationResult</c> on the results.
    /// Rate limit: 20 requests per minute.
    /// </remarks>
    /// <param name="metricIds">The metrics to evaluate: 1 to 10 distinct 24-hex ids.</param>
    /// <param name="conversationId">The conversation (24-hex id).</param>
    /// <param name="evaluateToInteractionId">Evaluate only the messages up to and including this interaction (24-hex id); null for the whole conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One evaluation per metric; read each <see cref="MetricEvaluation.Value"/> as a number, boolean, string or null.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id, or <paramref name="metricIds"/> has fewer than 1, more than 10, or repeated ids.</exception>
    /// <exception cref="AmigoBadRequestException">The conversation has no interactions.</exception>
    [AmigoOperation("evaluate-metrics")]
    public virtual Task<IReadOnlyList<MetricEvaluation>> EvaluateAsync(
        IEnumerable<string> metricIds,
        string conversationId,
        string? evaluateToInteractionId = null,
        CancellationToken cancellationToken = default)
    {
        var ids = AmigoValidation.MetricIds(metricIds, nameof(metricIds));
        AmigoValidation.ObjectId(conversationId, nameof(conversationId));
        if (evaluateToInteractionId is not null)
        {
            AmigoValidation.ObjectId(evaluateToInteractionId, nameof(evaluateToInteractionId));
        }

        var body = new EvaluateMetricsRequest
        {
            MetricIds = ids.ToList(),
            ConversationId = conversationId,
            EvaluateToInteractionId = evaluateToInteractionId,
        };
        return RunAsync();

        async Task<IReadOnlyList<MetricEvaluation>> RunAsync()
        {
            var response = await CallAsync(
                "evaluate-metrics",
                c => Client.EvaluateMetricsAsync(OrganizationId, body, cancellationToken: c),
                cancellationToken).ConfigureAwait(false);
            try
            {
                return response.Metrics.Select(m => new MetricEvaluation(m)).ToArray();
            }
            catch (FormatException ex)
            {
                throw new AmigoDecodeException("evaluate-metrics", 200, ex.Message, ex);
            }
        }
    }
}
