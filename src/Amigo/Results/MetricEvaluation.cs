using Amigo.Generated;

namespace Amigo;

/// <summary>The result of evaluating one metric on a conversation.</summary>
public sealed class MetricEvaluation
{
    internal MetricEvaluation(EvaluateMetricsResponseMetricEvaluationResult result)
        : this(result.MetricId, AmigoMetricValue.FromJsonValue(result.Value), result.References?.ToArray() ?? [], result.Justification)
    {
    }

    internal MetricEvaluation(string metricId, AmigoMetricValue value, IReadOnlyList<string> references, string justification)
    {
        MetricId = metricId;
        Value = value;
        References = references;
        Justification = justification;
    }

    /// <summary>The id of the metric.</summary>
    public string MetricId { get; }

    /// <summary>The value: a number, a boolean, a string, or null if it could not be computed.</summary>
    public AmigoMetricValue Value { get; }

    /// <summary>References in the conversation that support the value.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>Why the metric has this value.</summary>
    public string Justification { get; }

    /// <summary>The metric id and value.</summary>
    public override string ToString() => $"{MetricId} = {Value}";
}
