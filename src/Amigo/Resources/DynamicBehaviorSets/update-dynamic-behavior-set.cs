using System.Text;
using Newtonsoft.Json;

namespace Amigo;

public partial class DynamicBehaviorSetsResource
{
    private const string UpdateOperation = "update-dynamic-behavior-set";

    /// <summary>
    /// Updates a dynamic behavior set (<c>update-dynamic-behavior-set</c>, HTTP 204). Only the fields set in
    /// <paramref name="update"/> are sent; the others keep their current values. A field set to null is sent as null.
    /// </summary>
    /// <remarks>
    /// Permissions: <c>DynamicBehaviorInstruction:UpdateDynamicBehaviorInstruction</c> on the set. Rate limit: 500 requests per minute.
    /// </remarks>
    /// <param name="dynamicBehaviorSetId">The set to update (24-hex id).</param>
    /// <param name="update">The changes.</param>
    /// <param name="callOptions">Headers, timeout and retries for this call only; null for the client's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The id is not a 24-hex id, or a set field breaks a constraint of the spec.</exception>
    /// <exception cref="AmigoConflictException">Another active set with the same name exists.</exception>
    [AmigoOperation(UpdateOperation)]
    public virtual Task UpdateAsync(
        string dynamicBehaviorSetId, DynamicBehaviorSetUpdate update, AmigoCallOptions? callOptions = null, CancellationToken cancellationToken = default) =>
        AmigoResponses.DiscardAsync(UpdateWithResponseAsync(dynamicBehaviorSetId, update, callOptions, cancellationToken));

    /// <summary>Updates a dynamic behavior set, with the raw response (<c>update-dynamic-behavior-set</c>); see <see cref="UpdateAsync"/>.</summary>
    /// <param name="dynamicBehaviorSetId">The set to update (24-hex id).</param>
    /// <param name="update">The changes.</param>
    /// <param name="callOptions">Headers, timeout and retries for this call only; null for the client's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The raw response (status, headers, request id, rate limit).</returns>
    /// <exception cref="ArgumentException">The id is not a 24-hex id, or a set field breaks a constraint of the spec.</exception>
    /// <exception cref="AmigoConflictException">Another active set with the same name exists.</exception>
    public virtual Task<AmigoResponse> UpdateWithResponseAsync(
        string dynamicBehaviorSetId, DynamicBehaviorSetUpdate update, AmigoCallOptions? callOptions = null, CancellationToken cancellationToken = default)
    {
        CheckUpdateDynamicBehaviorSet(dynamicBehaviorSetId);
        ArgumentNullException.ThrowIfNull(update);

        // The generated request type drops null fields, so the body is written here: set fields only, nulls kept.
        var body = update.ToJson(nameof(update)).ToString(Formatting.None);
        return Context.InvokeAsync(UpdateOperation, callOptions, async c =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/{Uri.EscapeDataString(OrganizationId)}/dynamic_behavior_set/{dynamicBehaviorSetId}/")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, UpdateOperation, c).ConfigureAwait(false);
        }, cancellationToken);
    }
}
