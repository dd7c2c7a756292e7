using Amigo.Generated;

namespace Amigo;

public partial class ConversationsResource
{
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
