// Requires: ConversationsResource.ModifyTagsOfConversationAsync, ModifyTagsOfConversationRequest
using Amigo.Generated;

namespace Amigo.Tests.Resources;

/// <summary>modify-tags-of-conversation, which only the newest spec release has.</summary>
public sealed partial class ValidationTests
{
    partial void AssertModifyTagsRejects(string id) =>
        AssertParam(() => Client.Conversations.ModifyTagsOfConversationAsync(id, new ModifyTagsOfConversationRequest { Deletes = ["x"] }), "conversationId");
}
