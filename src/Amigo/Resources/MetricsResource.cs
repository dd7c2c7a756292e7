namespace Amigo;

/// <summary>The metric operations of the Amigo API, in the organization the client was configured with.</summary>
public sealed partial class MetricsResource : AmigoResource
{
    internal MetricsResource(AmigoClientContext context) : base(context)
    {
        Generated = new TranslatingMetricClient(context.HttpClient, context.Decoder);
    }

    /// <summary>
    /// The generated client for every metric operation, sharing this client's HTTP pipeline (auth, retries,
    /// rate limits, logging, typed errors). Its methods take the organization explicitly: pass <see cref="AmigoResource.OrganizationId"/>.
    /// </summary>
    internal Amigo.Generated.MetricClient Generated { get; }
}
