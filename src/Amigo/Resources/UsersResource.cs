namespace Amigo;

/// <summary>The user operations of the Amigo API, in the organization the client was configured with.</summary>
public sealed partial class UsersResource : AmigoResource
{
    internal UsersResource(AmigoClientContext context) : base(context)
    {
        Generated = new TranslatingUserClient(context.HttpClient, context.Decoder);
    }

    /// <summary>
    /// The generated client for every user operation, sharing this client's HTTP pipeline (auth, retries,
    /// rate limits, logging, typed errors). Its methods take the organization explicitly: pass <see cref="AmigoResource.OrganizationId"/>.
    /// </summary>
    internal Amigo.Generated.UserClient Generated { get; }
}
