using Amigo.Generated;

namespace Amigo;

public partial class DynamicBehaviorSetsResource
{
    /// <summary>Creates a new version of a dynamic behavior set (<c>create-dynamic-behavior-set-version</c>, HTTP 201).</summary>
    /// <remarks>
    /// Pass <paramref name="expectedVersion"/> to create the version only if it is the next one: an optimistic check
    /// against a concurrent writer. Permissions: <c>DynamicBehaviorInstruction:UpdateDynamicBehaviorInstruction</c> on
    /// the set. Rate limit: 200 requests per minute.
    /// </remarks>
    /// <param name="dynamicBehaviorSetId">The set (24-hex id).</param>
    /// <param name="request">The version: 1–50 conversation triggers and the actions.</param>
    /// <param name="expectedVersion">The number the new version must get (<c>version</c>, 2 or more); null to take the next number, whatever it is.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, with the number of the new version (<see cref="CreateDynamicBehaviorSetVersionResponse.NewVersionNumber"/>).</returns>
    /// <exception cref="ArgumentException">The id is not a 24-hex id, <paramref name="expectedVersion"/> is less than 2, or the request breaks the rules above.</exception>
    /// <exception cref="AmigoUnexpectedVersionException"><paramref name="expectedVersion"/> is not the set's next version number (HTTP 400).</exception>
    [AmigoOperation("create-dynamic-behavior-set-version")]
    public virtual Task<CreateDynamicBehaviorSetVersionResponse> CreateVersionAsync(
        string dynamicBehaviorSetId,
        CreateDynamicBehaviorSetVersionRequest request,
        int? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(dynamicBehaviorSetId, nameof(dynamicBehaviorSetId));
        ArgumentNullException.ThrowIfNull(request);
        AmigoValidation.ConversationTriggers(request.ConversationTriggers, "request.ConversationTriggers");
        CheckActions(request.Actions, "request.Actions");
        if (expectedVersion is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedVersion), expectedVersion, $"expectedVersion must be 2 or more (version 1 is the set's initial version), but was {expectedVersion}.");
        }

        return RunAsync();

        async Task<CreateDynamicBehaviorSetVersionResponse> RunAsync()
        {
            try
            {
                return await CallAsync(
                    "create-dynamic-behavior-set-version",
                    c => Client.CreateDynamicBehaviorSetVersionAsync(OrganizationId, dynamicBehaviorSetId, request, expectedVersion, cancellationToken: c),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (AmigoBadRequestException ex) when (expectedVersion is { } expected)
            {
                throw new AmigoUnexpectedVersionException(dynamicBehaviorSetId, expected, ex);
            }
        }
    }
}
