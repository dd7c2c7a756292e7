namespace Amigo;

/// <summary>The metric operations of the Amigo API, in the organization the client was configured with.</summary>
public sealed partial class MetricsResource : AmigoResource
{
    internal MetricsResource(AmigoClientContext context) : base(context)
    {
    }
}
