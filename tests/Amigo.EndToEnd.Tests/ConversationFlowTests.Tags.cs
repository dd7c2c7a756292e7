// Requires: CreateConversationRequest.Tags, ConversationsResource.ModifyTagsOfConversationAsync, ModifyTagsOfConversationRequest, ConversationInstance.Tags
using Amigo.Generated;

namespace Amigo.EndToEnd.Tests;

/// <summary>The conversation tags of <see cref="A_text_conversation_from_start_to_finish"/>, which only the newest spec release has.</summary>
public partial class ConversationFlowTests
{
    static partial void TagOnCreate(CreateConversationRequest request) =>
        request.Tags = new Dictionary<string, string?> { ["channel"] = "web" };

    static partial void ModifyTags(ConversationsResource conversations, string conversationId, ref Task tagging) =>
        tagging = conversations.ModifyTagsOfConversationAsync(conversationId, new ModifyTagsOfConversationRequest { Updates = new Dictionary<string, string?> { ["priority"] = "high" }, Deletes = ["channel"] });

    static partial void AssertModifiedTags(ConversationInstance listed) =>
        Assert.That(listed.Tags, Does.ContainKey("priority").And.Not.ContainKey("channel"));
}
