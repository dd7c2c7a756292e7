// Requires: CreateConversationRequest.Tags
using Amigo.Generated;

namespace Amigo.Tests.Conversations;

/// <summary>Conversation tags, which only the newest spec release has.</summary>
public partial class ConversationTurnRequestTests
{
    static partial void TagOnCreate(CreateConversationRequest request) =>
        request.Tags = new Dictionary<string, string?> { ["channel"] = "web" };

    static partial void AssertTagSent(Newtonsoft.Json.Linq.JObject json) =>
        Assert.That((string?)json["tags"]!["channel"], Is.EqualTo("web"));
}
