namespace Amigo;

/// <summary>The user operations of the Amigo API, in the organization the client was configured with.</summary>
public sealed partial class UsersResource : AmigoResource
{
    internal UsersResource(AmigoClientContext context) : base(context)
    {
    }
}
