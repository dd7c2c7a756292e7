namespace Amigo;

/// <summary>The dynamic behavior set operations of the Amigo API, in the organization the client was configured with.</summary>
public sealed partial class DynamicBehaviorSetsResource : AmigoResource
{
    internal DynamicBehaviorSetsResource(AmigoClientContext context) : base(context)
    {
        Generated = new TranslatingDynamicBehaviorSetClient(context.HttpClient, context.Decoder);
    }

    /// <summary>
    /// The generated client for every dynamic behavior set operation, sharing this client's HTTP pipeline (auth, retries,
    /// rate limits, logging, typed errors). Its methods take the organization explicitly: pass <see cref="AmigoResource.OrganizationId"/>.
    /// </summary>
    internal Amigo.Generated.DynamicBehaviorSetClient Generated { get; }
}
