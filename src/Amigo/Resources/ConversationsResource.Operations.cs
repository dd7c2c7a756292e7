using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo;

public partial class ConversationsResource
{
    /// <summary>
    /// Lists the conversations of the organization that match <paramref name="options"/> (<c>get-conversations</c>),
    /// page by page as the caller enumerates. Nothing is requested until enumeration starts.
    /// </summary>
    /// <remarks>
    /// Permissions: only conversations the user has <c>Conversation.GetConversation</c> on are returned;
    /// <c>final_message</c> is only filled with <c>Conversation.GetMessage</c> on the final message, and
    /// <c>version_set_info</c> only with <c>Service.GetVersionSet</c> on the version set. Rate limit: 15 requests per minute.
    /// </remarks>
    /// <param name="options">Filters, order and page size; null for all conversations in the server's order.</param>
    /// <param name="cancellationToken">Cancels the walk, between pages and during a request.</param>
    /// <returns>The conversations; enumerate with <c>await foreach</c>, or walk pages with <see cref="AmigoPageable{T, TResponse}.AsPages"/>.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id, or the page size is outside 1–150.</exception>
    [AmigoOperation("get-conversations")]
    public virtual AmigoPageable<ConversationInstance, GetConversationsResponse> ListAsync(
        ConversationListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ConversationListOptions();
        var userIds = AmigoValidation.NonBlankStrings(options.UserIds, "options.UserIds", distinct: true);
        var serviceIds = AmigoValidation.ObjectIds(options.ServiceIds, "options.ServiceIds", distinct: true);
        var ids = AmigoValidation.ObjectIds(options.Ids, "options.Ids", distinct: false);
        var tags = AmigoTagFilter.ToQueryValues(options.Tags, "options.Tags");
        var sortBy = options.SortBy?.ToQueryValues() is { Count: > 0 } sort ? sort : null;
        var pageSize = AmigoValidation.PageSize(options.PageSize, 1, ConversationListOptions.MaxPageSize, "options.PageSize");
        var isFinished = options.IsFinished;
        const string operation = "get-conversations";

        return new AmigoPageable<ConversationInstance, GetConversationsResponse>(
            operation,
            (token, limit, ct) => CallAsync(operation, c => Client.GetConversationsAsync(
                OrganizationId, userIds, serviceIds, isFinished, ids, limit, token, sortBy, tags, cancellationToken: c), ct),
            r => (r.Conversations.AsReadOnly(), r.HasMore, r.ContinuationToken),
            hint => AmigoValidation.PageSize(hint, 1, ConversationListOptions.MaxPageSize, "pageSizeHint"),
            pageSize,
            cancellationToken);
    }

    /// <summary>
    /// Lists the messages of a conversation (<c>get-conversation-messages</c>), page by page as the caller enumerates,
    /// in the order <paramref name="options"/> asks for. Nothing is requested until enumeration starts.
    /// </summary>
    /// <remarks>
    /// Permissions: only messages the user has <c>Conversation.GetMessage</c> on are returned. Rate limit: 20 requests per minute.
    /// </remarks>
    /// <param name="conversationId">The conversation (24-hex id).</param>
    /// <param name="options">Filters, order and page size; null for the server's defaults.</param>
    /// <param name="cancellationToken">Cancels the walk, between pages and during a request.</param>
    /// <returns>The messages; enumerate with <c>await foreach</c>, or walk pages with <see cref="AmigoPageable{T, TResponse}.AsPages"/>.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id, or the page size is outside 1–500.</exception>
    [AmigoOperation("get-conversation-messages")]
    public virtual AmigoPageable<MessageInstance, GetConversationMessagesResponse> GetMessagesAsync(
        string conversationId, ConversationMessageListOptions? options = null, CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(conversationId, nameof(conversationId));
        options ??= new ConversationMessageListOptions();
        var ids = AmigoValidation.ObjectIds(options.Ids, "options.Ids", distinct: true);
        var messageTypes = options.MessageTypes is { Count: > 0 } types ? types.Distinct().ToArray() : null;
        foreach (var type in messageTypes ?? [])
        {
            if (!Enum.IsDefined(type))
            {
                throw new ArgumentException($"options.MessageTypes holds {type}, which is not a {nameof(MessageType)}.", "options.MessageTypes");
            }
        }

        var interactionIds = AmigoValidation.ObjectIds(options.InteractionIds, "options.InteractionIds", distinct: true);
        var sortBy = options.SortBy?.ToQueryValues() is { Count: > 0 } sort ? sort : null;
        var pageSize = AmigoValidation.PageSize(options.PageSize, 1, ConversationMessageListOptions.MaxPageSize, "options.PageSize");
        const string operation = "get-conversation-messages";

        return new AmigoPageable<MessageInstance, GetConversationMessagesResponse>(
            operation,
            (token, limit, ct) => CallAsync(operation, c => Client.GetConversationMessagesAsync(
                OrganizationId, conversationId, ids, messageTypes, interactionIds, limit, token, sortBy, cancellationToken: c), ct),
            r => (r.Messages.AsReadOnly(), r.HasMore, r.ContinuationToken),
            hint => AmigoValidation.PageSize(hint, 1, ConversationMessageListOptions.MaxPageSize, "pageSizeHint"),
            pageSize,
            cancellationToken);
    }

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

    /// <summary>Gets the raw source of a message that did not originate as text, such as a voice recording (<c>retrieve-message-source</c>).</summary>
    /// <remarks>Permissions: <c>Conversation:GetMessage</c> on the message. Rate limit: 30 requests per minute.</remarks>
    /// <param name="conversationId">The conversation (24-hex id).</param>
    /// <param name="messageId">The message (24-hex id).</param>
    /// <param name="longLived">
    /// Whether to get a URL that lasts 12 hours (<c>long_lived</c>). For security, prefer false (the default) where possible.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The source; see <see cref="MessageSource.Url"/>.</returns>
    /// <exception cref="ArgumentException">An id is not a 24-hex id.</exception>
    /// <exception cref="AmigoBadRequestException">The message is a text message.</exception>
    [AmigoOperation("retrieve-message-source")]
    public virtual Task<MessageSource> GetMessageSourceAsync(
        string conversationId, string messageId, bool longLived = false, CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(conversationId, nameof(conversationId));
        AmigoValidation.ObjectId(messageId, nameof(messageId));
        return RunAsync();

        async Task<MessageSource> RunAsync()
        {
            var body = await CallAsync(
                "retrieve-message-source",
                c => Client.RetrieveMessageSourceAsync(OrganizationId, conversationId, messageId, longLived, cancellationToken: c),
                cancellationToken).ConfigureAwait(false);
            return new MessageSource(body as JToken ?? (body is null ? JValue.CreateNull() : JToken.FromObject(body)));
        }
    }

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

    /// <summary>Adds, updates and removes tags of a conversation (<c>modify-tags-of-conversation</c>, HTTP 204). Tags not mentioned stay as they are.</summary>
    /// <remarks>
    /// A conversation holds at most 20 tags. Keys and values contain only letters, digits, underscores or spaces;
    /// values are at most 100 characters, or null for a tag without a value.
    /// Permissions: <c>Conversation:ModifyConversation</c> on the conversation. Rate limit: 50 requests per minute.
    /// </remarks>
    /// <param name="conversationId">The conversation (24-hex id).</param>
    /// <param name="updates">Tags to add or update (<c>updates</c>), at most 20; null for none.</param>
    /// <param name="deletes">Keys of tags to remove (<c>deletes</c>); null for none. A key cannot be both updated and removed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The id is not a 24-hex id, or a tag breaks the rules above.</exception>
    /// <exception cref="AmigoBadRequestException">The conversation would hold more than 20 tags.</exception>
    [AmigoOperation("modify-tags-of-conversation")]
    public virtual Task ModifyTagsAsync(
        string conversationId,
        IReadOnlyDictionary<string, string?>? updates = null,
        IEnumerable<string>? deletes = null,
        CancellationToken cancellationToken = default)
    {
        AmigoValidation.ObjectId(conversationId, nameof(conversationId));
        AmigoValidation.Tags(updates, nameof(updates));
        var deleteKeys = AmigoValidation.NonBlankStrings(deletes, nameof(deletes), distinct: true);
        if (updates is not null && deleteKeys?.FirstOrDefault(updates.ContainsKey) is { } both)
        {
            throw new ArgumentException($"Tag '{both}' is both in updates and in deletes; a tag can be updated or removed, not both.", nameof(deletes));
        }

        var body = new ModifyTagsOfConversationRequest
        {
            Updates = updates is { Count: > 0 } ? updates.ToDictionary(pair => pair.Key, pair => pair.Value) : null,
            Deletes = deleteKeys?.ToList(),
        };
        return CallAsync(
            "modify-tags-of-conversation",
            c => Client.ModifyTagsOfConversationAsync(OrganizationId, conversationId, body, cancellationToken: c),
            cancellationToken);
    }
}
