namespace Amigo;

/// <summary>The conversation operations of the Amigo API, in the organization the client was configured with.</summary>
public sealed partial class ConversationsResource : AmigoResource
{
    internal ConversationsResource(AmigoClientContext context) : base(context)
    {
        Generated = new TranslatingConversationClient(context.HttpClient, context.Decoder);
    }

    /// <summary>
    /// The generated client for every conversation operation, sharing this client's HTTP pipeline (auth, retries,
    /// rate limits, logging, typed errors). Its methods take the organization explicitly: pass <see cref="AmigoResource.OrganizationId"/>.
    /// </summary>
    internal Amigo.Generated.ConversationClient Generated { get; }
}
