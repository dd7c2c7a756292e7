using Amigo.Generated;

namespace Amigo;

public partial class ConversationsResource
{
    /// <summary>
    /// Generates responses the user could send next, from the chat history (<c>recommend-responses-for-interaction</c>).
    /// Meant for when the latest interaction ended a while ago and the user has not answered.
    /// </summary>
    /// <remarks>Permissions: <c>Conversation:GetRecommendedResponses</c> on the conversation. Rate limit: 20 requests per minute.</remarks>
    /// <param name="conversationId">The conversation (24-hex id).</param>
    /// <param name="interactionId">The most recent, completed interaction (24-hex id).</param>
    /// <param name="context">The context (persona and scenario) to generate the responses under; null for the server's default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recommended responses.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id, or <paramref name="context"/> is empty.</exception>
    /// <exception cref="AmigoBadRequestException">The conversation is finished, or the interaction is not the latest completed one.</exception>
    [AmigoOperation("recommend-responses-for-interaction")]
    public virtual Task<IReadOnlyList<string>> RecommendResponsesAsync(
        string conversationId, string interactionId, string? context = null, CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(conversationId, nameof(conversationId));
        AmigoValidation.ObjectId(interactionId, nameof(interactionId));
        if (context is { Length: 0 })
        {
            throw new ArgumentException("context must not be empty; pass null for the server's default context.", nameof(context));
        }

        // Without a context the body is {}, so the server applies its own default (the generated client would send "null").
        var body = new RecommendResponsesForInteractionRequest { Context = context };
        return RunAsync();

        async Task<IReadOnlyList<string>> RunAsync()
        {
            var response = await CallAsync(
                "recommend-responses-for-interaction",
                c => Client.RecommendResponsesForInteractionAsync(conversationId, interactionId, OrganizationId, body: body, cancellationToken: c),
                cancellationToken).ConfigureAwait(false);
            return response.RecommendedResponses.AsReadOnly();
        }
    }
}
