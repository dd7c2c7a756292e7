namespace Amigo;

/// <summary>The conversation operations of the Amigo API, in the organization the client was configured with.</summary>
public sealed partial class ConversationsResource : AmigoResource
{
    internal ConversationsResource(AmigoClientContext context) : base(context)
    {
    }
}
