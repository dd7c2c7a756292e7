using Amigo.Generated;

namespace Amigo;

public partial class ConversationsResource
{
    /// <summary>Generates conversation starters (prompts a user could open with) for a service (<c>generate-conversation-starter</c>).</summary>
    /// <remarks>
    /// Permissions: <c>Conversation:CreateConversation</c> for a hypothetical new conversation with the same settings.
    /// Rate limit: 10 requests per minute.
    /// </remarks>
    /// <param name="request">
    /// The service (24-hex <c>ServiceId</c>), its version set (null for <c>release</c>), the facets (at least one) the
    /// starters should be about, how many to generate (<c>MinCount</c> ≤ <c>MaxCount</c>, each 1–10), and the generation instructions.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The generated prompts, each with the facets it is about.</returns>
    /// <exception cref="ArgumentException">A field of <paramref name="request"/> breaks the rules above.</exception>
    [AmigoOperation("generate-conversation-starter")]
    public virtual Task<IReadOnlyList<Prompt>> GenerateStartersAsync(
        GenerateConversationStarterRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AmigoValidation.ObjectId(request.ServiceId, "request.ServiceId");
        if (request.Facets is null || request.Facets.Count == 0)
        {
            throw new ArgumentException("request.Facets must hold at least one facet.", "request.Facets");
        }

        AmigoValidation.NonBlankStrings(request.Facets, "request.Facets", distinct: false);
        AmigoValidation.Range(request.MinCount, 1, 10, "request.MinCount");
        AmigoValidation.Range(request.MaxCount, 1, 10, "request.MaxCount");
        if (request.MinCount > request.MaxCount)
        {
            throw new ArgumentException($"request.MinCount ({request.MinCount}) must not exceed request.MaxCount ({request.MaxCount}).", "request.MinCount");
        }

        if (request.GenerationInstructions is null)
        {
            throw new ArgumentNullException("request.GenerationInstructions", "request.GenerationInstructions is required.");
        }

        return RunAsync();

        async Task<IReadOnlyList<Prompt>> RunAsync()
        {
            var response = await CallAsync(
                "generate-conversation-starter",
                c => Client.GenerateConversationStarterAsync(OrganizationId, request, cancellationToken: c),
                cancellationToken).ConfigureAwait(false);
            return response.Prompts.AsReadOnly();
        }
    }
}
