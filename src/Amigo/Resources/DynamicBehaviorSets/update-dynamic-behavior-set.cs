using System.Text;
using Amigo.Generated;
using Newtonsoft.Json;

namespace Amigo;

public partial class DynamicBehaviorSetsResource
{
    /// <summary>
    /// Updates a dynamic behavior set (<c>update-dynamic-behavior-set</c>, HTTP 204). Only the fields set in
    /// <paramref name="update"/> are sent; the others keep their current values. A field set to null is sent as null.
    /// </summary>
    /// <remarks>
    /// Permissions: <c>DynamicBehaviorInstruction:UpdateDynamicBehaviorInstruction</c> on the set. Rate limit: 500 requests per minute.
    /// </remarks>
    /// <param name="dynamicBehaviorSetId">The set to update (24-hex id).</param>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The id is not a 24-hex id, or a set field breaks the rules of <see cref="DynamicBehaviorSetUpdate"/>.</exception>
    /// <exception cref="AmigoConflictException">Another active set with the same name exists.</exception>
    [AmigoOperation("update-dynamic-behavior-set")]
    public virtual Task UpdateAsync(string dynamicBehaviorSetId, DynamicBehaviorSetUpdate update, CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(dynamicBehaviorSetId, nameof(dynamicBehaviorSetId));
        ArgumentNullException.ThrowIfNull(update);
        var body = update.ToJson(nameof(update)).ToString(Formatting.None);

        // The generated request type drops null fields, so the body is written here: set fields only, nulls kept.
        return SendWithoutResultAsync(HttpMethod.Post, dynamicBehaviorSetId, body, "update-dynamic-behavior-set", cancellationToken);
    }

    /// <summary>Sends a request to <c>dynamic_behavior_set/{id}/</c> whose response body, if any, carries nothing to read.</summary>
    private async Task SendWithoutResultAsync(HttpMethod method, string dynamicBehaviorSetId, string? jsonBody, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"v1/{Uri.EscapeDataString(OrganizationId)}/dynamic_behavior_set/{dynamicBehaviorSetId}/");
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, operation, cancellationToken).ConfigureAwait(false);
    }
}
