namespace Amigo;

/// <summary>The dynamic behavior set operations of the Amigo API, in the organization the client was configured with.</summary>
public sealed partial class DynamicBehaviorSetsResource : AmigoResource
{
    internal DynamicBehaviorSetsResource(AmigoClientContext context) : base(context)
    {
    }
}
