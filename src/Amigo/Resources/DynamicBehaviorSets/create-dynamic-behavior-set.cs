using Amigo.Generated;

namespace Amigo;

public partial class DynamicBehaviorSetsResource
{
    /// <summary>Creates a dynamic behavior set together with its initial version (<c>create-dynamic-behavior-set</c>, HTTP 201).</summary>
    /// <remarks>
    /// Permissions: <c>DynamicBehaviorInstruction:CreateDynamicBehaviorInstruction</c> and
    /// <c>DynamicBehaviorInstruction:UpdateDynamicBehaviorInstruction</c> on the set to create. Rate limit: 200 requests per minute.
    /// </remarks>
    /// <param name="request">
    /// The name (not blank), tags (at most 20; letters, digits, underscores or spaces; values up to 100 characters or null),
    /// the services it applies to (24-hex ids), and the initial version: whether to activate the set, 1–50 conversation
    /// triggers, and the actions.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, with the id of the new set (<see cref="CreateDynamicBehaviorSetResponse.DynamicBehaviorSetId"/>).</returns>
    /// <exception cref="ArgumentException">A field of <paramref name="request"/> breaks the rules above.</exception>
    /// <exception cref="AmigoConflictException">The initial version is active and an active set with the same name exists.</exception>
    [AmigoOperation("create-dynamic-behavior-set")]
    public virtual Task<CreateDynamicBehaviorSetResponse> CreateAsync(CreateDynamicBehaviorSetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AmigoValidation.NonBlank(request.Name, "request.Name");
        if (request.Tags is null)
        {
            throw new ArgumentNullException("request.Tags", "request.Tags is required (it may be empty).");
        }

        AmigoValidation.Tags(request.Tags, "request.Tags");
        if (request.AppliedToServices is null)
        {
            throw new ArgumentNullException("request.AppliedToServices", "request.AppliedToServices is required (it may be empty).");
        }

        AmigoValidation.ObjectIds(request.AppliedToServices, "request.AppliedToServices", distinct: false);
        if (request.InitialVersion is null)
        {
            throw new ArgumentNullException("request.InitialVersion", "request.InitialVersion is required.");
        }

        AmigoValidation.ConversationTriggers(request.InitialVersion.ConversationTriggers, "request.InitialVersion.ConversationTriggers");
        CheckActions(request.InitialVersion.Actions, "request.InitialVersion.Actions");
        return CallAsync(
            "create-dynamic-behavior-set",
            c => Client.CreateDynamicBehaviorSetAsync(OrganizationId, request, cancellationToken: c),
            cancellationToken);
    }
}
